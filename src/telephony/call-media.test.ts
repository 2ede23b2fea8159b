import assert from 'node:assert/strict';
import { createSocket, type Socket } from 'node:dgram';
import { describe, it } from 'node:test';
import { CallMedia } from './call-media.js';
import { buildRtp, parseRtp, type RtpHeader } from './rtp.js';

/** A UDP endpoint on loopback that keeps the RTP packets it receives. */
async function udpPeer(): Promise<{ socket: Socket; port: number; packets: RtpHeader[] }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const packets: RtpHeader[] = [];
  socket.on('message', (data) => {
    const rtp = parseRtp(data);
    if (rtp) packets.push(rtp);
  });
  return { socket, port: socket.address().port, packets };
}

const keyPacket = (digit: number, timestamp: number, end: boolean, sequence: number) =>
  buildRtp(
    { payloadType: 101, marker: !end && sequence === 0, sequence, timestamp, ssrc: 7 },
    Buffer.from([digit, end ? 0x8a : 0x0a, 0, 160]),
  );

const settle = (ms = 100) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a call’s media', () => {
  it('reads RFC 4733 key presses from the caller’s address only, once per event however often its packets repeat', async () => {
    const caller = await udpPeer();
    const stranger = await udpPeer();
    const media = await CallMedia.open('127.0.0.1', undefined, {
      ip: '127.0.0.1',
      port: caller.port,
      codec: { name: 'pcma', payloadType: 8 },
      telephoneEvent: 101,
    });
    const digits: string[] = [];
    media.on('digit', (d: string) => digits.push(d));
    for (const [i, packet] of [
      keyPacket(5, 800, false, 0),
      keyPacket(5, 800, false, 1),
      keyPacket(5, 800, true, 2),
      keyPacket(5, 800, true, 3),
    ].entries()) {
      stranger.socket.send(packet, media.localPort, '127.0.0.1');
      caller.socket.send(packet, media.localPort, '127.0.0.1');
      if (i === 3) caller.socket.send(keyPacket(11, 1600, false, 4), media.localPort, '127.0.0.1');
    }
    // The same event replayed (as sipp replays a capture): a new key press after the end.
    caller.socket.send(keyPacket(5, 800, false, 5), media.localPort, '127.0.0.1');
    await settle();
    assert.deepEqual(digits, ['5', '#', '5']);
    assert.equal(media.counts.droppedWrongSource, 4);
    media.close();
    caller.socket.close();
    stranger.socket.close();
  });

  it('plays a prompt in 20 ms packets of the negotiated codec, in real time', async () => {
    const caller = await udpPeer();
    const media = await CallMedia.open('127.0.0.1', undefined, {
      ip: '127.0.0.1',
      port: caller.port,
      codec: { name: 'pcmu', payloadType: 0 },
    });
    const started = Date.now();
    await media.play(Buffer.alloc(8_000, 0xff)); // one second of µ-law silence
    const took = Date.now() - started;
    await settle(50);
    assert.equal(caller.packets.length, 50);
    assert.ok(caller.packets.every((p) => p.payloadType === 0 && p.payload.length === 160));
    assert.ok(
      caller.packets
        .slice(1)
        .every((p, i) => p.sequence === ((caller.packets[i]!.sequence + 1) & 0xffff) && p.timestamp === caller.packets[i]!.timestamp + 160),
    );
    assert.ok(took >= 950 && took < 1_500, `a second of audio takes a second (${took} ms)`);
    media.close();
    caller.socket.close();
  });

  it('relays both ways between the caller and Janus, re-framing the caller’s 30 ms packets into 20 ms ones, and drops strangers', async () => {
    const caller = await udpPeer();
    const janus = await udpPeer();
    const stranger = await udpPeer();
    const media = await CallMedia.open('127.0.0.1', undefined, {
      ip: '127.0.0.1',
      port: caller.port,
      codec: { name: 'pcma', payloadType: 8 },
      telephoneEvent: 101,
    });
    const relay = await media.openRelaySocket('127.0.0.1');
    media.startRelay({ ip: '127.0.0.1', port: janus.port });
    for (let i = 0; i < 10; i++)
      caller.socket.send(
        buildRtp({ payloadType: 8, marker: false, sequence: i, timestamp: i * 240, ssrc: 9 }, Buffer.alloc(240, i)),
        media.localPort,
        '127.0.0.1',
      );
    for (let i = 0; i < 5; i++)
      janus.socket.send(
        buildRtp({ payloadType: 8, marker: false, sequence: i, timestamp: i * 160, ssrc: 3 }, Buffer.alloc(160, 0xd5)),
        relay.port,
        '127.0.0.1',
      );
    stranger.socket.send(
      buildRtp({ payloadType: 8, marker: false, sequence: 0, timestamp: 0, ssrc: 4 }, Buffer.alloc(160)),
      relay.port,
      '127.0.0.1',
    );
    stranger.socket.send(
      buildRtp({ payloadType: 8, marker: false, sequence: 0, timestamp: 0, ssrc: 4 }, Buffer.alloc(160)),
      media.localPort,
      '127.0.0.1',
    );
    await settle();
    assert.equal(janus.packets.length, 15, '10 × 30 ms = 15 × 20 ms');
    assert.ok(janus.packets.every((p) => p.payload.length === 160 && p.payloadType === 8));
    assert.deepEqual(
      [...janus.packets[1]!.payload.subarray(70, 90)],
      [...Array(10).fill(0), ...Array(10).fill(1)],
      'the audio is carried over unchanged',
    );
    assert.equal(caller.packets.length, 5);
    assert.equal(media.counts.droppedWrongSource, 2);
    media.close();
    for (const peer of [caller, janus, stranger]) peer.socket.close();
  });
});
