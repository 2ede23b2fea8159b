import { linkToken } from '../events/testing.js';
import { sessionCookieOf, setUpAdmin, startTestPlenum, type TestPlenum } from '../testing/plenum.js';
import { RoomSocketClient, type RoomSocketMessage } from '../testing/room-socket.js';
import type { Dialect } from '../testing/stores.js';

/** Test helpers for room features: a listening Plenum, rooms, people in them over real WebSockets. */
export interface RoomKit {
  plenum: TestPlenum;
  admin: string;
  origin: string;
  socketUrl: string;
}

export async function startRoomKit(dialect: Dialect, env: Record<string, string> = {}): Promise<RoomKit> {
  const plenum = await startTestPlenum(dialect, { PORT: '0', ...env });
  const origin = await plenum.listen();
  const admin = await setUpAdmin(plenum);
  return { plenum, admin, origin, socketUrl: `${origin.replace('http', 'ws')}/api/rooms/socket` };
}

let client = 0;
/** Each request from another address, so the per-address limits stay out of the way. */
export const inject = (
  kit: RoomKit,
  method: 'GET' | 'POST',
  url: string,
  options: { payload?: object; cookie?: string; language?: string } = {},
) =>
  kit.plenum.app.inject({
    method,
    url,
    payload: options.payload,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.language ? { 'accept-language': options.language } : {}),
    },
    remoteAddress: `10.9.${Math.floor(++client / 250) % 250}.${client % 250}`,
  });

export interface TestRoom {
  id: string;
  meetingNumber: string;
  passcode: string;
}

export async function createMeeting(kit: RoomKit, title = 'Chat test', cookie = kit.admin): Promise<TestRoom> {
  return (await inject(kit, 'POST', '/api/meetings', { payload: { title }, cookie })).json<TestRoom>();
}

/** A webinar: the room of a scheduled webinar event. */
export async function createWebinar(kit: RoomKit, title = 'Webinar test'): Promise<TestRoom> {
  const start = new Date(Date.now() + 86_400_000);
  const event = await inject(kit, 'POST', '/api/events', {
    cookie: kit.admin,
    payload: {
      kind: 'webinar',
      title,
      description: 'Q&A test',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/Berlin',
      language: 'en',
    },
  });
  if (event.statusCode !== 201) throw new Error(`event not created: ${event.body}`);
  const meetings = (await inject(kit, 'GET', '/api/meetings', { cookie: kit.admin })).json<{
    meetings: (TestRoom & { eventId: string | null })[];
  }>().meetings;
  const room = meetings.find((m) => m.eventId === event.json<{ id: string }>().id);
  if (!room) throw new Error('the webinar has no room');
  return room;
}

export interface Person {
  socket: RoomSocketClient;
  id: string;
  /** Sends an intent and waits for its answer. */
  request(type: string, payload?: Record<string, unknown>): Promise<RoomSocketMessage>;
  /** Pushes of `type` received so far. */
  pushes(type: string): RoomSocketMessage[];
}

let intentId = 100;

async function enter(kit: RoomKit, joinToken: string, language = 'en'): Promise<Person> {
  const socket = await RoomSocketClient.open(kit.socketUrl, { origin: kit.origin, 'accept-language': language });
  const request = async (type: string, payload: Record<string, unknown> = {}) => {
    const id = ++intentId;
    socket.send({ type, id, ...payload });
    return socket.reply(id);
  };
  const hello = await request('hello', { token: joinToken });
  if (hello.type !== 'result') throw new Error(`hello refused: ${JSON.stringify(hello)}`);
  const welcome = await socket.next((m) => m.type === 'welcome');
  return { socket, id: (welcome.self as { id: string }).id, request, pushes: (type) => socket.messages.filter((m) => m.type === type) };
}

export async function joinAsGuest(kit: RoomKit, room: TestRoom, displayName: string, language?: string): Promise<Person> {
  const response = await inject(kit, 'POST', '/api/join', {
    payload: { meetingNumber: room.meetingNumber, passcode: room.passcode, displayName },
  });
  if (response.statusCode !== 200) throw new Error(`join refused: ${response.body}`);
  return enter(kit, response.json<{ joinToken: string }>().joinToken, language);
}

/**
 * The host enters and, where the room has a lobby (src/rooms/moderation.ts), switches it off so
 * guests come straight in: these tests are about what happens inside the room.
 */
export async function joinAsHost(kit: RoomKit, room: TestRoom, cookie = kit.admin): Promise<Person> {
  const response = await inject(kit, 'POST', `/api/meetings/${room.id}/host-join`, { cookie });
  if (response.statusCode !== 200) throw new Error(`host join refused: ${response.body}`);
  const host = await enter(kit, response.json<{ joinToken: string }>().joinToken);
  const lobby = await host.request('moderation.settings', { lobby: 'off' });
  if (lobby.type !== 'result' && lobby.code !== 'ERR_VALIDATION') throw new Error(`lobby not switched off: ${JSON.stringify(lobby)}`);
  return host;
}

/** A second staff member with the host role (invited and accepted), as a session cookie. */
export async function inviteHost(kit: RoomKit, email: string): Promise<string> {
  await inject(kit, 'POST', '/api/staff/invitations', {
    cookie: kit.admin,
    payload: { email, displayName: 'Other Host', role: 'host', language: 'en' },
  });
  const token = await linkToken(kit.plenum, email, /\/invite\/([\w-]+)/);
  const accepted = await inject(kit, 'POST', `/api/invitations/${token}/accept`, { payload: { password: 'a long host password' } });
  return sessionCookieOf(accepted);
}

export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));
