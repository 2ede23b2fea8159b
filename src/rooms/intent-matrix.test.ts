import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient as Client, type RoomSocketMessage } from '../testing/room-socket.js';
import { injectFromFreshClients } from '../testing/inject.js';

/**
 * Every intent of the room WebSocket, sent by a participant and by the host, against the answer
 * written down once here. In a room the join session's role decides (src/rooms/room-policy.ts,
 * chat/qa/recording policies); the host role itself is only granted through
 * `can(actor, 'rooms.manage', room)` (POST /api/meetings/:id/host-join). An intent without a row
 * fails, so a new one cannot skip its check. Janus is off here: media intents answer
 * alike for everyone (ERR_MEDIA_UNAVAILABLE, or nothing to do), which shows they are not refused by role.
 */

/** What the intent answers: ok (a result), the error code, or closed (the server closed the socket: left, ended). */
type Answer = 'ok' | 'closed' | `ERR_${string}`;

interface Context {
  /** The other person in the room: the host for the participant, the participant for the host. */
  other: string;
  questionId: string;
  pollId: string;
}

interface IntentRow {
  room: 'meeting' | 'webinar';
  payload?: (context: Context) => Record<string, unknown>;
  participant: Answer;
  host: Answer;
}

const hash = '0'.repeat(64);
const offer = { type: 'offer', sdp: 'v=0' };
const media = 'ERR_MEDIA_UNAVAILABLE';
const forbidden = 'ERR_FORBIDDEN';

const intents: Record<string, IntentRow> = {
  // One's own media and presence: anyone in the room.
  'audio.join': { room: 'meeting', payload: () => ({ offer, muted: true }), participant: media, host: media },
  'audio.mute': { room: 'meeting', payload: () => ({ muted: true }), participant: 'ok', host: 'ok' },
  publish: { room: 'meeting', payload: () => ({ kind: 'camera', offer }), participant: media, host: media },
  unpublish: { room: 'meeting', payload: () => ({ kind: 'camera' }), participant: 'ok', host: 'ok' },
  'video.show': {
    room: 'meeting',
    payload: ({ other }) => ({ videos: [{ participantId: other, kind: 'camera' }] }),
    participant: media,
    host: media,
  },
  'video.answer': { room: 'meeting', payload: () => ({ answer: { type: 'answer', sdp: 'v=0' } }), participant: media, host: media },
  trickle: { room: 'meeting', payload: () => ({ pc: 'audio', candidate: null }), participant: 'ok', host: 'ok' },
  'ice.servers': { room: 'meeting', participant: 'ok', host: 'ok' },
  leave: { room: 'meeting', participant: 'closed', host: 'closed' },
  'moderation.hand': { room: 'meeting', payload: () => ({ raised: true }), participant: 'ok', host: 'ok' },
  'moderation.state': { room: 'meeting', participant: 'ok', host: 'ok' },
  'chat.send': { room: 'meeting', payload: () => ({ text: 'Hallo' }), participant: 'ok', host: 'ok' },
  'chat.history': { room: 'meeting', participant: 'ok', host: 'ok' },
  'chat.pseudonym': { room: 'webinar', payload: () => ({ name: 'Gast' }), participant: 'ok', host: 'ERR_VALIDATION' },
  'recording.status': { room: 'meeting', participant: 'ok', host: 'ok' },
  'recording.decide': {
    room: 'meeting',
    payload: () => ({ decision: 'consent', noticeHash: hash }),
    participant: 'ERR_RECORDING_NOT_ACTIVE',
    host: 'ERR_RECORDING_NOT_ACTIVE',
  },
  'recording.withdraw': {
    room: 'meeting',
    payload: () => ({ erase: false, noticeHash: hash }),
    participant: 'ERR_RECORDING_NOT_ACTIVE',
    host: 'ERR_RECORDING_NOT_ACTIVE',
  },
  'poll.list': { room: 'meeting', participant: 'ok', host: 'ok' },
  'poll.vote': { room: 'meeting', payload: ({ pollId }) => ({ pollId, option: 0 }), participant: 'ok', host: 'ok' },
  'qa.list': { room: 'webinar', participant: 'ok', host: 'ok' },
  'qa.ask': { room: 'webinar', payload: () => ({ text: 'Eine Frage', anonymous: false }), participant: 'ok', host: 'ok' },
  'qa.upvote': { room: 'webinar', payload: ({ questionId }) => ({ questionId }), participant: 'ok', host: 'ok' },
  // Attendees watch once the host started the webinar (webinar.goLive); the host presents instead.
  'webinar.watch': { room: 'webinar', participant: 'ERR_WEBINAR_NOT_LIVE', host: 'ERR_VALIDATION' },
  'webinar.start': {
    room: 'webinar',
    payload: () => ({ answer: { type: 'answer', sdp: 'v=0' } }),
    participant: 'ERR_NOT_FOUND',
    host: 'ERR_NOT_FOUND',
  },
  'webinar.trickle': { room: 'webinar', payload: () => ({ candidate: null }), participant: 'ok', host: 'ok' },

  // Acting on the room or on other people: the host (and co-hosts, src/rooms/room-policy.ts).
  end: { room: 'meeting', participant: forbidden, host: 'closed' },
  'moderation.settings': { room: 'meeting', payload: () => ({ locked: true }), participant: forbidden, host: 'ok' },
  'lobby.admit': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ERR_NOT_FOUND' },
  'lobby.admitAll': { room: 'meeting', participant: forbidden, host: 'ok' },
  'lobby.reject': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ERR_NOT_FOUND' },
  'moderation.mute': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ok' },
  'moderation.muteAll': { room: 'meeting', payload: () => ({ allowUnmute: true }), participant: forbidden, host: 'ok' },
  'moderation.remove': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ok' },
  'moderation.lowerHand': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ok' },
  'moderation.role': {
    room: 'meeting',
    payload: ({ other }) => ({ participantId: other, role: 'cohost' }),
    participant: forbidden,
    host: 'ok',
  },
  'moderation.handOver': { room: 'meeting', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ok' },
  'invite.details': { room: 'meeting', participant: forbidden, host: 'ok' },
  'chat.minutes': { room: 'meeting', payload: () => ({ on: true }), participant: forbidden, host: 'ok' },
  'recording.start': { room: 'meeting', participant: forbidden, host: 'ERR_RECORDING_NOT_ALLOWED' },
  'recording.stop': { room: 'meeting', participant: forbidden, host: 'ERR_RECORDING_NOT_ACTIVE' },
  'poll.create': { room: 'meeting', payload: () => ({ question: 'Kaffee?', options: ['Ja', 'Nein'] }), participant: forbidden, host: 'ok' },
  'poll.close': { room: 'meeting', payload: ({ pollId }) => ({ pollId }), participant: forbidden, host: 'ok' },
  'qa.answer': {
    room: 'webinar',
    payload: ({ questionId }) => ({ questionId, text: 'Eine Antwort', private: false }),
    participant: forbidden,
    host: 'ok',
  },
  'qa.mark': {
    room: 'webinar',
    payload: ({ questionId }) => ({ questionId, status: 'answered_live' }),
    participant: forbidden,
    host: 'ok',
  },
  'webinar.goLive': { room: 'webinar', participant: forbidden, host: 'ok' },
  // Only who was invited to speak answers; nobody here was.
  'webinar.reply': { room: 'webinar', payload: () => ({ accept: true }), participant: 'ERR_NOT_FOUND', host: 'ERR_NOT_FOUND' },
  'webinar.promote': { room: 'webinar', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ok' },
  'webinar.demote': { room: 'webinar', payload: ({ other }) => ({ participantId: other }), participant: forbidden, host: 'ERR_NOT_FOUND' },
};

describe('room intent matrix', () => {
  let plenum: TestPlenum;
  let url: string;
  let origin: string;
  let admin: string;
  const open: Client[] = [];
  let nextId = 1;

  before(async () => {
    plenum = await startTestPlenum('sqlite', { PORT: '0', RATE_LIMIT_PER_MINUTE: '1000000' });
    origin = await plenum.listen();
    url = `${origin.replace('http', 'ws')}/api/rooms/socket`;
    admin = await setUpAdmin(plenum);
  });
  after(async () => {
    for (const client of open) client.socket.close();
    await plenum.dispose();
  });

  const inject = injectFromFreshClients(() => plenum.app);

  async function ask(client: Client, type: string, payload: Record<string, unknown> = {}): Promise<RoomSocketMessage> {
    const id = nextId++;
    client.send({ type, id, ...payload });
    return client.reply(id);
  }

  async function enter(token: string): Promise<{ client: Client; id: string }> {
    const client = await Client.open(url, { origin });
    open.push(client);
    const answer = await ask(client, 'hello', { token });
    assert.equal(answer.type, 'result', JSON.stringify(answer));
    const welcome = await client.next((m) => m.type === 'welcome');
    return { client, id: (welcome.self as { id: string }).id };
  }

  /** A fresh room with its host and one participant in it (no lobby), a question and a poll. */
  async function roomOf(kind: IntentRow['room']) {
    const meeting = (await inject('POST', '/api/meetings', { title: 'Matrix', kind, lobby: 'off' }, { cookie: admin })).json<{
      id: string;
      meetingNumber: string;
      passcode: string;
    }>();
    const host = await enter(
      (await inject('POST', `/api/meetings/${meeting.id}/host-join`, undefined, { cookie: admin })).json().joinToken,
    );
    const joined = await inject('POST', '/api/join', {
      meetingNumber: meeting.meetingNumber,
      passcode: meeting.passcode,
      displayName: 'Paula',
    });
    const participant = await enter(joined.json().joinToken);
    const question = kind === 'webinar' ? await ask(participant.client, 'qa.ask', { text: 'Vorab', anonymous: false }) : undefined;
    const poll = await ask(host.client, 'poll.create', { question: 'Tee?', options: ['Ja', 'Nein'] });
    const ids = {
      questionId: String((question?.data as { id?: string } | undefined)?.id ?? ''),
      pollId: String((poll.data as { id: string }).id),
    };
    return { host, participant, ids };
  }

  /** The answer; 'closed' when the server closed the socket instead (leave, end). */
  async function answerTo(client: Client, type: string, payload: Record<string, unknown>): Promise<string> {
    const id = nextId++;
    client.send({ type, id, ...payload });
    const answer = () => {
      const reply = client.messages.find((m) => m.id === id);
      if (reply) return reply.type === 'result' ? 'ok' : String(reply.code);
      if (client.closeCode !== undefined) return 'closed';
    };
    return client.when(answer, 3000, () => `an answer to ${type}`).catch(() => 'no answer');
  }

  it('has a row for every intent the room WebSocket accepts, and none for an intent that is gone', () => {
    const types = [...plenum.roomIntentTypes].sort();
    assert.deepEqual(
      types.filter((type) => !intents[type]),
      [],
      'intents without a row in src/rooms/intent-matrix.test.ts',
    );
    assert.deepEqual(
      Object.keys(intents).filter((type) => !types.includes(type)),
      [],
      'rows for intents that no longer exist',
    );
  });

  it('answers every intent as written, for a participant and for the host', async () => {
    const wrong: string[] = [];
    for (const [type, row] of Object.entries(intents)) {
      const { host, participant, ids } = await roomOf(row.room);
      // The participant first: a refused intent changes nothing the host's attempt depends on.
      const asParticipant = await answerTo(participant.client, type, row.payload?.({ ...ids, other: host.id }) ?? {});
      if (asParticipant !== row.participant) wrong.push(`${type} as participant: expected ${row.participant}, got ${asParticipant}`);
      const asHost = await answerTo(host.client, type, row.payload?.({ ...ids, other: participant.id }) ?? {});
      if (asHost !== row.host) wrong.push(`${type} as host: expected ${row.host}, got ${asHost}`);
      host.client.socket.close();
      participant.client.socket.close();
    }
    assert.deepEqual(wrong, []);
  });
});
