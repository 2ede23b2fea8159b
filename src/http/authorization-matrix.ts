import { randomUUID } from 'node:crypto';

/**
 * The expected answer of every API route for every kind of actor, written down once and checked
 * by authorization-matrix.test.ts against the real app. Read a row as: this route, called by this
 * actor on their own resource / on someone else's, answers … The policy behind it is
 * src/accounts/policy.ts; docs/architecture.md "Who may do what" explains it.
 *
 * ok: any 2xx; hidden: 2xx, but the list leaves the resource out; a number: that status.
 * Someone else's event, meeting or recording answers 404, never 403, so its existence is not told.
 */

/** The kinds of callers: nobody, a meeting participant trying their join token as a bearer token, staff by role, API tokens by role. */
export type Actor = 'anonymous' | 'participant' | 'host' | 'dpo' | 'admin' | 'hostToken' | 'dpoToken' | 'adminToken';
export type Cell = 'ok' | 'hidden' | 400 | 401 | 403 | 404 | 409;

/**
 * What fills the path: `owned` an owner's event, registration, meeting or recording (own and
 * other's); the others are resources nobody owns, made fresh for each call; `none` no resource.
 */
export type Fixture = 'owned' | 'none' | 'staff' | 'apiToken' | 'privacyRequest' | 'hold' | 'processor' | 'callback';

export interface MatrixRow {
  fixture: Fixture;
  expect: Record<Actor, { own: Cell; other: Cell; any: Cell }>;
  /** The call changes its resource (cancel, end, delete, approve): each call gets a new set. */
  fresh?: boolean;
  /** The call ends the caller's session: each person signs in anew for it. */
  endsSession?: boolean;
  /** `{registrationId}` is a confirmed registrant (else one waiting for approval). */
  registration?: 'confirmed';
  /** `{id}` is the recording (else the meeting). */
  idOf?: 'recording';
  /** A list: which of the set's ids must be in the answer (ok) or left out (hidden). */
  lists?: 'eventId' | 'meetingId' | 'recordingId' | 'callId';
  /** A path parameter that is no resource (a token in a link): this value. */
  paramValue?: string;
  /** The request body; a function makes a new one for each call. */
  body?: object | (() => object);
}

type Answer = Cell | readonly [own: Cell, other: Cell];

/** Answers in the order anonymous, participant, host, dpo, admin, host token, DPO token, admin token. */
function answers(...cells: [Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer]): MatrixRow['expect'] {
  const order: Actor[] = ['anonymous', 'participant', 'host', 'dpo', 'admin', 'hostToken', 'dpoToken', 'adminToken'];
  return Object.fromEntries(
    order.map((actor, i) => {
      const cell = cells[i]!;
      const [own, other] = Array.isArray(cell) ? cell : [cell, cell];
      return [actor, { own, other, any: other }];
    }),
  ) as MatrixRow['expect'];
}

const ownOnly = ['ok', 404] as const;
const listsOwnOnly = ['ok', 'hidden'] as const;

// The rules, each once.
/** events.manage and rooms.manage on one resource: hosts (and host tokens) their own, admins all, the DPO none. */
const manages = answers(401, 401, ownOnly, 403, 'ok', ownOnly, 403, 'ok');
/** registrations.read on one event: like managing, and the DPO reads every event. */
const readsRegistrations = answers(401, 401, ownOnly, 'ok', 'ok', ownOnly, 'ok', 'ok');
/** Joining a meeting as its host: people only; a token is refused on its own meeting and told nothing of others'. */
const joinsAsHost = answers(401, 401, ownOnly, 403, 'ok', [403, 404], 403, 403);
const listsEvents = answers(401, 401, listsOwnOnly, 'ok', 'ok', listsOwnOnly, 'ok', 'ok');
const listsRooms = answers(401, 401, listsOwnOnly, 403, 'ok', listsOwnOnly, 403, 'ok');
const listsCalls = listsEvents;
const createsOwned = answers(401, 401, 'ok', 403, 'ok', 'ok', 403, 'ok');
const adminOnly = answers(401, 401, 403, 403, 'ok', 403, 403, 'ok');
/** Creating API tokens: an admin signed in, never a token (no token mints tokens). */
const adminInPerson = answers(401, 401, 403, 403, 'ok', 403, 403, 403);
const dpoOnly = answers(401, 401, 403, 'ok', 403, 403, 'ok', 403);
const processors = answers(401, 401, 403, 'ok', 'ok', 403, 'ok', 'ok');
const callbacks = answers(401, 401, 'ok', 403, 'ok', 'ok', 403, 'ok');
/** One's own password and second factor: people only. `answer` is what a person gets for the (deliberately wrong) input. */
const self = (answer: Cell) => answers(401, 401, answer, answer, answer, 403, 403, 403);
const signedIn = answers(401, 401, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok');
/** Public: the same answer for everyone, whoever they are signed in as. */
const open = (answer: Cell) => answers(answer, answer, answer, answer, answer, answer, answer, answer);

const owned = { fixture: 'owned' } as const;
/** Public forms limit attempts per email address: each call names a new one. */
const uniqueEmail = () => `${randomUUID()}@example.org`;
const recording = { fixture: 'owned', idOf: 'recording' } as const;
const noResource = { fixture: 'none' } as const;
const unknownToken = { fixture: 'none', paramValue: 'x'.repeat(43) } as const;
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const eventBody = {
  kind: 'meeting',
  title: 'Changed',
  startsAt: '2099-01-01T10:00:00.000Z',
  endsAt: '2099-01-01T11:00:00.000Z',
  timeZone: 'Europe/Berlin',
  language: 'de',
  approvalMode: 'manual',
};

export const authorizationMatrix: Record<string, MatrixRow> = {
  'GET /healthz': { ...noResource, expect: open('ok') },

  // Setup, sign-in, one's own account
  'GET /api/setup': { ...noResource, expect: open('ok') },
  'POST /api/setup': {
    ...noResource,
    body: { token: 'x'.repeat(43), email: 'a@example.org', displayName: 'A', password: 'a long enough password' },
    expect: open(409),
  },
  'POST /api/auth/login': { ...noResource, body: { email: 'nobody@example.org', password: 'not the password' }, expect: open(401) },
  // An API token has no session to end: its logout changes nothing and says so with 204.
  'POST /api/auth/logout': { ...noResource, endsSession: true, expect: signedIn },
  'GET /api/auth/session': { ...noResource, expect: signedIn },
  'POST /api/account/password': {
    ...noResource,
    body: { currentPassword: 'not the password', newPassword: 'a new long password' },
    expect: self(400),
  },
  'POST /api/account/totp/setup': { ...noResource, expect: self('ok') },
  'POST /api/account/totp/enable': { ...noResource, body: { code: '000000' }, expect: self(400) },
  'POST /api/account/totp/disable': { ...noResource, body: { password: 'not the password' }, expect: self(400) },

  // Staff and API tokens
  'GET /api/staff': { ...noResource, expect: adminOnly },
  'POST /api/staff/invitations': {
    ...noResource,
    body: () => ({ email: uniqueEmail(), displayName: 'Neu', role: 'host' }),
    expect: adminOnly,
  },
  'POST /api/staff/{id}/disable': { fixture: 'staff', expect: adminOnly },
  'POST /api/staff/{id}/enable': { fixture: 'staff', expect: adminOnly },
  'GET /api/invitations/{token}': { ...unknownToken, expect: open(404) },
  'POST /api/invitations/{token}/accept': { ...unknownToken, body: { password: 'a long enough password' }, expect: open(404) },
  'GET /api/api-tokens': { ...noResource, expect: adminOnly },
  'POST /api/api-tokens': { ...noResource, body: { name: 'CRM', role: 'host' }, expect: adminInPerson },
  'DELETE /api/api-tokens/{id}': { fixture: 'apiToken', expect: adminOnly },
  'GET /api/outbox': { ...noResource, expect: adminOnly },

  // The privacy portal: its own magic-link session, which no staff sign-in replaces
  'GET /api/public/privacy/notice': { ...noResource, expect: open('ok') },
  'GET /api/public/privacy/notice/changes': { ...noResource, expect: open('ok') },
  'GET /api/public/privacy/notice/versions/{version}': { ...noResource, paramValue: '0123456789abcdef', expect: open(404) },
  'POST /api/public/privacy/access': { ...noResource, body: () => ({ email: uniqueEmail() }), expect: open('ok') },
  'POST /api/public/privacy/session': { ...noResource, body: { token: 'x'.repeat(43) }, expect: open(404) },
  'GET /api/public/privacy/me': { ...noResource, expect: open(401) },
  'GET /api/public/privacy/me/export': { ...noResource, expect: open(401) },
  'POST /api/public/privacy/me/correct': {
    ...noResource,
    body: { item: { category: 'events.registrant-required', id: 'x' }, fields: { firstName: 'Erika' } },
    expect: open(401),
  },
  'POST /api/public/privacy/me/withdraw': {
    ...noResource,
    body: { item: { category: 'events.registrant-required', id: 'x' }, right: 'consent' },
    expect: open(401),
  },
  'POST /api/public/privacy/me/erase': { ...noResource, body: { confirm: true }, expect: open(401) },
  'POST /api/public/privacy/logout': { ...noResource, expect: open('ok') },

  // The DPO's privacy center
  'GET /api/privacy/requests': { ...noResource, expect: dpoOnly },
  'POST /api/privacy/requests': {
    ...noResource,
    body: { type: 'access', email: 'someone@example.org', receivedAt: '2026-12-01' },
    expect: dpoOnly,
  },
  'GET /api/privacy/requests/{id}': { fixture: 'privacyRequest', expect: dpoOnly },
  'POST /api/privacy/requests/{id}/extend': {
    fixture: 'privacyRequest',
    body: { months: 2, reason: 'many systems to search' },
    expect: dpoOnly,
  },
  'POST /api/privacy/requests/{id}/close': { fixture: 'privacyRequest', body: { status: 'done' }, expect: dpoOnly },
  'GET /api/privacy/requests/{id}/items': { fixture: 'privacyRequest', expect: dpoOnly },
  'GET /api/privacy/requests/{id}/export': { fixture: 'privacyRequest', expect: dpoOnly },
  'POST /api/privacy/requests/{id}/erase': { fixture: 'privacyRequest', body: { confirm: true }, expect: dpoOnly },
  'GET /api/privacy/holds': { ...noResource, expect: dpoOnly },
  'POST /api/privacy/holds': {
    ...noResource,
    body: { category: 'events.registrant-required', reason: 'a court case', until: '2099-01-01' },
    expect: dpoOnly,
  },
  'POST /api/privacy/holds/{id}/release': { fixture: 'hold', expect: dpoOnly },
  'GET /api/privacy/audit': { ...noResource, expect: dpoOnly },
  'POST /api/privacy/retention/run': { ...noResource, body: { dryRun: true }, expect: dpoOnly },
  'GET /api/privacy/record': { ...noResource, expect: dpoOnly },
  'GET /api/privacy/processors': { ...noResource, expect: processors },
  'POST /api/privacy/processors': {
    ...noResource,
    body: () => ({ name: `Mailer ${randomUUID()}`, purposeEn: 'mail', purposeDe: 'Mail', country: 'DE', transferBasis: 'eu' }),
    expect: processors,
  },
  'POST /api/privacy/processors/{id}': {
    fixture: 'processor',
    body: { name: 'Mailer', purposeEn: 'mail', purposeDe: 'Mail', country: 'DE', transferBasis: 'eu' },
    expect: processors,
  },
  'DELETE /api/privacy/processors/{id}': { fixture: 'processor', expect: processors },
  'GET /api/privacy/checklist': { ...noResource, expect: processors },

  // Organisation settings (admin) and the branding public pages show
  'GET /api/settings': { ...noResource, expect: adminOnly },
  'PUT /api/settings': { ...noResource, body: {}, expect: adminOnly },
  // Not an image: admins get the validation error, so no logo is ever stored by the matrix.
  'PUT /api/settings/logo': {
    ...noResource,
    body: { type: 'image/png', data: 'AAAA' },
    expect: answers(401, 401, 403, 403, 400, 403, 403, 400),
  },
  'DELETE /api/settings/logo': { ...noResource, expect: adminOnly },
  'GET /api/public/branding': { ...noResource, expect: open('ok') },
  'GET /api/public/callbacks/terms': { ...noResource, expect: open('ok') },
  'GET /api/public/branding/logo': { ...noResource, expect: open(404) },

  // Callback requests
  'POST /api/public/callbacks': {
    ...noResource,
    body: { name: 'Erika', phone: '+4930123456', preferredTime: 'morning', topic: 'Pricing', consent: true, captcha: 'not solved' },
    expect: open(400),
  },
  'GET /api/callbacks': { ...noResource, expect: callbacks },
  'POST /api/callbacks/{id}/assign': { fixture: 'callback', body: { me: true }, expect: callbacks },
  'POST /api/callbacks/{id}/done': { fixture: 'callback', expect: callbacks },

  // Events and their registrations
  'GET /api/events': { ...noResource, fixture: 'owned', lists: 'eventId', expect: listsEvents },
  'POST /api/events': { ...noResource, body: eventBody, expect: createsOwned },
  'GET /api/events/{eventId}': { ...owned, expect: readsRegistrations },
  // An edit keeps the event's kind (ERR_EVENT_KIND_FIXED), and the shared event is a webinar.
  'POST /api/events/{eventId}': { ...owned, body: { ...eventBody, kind: 'webinar' }, expect: manages },
  'POST /api/events/{eventId}/cancel': { ...owned, fresh: true, expect: manages },
  // Fresh: an edit of the event (above) replaces its speakers.
  'PUT /api/events/{eventId}/speakers/{speakerId}/photo': {
    ...owned,
    fresh: true,
    body: { type: 'image/png', data: onePixelPng },
    expect: manages,
  },
  'DELETE /api/events/{eventId}/speakers/{speakerId}/photo': { ...owned, fresh: true, expect: manages },
  'GET /api/events/{eventId}/panelists': { ...owned, expect: readsRegistrations },
  'POST /api/events/{eventId}/panelists': {
    ...owned,
    fresh: true,
    body: () => ({ name: 'Petra Podium', email: uniqueEmail() }),
    expect: manages,
  },
  'DELETE /api/events/{eventId}/panelists/{panelistId}': { ...owned, expect: manages },
  'GET /api/events/{eventId}/registrations': { ...owned, expect: readsRegistrations },
  'GET /api/events/{eventId}/registrations.csv': { ...owned, expect: readsRegistrations },
  'POST /api/events/{eventId}/registrations/{registrationId}/approve': { ...owned, fresh: true, expect: manages },
  'POST /api/events/{eventId}/registrations/{registrationId}/deny': { ...owned, fresh: true, expect: manages },
  'POST /api/events/{eventId}/registrations/{registrationId}/join-link': {
    ...owned,
    fresh: true,
    registration: 'confirmed',
    body: { action: 'revoke' },
    expect: manages,
  },

  // Public registration and join links
  'GET /api/public/captcha': { ...noResource, expect: open('ok') },
  'GET /api/public/events/{slug}': { ...owned, expect: open('ok') },
  'GET /api/public/events/{slug}/speakers/{speakerId}/photo': { ...owned, fresh: true, expect: open('ok') },
  'POST /api/public/events/{slug}/registrations': {
    ...owned,
    body: () => ({ firstName: 'Erika', lastName: 'Mustermann', email: uniqueEmail(), captcha: 'not solved' }),
    expect: open(400),
  },
  'POST /api/public/registrations/confirm': { ...noResource, body: { token: 'x'.repeat(43) }, expect: open(404) },
  'GET /api/public/registrations/{token}': { ...unknownToken, expect: open(404) },
  'POST /api/public/registrations/{token}': { ...unknownToken, body: { firstName: 'Erika', lastName: 'Mustermann' }, expect: open(404) },
  'DELETE /api/public/registrations/{token}': { ...unknownToken, expect: open(404) },
  'GET /api/public/join/{token}/calendar.ics': { ...unknownToken, expect: open(404) },

  // Meetings
  'POST /api/meetings': { ...noResource, body: { title: 'Jour fixe' }, expect: createsOwned },
  'GET /api/meetings': { ...noResource, fixture: 'owned', lists: 'meetingId', expect: listsRooms },
  'GET /api/meetings/{id}': { ...owned, expect: manages },
  'POST /api/meetings/{id}': { ...owned, body: { title: 'Jour fixe (neu)' }, expect: manages },
  'POST /api/meetings/{id}/access/rotate': { ...owned, expect: manages },
  'GET /api/meetings/{id}/calendar.ics': { ...owned, expect: manages },
  'POST /api/meetings/{id}/end': { ...owned, fresh: true, expect: manages },
  'GET /api/meetings/{id}/attendance': { ...owned, expect: manages },
  'POST /api/meetings/{id}/host-join': { ...owned, expect: joinsAsHost },
  'POST /api/join': { ...noResource, body: { meetingNumber: '000 0000 0000', passcode: 'wrong', displayName: 'Paula' }, expect: open(403) },
  'POST /api/join/link': { ...noResource, body: { token: 'x'.repeat(43) }, expect: open(404) },
  'GET /api/meetings/{id}/minutes': { ...owned, expect: manages },
  'GET /api/meetings/{id}/questions': { ...owned, expect: manages },
  'GET /api/meetings/{id}/dial-in': { ...owned, expect: manages },

  // Phone calls
  'GET /api/calls': { ...noResource, fixture: 'owned', lists: 'callId', expect: listsCalls },

  // Recordings
  'GET /api/meetings/{id}/recordings': { ...owned, expect: manages },
  'POST /api/meetings/{id}/recording-permission': { ...owned, body: { allowed: true }, expect: manages },
  'GET /api/recordings': { ...noResource, fixture: 'owned', lists: 'recordingId', expect: listsRooms },
  'GET /api/recordings/{id}': { ...recording, expect: manages },
  'DELETE /api/recordings/{id}': { ...recording, fresh: true, expect: manages },
  'GET /api/recordings/{id}/file': { ...recording, expect: manages },
};
