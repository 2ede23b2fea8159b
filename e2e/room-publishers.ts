import { tmpdir } from 'node:os';
import path from 'node:path';
import { RoomSocketClient, type RoomSocketMessage } from '../src/testing/room-socket.js';
import { ClipPublisher, preEncodedClip } from '../src/testing/werift-peers.js';
import type { RunningServer } from './harness.js';

/**
 * People in a meeting without a browser each: they join by passcode through the app like anyone,
 * and their camera is a werift peer replaying a pre-encoded VP8 clip (no encoder, no decoder),
 * so a test can fill a room with 20 cameras on a small machine.
 */
export interface CameraPublisher {
  id: string;
  socket: RoomSocketClient;
  close(): Promise<void>;
}

let nextId = 1000;
async function ask(
  socket: RoomSocketClient,
  type: string,
  payload: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<RoomSocketMessage> {
  const id = nextId++;
  socket.send({ type, id, ...payload });
  const answer = await socket.next((m) => m.id === id, timeoutMs);
  if (answer.type !== 'result') throw new Error(`${type}: ${answer.code} ${answer.message}`);
  return answer;
}

/** A small clip (320x180, 150 kbit/s): twenty of them fit through one 2-core box. */
export const smallClip = () => preEncodedClip(path.join(tmpdir(), 'plenum-e2e-clip-180p.webm'), 150, 10, '320x180');

/** Joins as `displayName` and publishes the clip as a camera (or as a screen share). */
export async function joinWithCamera(
  server: RunningServer,
  meeting: { meetingNumber: string; passcode: string },
  displayName: string,
  clip: string,
  kind: 'camera' | 'screen' = 'camera',
): Promise<CameraPublisher> {
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meetingNumber: meeting.meetingNumber.replaceAll(' ', ''), passcode: meeting.passcode, displayName }),
  });
  const { joinToken } = (await joined.json()) as { joinToken?: string };
  if (!joinToken) throw new Error(`${displayName} could not join: HTTP ${joined.status}`);
  const socket = await RoomSocketClient.open(`${server.url.replace('http', 'ws')}/api/rooms/socket`, { origin: server.url });
  const publisher = new ClipPublisher();
  const close = async () => {
    socket.socket.close();
    await publisher.close();
  };
  try {
    await ask(socket, 'hello', { token: joinToken });
    const welcome = await socket.next((m) => m.type === 'welcome');
    const { data } = await ask(socket, 'publish', { kind, offer: await publisher.offer() }, 20_000);
    await publisher.start((data as { answer: { type: 'answer'; sdp: string } }).answer, clip);
    return { id: (welcome.self as { id: string }).id, socket, close };
  } catch (error) {
    // Nothing of a failed join stays open (it would keep the test process alive).
    await close();
    throw error;
  }
}
