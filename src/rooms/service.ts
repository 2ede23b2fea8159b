import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuthService } from '../accounts/auth-service.js';
import { liveHostOf, ownerOf, ownerScope, permitted, type Actor } from '../accounts/policy.js';
import { AppError } from '../errors.js';
import { createFailureGate, memoryFailureCounts, type CaptchaCheck, type FailureCounts } from '../http/failure-gate.js';
import type { MediaPlane } from '../media/media-plane.js';
import { recordAudit, type AuditActor } from '../privacy/audit.js';
import { calendarFile } from '../shared/ics.js';
import type { Language } from '../config.js';
import type { LobbyMode, MeetingRecurrence, RoomKind, RoomTable } from '../store/schema.js';
import type { Executor, Store } from '../store/store.js';
import { formatMeetingNumber, newMeetingNumber, newPasscode, newPhonePin, normaliseMeetingNumber } from './codes.js';
import { JoinSessions, type JoinSession, type JoinSessionStore } from './join-sessions.js';
import { LiveRoom, type Peer } from './live-room.js';
import { LiveRooms, type Departure } from './live-rooms.js';
import type { InstanceBus } from '../cluster/instance-bus.js';
import type { RoomOwnership } from '../cluster/shared-room.js';
import { createAttendance } from './attendance.js';
import { createInvitation } from './room-invitation.js';
import { createModeration } from './moderation.js';
import { createLiveness, notLive, sharedParticipantCount, type Liveness } from './liveness.js';
import { createWebinar } from './webinar.js';
import { forgetRegistration } from './pseudonyms.js';
import type { RemovalReason, WebinarDetails } from '../shared/protocol/index.js';
import { coreIntentTypes, removalReason } from '../shared/protocol/index.js';
import { canInRoom } from './room-policy.js';
import { intentsByType, type FeatureIntent, type RoomFeature } from './room-features.js';
import { roomsRepo } from './repo.js';
import { invitationText } from './invitation.js';
import { nextStart, recurrenceRule, type MeetingSchedule } from './schedule.js';
import { formatLocal, instantOf, isTimeZone, parseLocal, wallTimeAt } from '../shared/time-zones.js';

export interface RoomSummary {
  id: string;
  title: string;
  kind: RoomKind;
  eventId: string | null;
  meetingNumber: string;
  passcode: string;
  joinUrl: string;
  createdAt: string;
  endedAt: string | null;
  live: boolean;
  participants: number;
  schedule: (MeetingSchedule & { localStart: string; nextStartsAt: string | null }) | null;
}

/** What a host plans: the first start as wall-clock time in a zone, how long, how often. */
export interface ScheduleInput {
  localStart: string;
  timeZone: string;
  durationMinutes: number;
  recurrence: MeetingRecurrence | 'none';
}

const sameText = (a: string, b: string) => {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
};

/** Meetings: creating them, letting people in, running them live, ending them. */
/** What a personal join link (from a registration) stands for, or undefined when it does not let anyone in. */
/**
 * Who a personal link belongs to: a registrant, or a webinar panelist the host invited (then
 * `registrationId` is the invitation's id and `panelist` is set). Throws when the link is known
 * but no longer admits anyone and says why (a withdrawn invitation).
 */
export type JoinLinkResolver = (
  token: string,
) => Promise<{ eventId: string; registrationId: string; displayName: string; panelist?: true } | undefined>;

export interface RoomsServiceOptions {
  /** Chat, Q&A, recording…: they plug into every live room and its WebSocket. */
  features?: readonly RoomFeature[];
  /** SIP_DIAL_IN_NUMBER, for the dial-in lines of a meeting's calendar file. */
  dialInNumber?: string;
  /** The self-hosted captcha a meeting asks for after many wrong passcodes (without it, no escalation). */
  captcha?: CaptchaCheck;
  /** How long a browser whose connection dropped keeps its place (default 30 s; tests shorten it). */
  reconnectGraceMs?: number;
  /** Who holds webinars (shown to attendees while they wait and at the end). */
  organiser?: string;
  /** An event's planned times and follow-up, for its webinar's waiting and end screens. */
  eventDetails?: (eventId: string) => Promise<Omit<WebinarDetails, 'organiser'> | undefined>;
  /** Where join sessions live: this process's memory (default), or Redis in cluster mode (redis-join-sessions.ts). */
  joinSessions?: JoinSessionStore;
  /** Where wrong passcodes are counted: this process's memory (default), or Redis as well in cluster mode. */
  failureCounts?: FailureCounts;
  /** Cluster mode: each live room has one owner instance (cluster/shared-room.ts); without it every room is this process's. */
  ownership?: RoomOwnership;
  /** Cluster mode: where another instance takes a room's sockets (its internal URL), to relay one that reached this instance. */
  instanceUrl?: (instanceId: string) => Promise<string | undefined>;
  /** Cluster mode: messages between instances (a revoked link reaches the room's owner, wherever it is). */
  bus?: InstanceBus;
}

/**
 * The room WebSocket's address for a room: the room id in the query lets a balancer send every
 * socket of a room to the same instance, its owner (nginx `hash $arg_room$arg_seat`,
 * docs/operations.md). A webinar attendee's address adds a seat of their own, so attendees
 * spread over all instances (each serves its attendees for the owner, remote-seats.ts) and come
 * back to the same one when they reconnect. The server takes the room from the join session,
 * never from the query.
 */
export const socketPathOf = (roomId: string, attendee = false) =>
  `/api/rooms/socket?room=${roomId}${attendee ? `&seat=${randomBytes(6).toString('hex')}` : ''}`;

/** After this many wrong passcodes for one meeting within the window, joining it needs a solved captcha. */
export const passcodeFailures = { threshold: 20, windowMs: 10 * 60_000 };
/** After this many wrong passcodes from one client address within the window, that address is refused for a while. */
export const passcodeFailuresPerClient = { threshold: 10, windowMs: 10 * 60_000 };

function scheduleOf(row: RoomTable): MeetingSchedule | null {
  if (!row.scheduled_start_at || !row.time_zone || !row.duration_minutes) return null;
  return {
    startsAt: row.scheduled_start_at,
    timeZone: row.time_zone,
    durationMinutes: row.duration_minutes,
    recurrence: row.recurrence ?? null,
  };
}

/** The columns for a planned schedule (or none): the start must be a real date and time in a known zone. */
function scheduleColumns(input: ScheduleInput | null) {
  if (!input) return { scheduled_start_at: null, time_zone: null, duration_minutes: null, recurrence: null };
  if (!isTimeZone(input.timeZone)) throw new AppError('ERR_TIME_ZONE_INVALID');
  const wall = parseLocal(input.localStart);
  if (!wall) throw new AppError('ERR_SCHEDULE_START_INVALID');
  return {
    scheduled_start_at: new Date(instantOf(wall, input.timeZone)).toISOString(),
    time_zone: input.timeZone,
    duration_minutes: input.durationMinutes,
    recurrence: input.recurrence === 'none' ? null : input.recurrence,
  };
}

export function createRoomsService(
  store: Store,
  media: MediaPlane,
  auth: AuthService,
  resolveJoinLink: JoinLinkResolver,
  publicUrl: URL,
  log: Logger,
  options: RoomsServiceOptions = {},
) {
  const { db } = store;
  const joinSessions: JoinSessionStore = options.joinSessions ?? new JoinSessions();
  const moderation = createModeration({
    // Refused by the room's removals even if this fails (Redis out of reach): logged, not thrown.
    revokeSession: (participantId) =>
      joinSessions.revokeParticipant(participantId).catch((err: unknown) => log.error({ err }, 'join session not revoked')),
    saveLobbyMode: (roomId, mode, hostAccountId) =>
      store.transaction(async (tx) => {
        await roomsRepo.setLobby(tx, roomId, mode);
        if (hostAccountId)
          await recordAudit(
            tx,
            { kind: 'staff', accountId: hostAccountId },
            { action: 'meeting.lobby_changed', subject: { type: 'room', id: roomId }, detail: { lobby: mode } },
          );
      }),
    liveRoom: (roomId) => live.get(roomId),
    ...(options.ownership ? { sharedState: options.ownership.state } : {}),
  });
  const webinar = createWebinar(async (roomId): Promise<WebinarDetails> => {
    const row = await roomsRepo.findById(db, roomId);
    const event = row?.event_id ? await options.eventDetails?.(row.event_id) : undefined;
    return { organiser: options.organiser ?? '', ...event };
  });
  const invitation = createInvitation((roomId) => roomsRepo.findById(db, roomId), publicUrl, options.dialInNumber);
  const features: RoomFeature[] = [];
  const featureIntents = new Map<string, FeatureIntent>();
  /** Adds a feature to every room opened from now on (the modules' features are plugged before the first room opens). */
  const plug = (feature: RoomFeature) => {
    const intents = intentsByType([feature], new Set([...coreIntentTypes, ...featureIntents.keys()]));
    for (const [type, intent] of intents) featureIntents.set(type, intent);
    features.push(feature);
  };
  for (const feature of [moderation.feature, webinar.feature, invitation, sharedParticipantCount, ...(options.features ?? [])])
    plug(feature);
  /** The live rooms; each shows itself to the features plugged so far (`features` is shared, not copied). */
  const live = new LiveRooms(
    (row, onEmpty) => {
      const room = new LiveRoom(row.id, row.kind, row.title, media, attendance, log, onEmpty, options.reconnectGraceMs);
      // A role given in the room holds when the person comes back through another instance.
      room.on('role', (participantId, role) =>
        joinSessions.setRole(participantId, role).catch((err: unknown) => log.error({ err }, 'role not kept in the join session')),
      );
      return room;
    },
    features,
    moderation,
    options.ownership,
    async (roomId) => Boolean((await roomsRepo.findById(db, roomId))?.ended_at),
  );
  const counts = options.failureCounts ?? memoryFailureCounts;
  const passcodeGate = options.captcha ? createFailureGate(options.captcha, db, counts('passcode', passcodeFailures)) : undefined;
  const clientFailures = counts('passcode-client', passcodeFailuresPerClient);

  media.on('reset', (node?: string) => {
    for (const room of live.values()) void room.resetMedia(node);
  });

  const attendance = createAttendance(store);

  const livenessOf = createLiveness((roomId) => live.get(roomId), log, options.ownership);
  const joinUrlOf = (row: RoomTable) => new URL(`/join?meeting=${row.meeting_number}`, publicUrl).toString();

  function summaryOf(row: RoomTable, liveness: Liveness): RoomSummary {
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      eventId: row.event_id,
      meetingNumber: formatMeetingNumber(row.meeting_number),
      passcode: row.passcode,
      joinUrl: joinUrlOf(row),
      createdAt: row.created_at,
      endedAt: row.ended_at,
      live: liveness.live,
      participants: liveness.participants,
      schedule: presentSchedule(row),
    };
  }

  /** Meetings as a host sees them, live or not wherever they run (liveness.ts). */
  async function present(rows: RoomTable[]): Promise<RoomSummary[]> {
    const found = await livenessOf(rows);
    return rows.map((row) => summaryOf(row, found.get(row.id) ?? notLive));
  }
  const presentOne = async (row: RoomTable) => (await present([row]))[0]!;

  function presentSchedule(row: RoomTable): RoomSummary['schedule'] {
    const schedule = scheduleOf(row);
    if (!schedule) return null;
    const localStart = formatLocal(wallTimeAt(Date.parse(schedule.startsAt), schedule.timeZone));
    return { ...schedule, localStart, nextStartsAt: nextStart(schedule, Date.now()) };
  }

  /** Rotating or scheduling belongs to plain meetings: an event's room follows the event and its registrants' mails. */
  function plainMeeting(row: RoomTable): RoomTable {
    if (row.event_id) throw new AppError('ERR_MEETING_OF_EVENT');
    return row;
  }

  /** The room when the actor may manage it (src/accounts/policy.ts); otherwise not found, so others' rooms cannot be probed. */
  const managedRoom = async (actor: Actor, roomId: string): Promise<RoomTable> =>
    permitted(actor, 'rooms.manage', await roomsRepo.findById(db, roomId));

  async function insertRoom(
    tx: Executor,
    input: { title: string; kind: RoomKind; hostAccountId: string; ownerId: string; eventId: string | null } & Partial<
      ReturnType<typeof scheduleColumns>
    >,
  ): Promise<RoomTable> {
    const row: RoomTable = {
      id: randomUUID(),
      meeting_number: newMeetingNumber(),
      passcode: newPasscode(),
      title: input.title,
      kind: input.kind,
      host_account_id: input.hostAccountId,
      owner_id: input.ownerId,
      event_id: input.eventId,
      created_at: new Date().toISOString(),
      ended_at: null,
      phone_pin: newPhonePin(),
      scheduled_start_at: input.scheduled_start_at ?? null,
      time_zone: input.time_zone ?? null,
      duration_minutes: input.duration_minutes ?? null,
      recurrence: input.recurrence ?? null,
    };
    await roomsRepo.insertRoom(tx, row);
    return row;
  }

  // Cluster mode: a link revoked on another instance (the room may be owned here).
  options.bus?.handle('expel', ({ registrationId, reason, from }) => {
    if (from === options.bus?.instanceId || typeof registrationId !== 'string') return;
    return expelRegistration(registrationId, removalReason.safeParse(reason).data);
  });

  return {
    /** The intents room features add to the WebSocket, by type. */
    featureIntents,

    plug,

    /** Who gets into a live room: lobby, lock, removals (src/rooms/moderation.ts). */
    moderation,

    /** A meeting created through an API token belongs to the token and is hosted live by the admin who created the token. */
    async createMeeting(
      actor: Actor,
      input: { title: string; lobby?: LobbyMode; kind?: RoomKind; schedule?: ScheduleInput | null },
    ): Promise<RoomSummary> {
      const schedule = scheduleColumns(input.schedule ?? null);
      const row = await store.transaction(async (tx) => {
        const created = await insertRoom(tx, {
          title: input.title,
          kind: input.kind ?? 'meeting',
          hostAccountId: liveHostOf(actor),
          ownerId: ownerOf(actor),
          eventId: null,
          ...schedule,
        });
        if (input.lobby) await roomsRepo.setLobby(tx, created.id, input.lobby);
        await recordAudit(tx, actor, { action: 'meeting.created', subject: { type: 'room', id: created.id } });
        return created;
      });
      return summaryOf(row, notLive);
    },

    /** Title and schedule of a plain meeting; `schedule: null` removes the schedule. */
    async updateMeeting(actor: Actor, roomId: string, input: { title?: string; schedule?: ScheduleInput | null }): Promise<RoomSummary> {
      const row = plainMeeting(await managedRoom(actor, roomId));
      const changes = {
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.schedule === undefined ? {} : scheduleColumns(input.schedule)),
      };
      await store.transaction(async (tx) => {
        await roomsRepo.update(tx, row.id, changes);
        await recordAudit(tx, actor, { action: 'meeting.updated', subject: { type: 'room', id: row.id } });
      });
      return presentOne({ ...row, ...changes });
    },

    /**
     * A new meeting ID, passcode and phone PIN: the old ones stop letting anyone in. People who
     * are in the room stay (their join sessions still carry them through reconnects).
     */
    async rotateAccess(actor: Actor, roomId: string): Promise<RoomSummary> {
      const row = plainMeeting(await managedRoom(actor, roomId));
      const access = { meeting_number: newMeetingNumber(), passcode: newPasscode(), phone_pin: newPhonePin() };
      await store.transaction(async (tx) => {
        await roomsRepo.update(tx, row.id, access);
        await recordAudit(tx, actor, { action: 'meeting.access_rotated', subject: { type: 'room', id: row.id } });
      });
      return presentOne({ ...row, ...access });
    },

    /** The calendar file a host sends: local time with the zone, the recurrence, the join link (no passcode) and dial-in lines. */
    async calendar(actor: Actor, roomId: string, language: Language): Promise<string> {
      const row = await managedRoom(actor, roomId);
      const schedule = scheduleOf(row);
      if (!schedule) throw new AppError('ERR_MEETING_NOT_SCHEDULED');
      const startsAt = Date.parse(schedule.startsAt);
      return calendarFile({
        uid: `${row.id}@plenum`,
        title: row.title,
        description: invitationText(language, {
          joinUrl: joinUrlOf(row),
          meetingNumber: formatMeetingNumber(row.meeting_number),
          dialInNumber: options.dialInNumber,
        }),
        startsAt: schedule.startsAt,
        endsAt: new Date(startsAt + schedule.durationMinutes * 60_000).toISOString(),
        url: joinUrlOf(row),
        cancelled: false,
        timeZone: schedule.timeZone,
        rrule: recurrenceRule(schedule),
      });
    },

    /** For scheduled events: the event's room, created in the event's transaction and owned by the event's owner. */
    async createRoomForEvent(tx: Executor, actor: Actor, input: { eventId: string; title: string; kind: RoomKind }) {
      const row = await insertRoom(tx, { ...input, hostAccountId: liveHostOf(actor), ownerId: ownerOf(actor) });
      return { roomId: row.id, meetingNumber: formatMeetingNumber(row.meeting_number), passcode: row.passcode };
    },

    /** The room of a scheduled event (the host starts the event there). */
    async roomIdOfEvent(eventId: string): Promise<string | undefined> {
      return (await roomsRepo.findByEventId(db, eventId))?.id;
    },

    async listMeetings(actor: Actor): Promise<RoomSummary[]> {
      const rows = await roomsRepo.listRooms(db, ownerScope(actor, 'rooms.manage'));
      return present(rows);
    },

    async getMeeting(actor: Actor, roomId: string): Promise<RoomSummary> {
      return presentOne(await managedRoom(actor, roomId));
    },

    /**
     * The same refusal for an unknown meeting and a wrong passcode, so neither can be probed.
     * Only wrong passcodes count; after many, the meeting asks for a solved captcha first.
     */
    async joinWithPasscode(
      input: { meetingNumber: string; passcode: string; displayName: string; captcha?: string | undefined },
      clientAddress: string,
    ) {
      if (await clientFailures.reached(clientAddress))
        throw new AppError('ERR_RATE_LIMITED', { retryAfter: passcodeFailuresPerClient.windowMs / 1000 });
      const meetingNumber = normaliseMeetingNumber(input.meetingNumber);
      await passcodeGate?.admit(meetingNumber, input.captcha);
      const row = await roomsRepo.findByMeetingNumber(db, meetingNumber);
      if (!row || !sameText(row.passcode, input.passcode.trim().toLowerCase())) {
        await clientFailures.failed(clientAddress);
        await passcodeGate?.failed(meetingNumber);
        throw new AppError('ERR_JOIN_REFUSED');
      }
      if (row.ended_at) throw new AppError('ERR_MEETING_ENDED');
      await moderation.checkJoin(row, { role: 'participant', registrationId: null });
      const { token } = await joinSessions.grant({
        roomId: row.id,
        displayName: input.displayName,
        role: 'participant',
        accountId: null,
        registrationId: null,
      });
      const watchOnly = row.kind === 'webinar';
      return { joinToken: token, title: row.title, kind: row.kind, watchOnly, socketPath: socketPathOf(row.id, watchOnly) };
    },

    /** A registrant's personal link: exactly that person, with the name they registered, in the room once (a new use replaces the earlier one). */
    async joinWithLink(token: string) {
      const link = await resolveJoinLink(token);
      const row = link && (await roomsRepo.findByEventId(db, link.eventId));
      if (!link || !row) throw new AppError('ERR_JOIN_LINK_INVALID');
      if (row.ended_at) throw new AppError('ERR_MEETING_ENDED');
      await moderation.checkJoin(row, { role: 'participant', registrationId: link.registrationId });
      const { token: joinToken } = await joinSessions.grantPersonal({
        roomId: row.id,
        displayName: link.displayName,
        role: 'participant',
        accountId: null,
        registrationId: link.registrationId,
        ...(link.panelist && { panelist: true }),
      });
      // An invited panelist sends media: the device check, then backstage until the host starts.
      const watchOnly = row.kind === 'webinar' && !link.panelist;
      return { joinToken, title: row.title, kind: row.kind, watchOnly, socketPath: socketPathOf(row.id, watchOnly) };
    },

    /** The host enters; a meeting that ended starts again, with the same meeting ID and passcode. */
    async joinAsHost(actor: Actor, roomId: string) {
      const row = await managedRoom(actor, roomId);
      if (actor.kind !== 'staff') throw new AppError('ERR_FORBIDDEN');
      if (row.ended_at) {
        await store.transaction(async (tx) => {
          await roomsRepo.reopen(tx, row.id);
          await recordAudit(tx, actor, { action: 'meeting.restarted', subject: { type: 'room', id: row.id } });
        });
      }
      const profile = await auth.profile(actor);
      const displayName = profile.kind === 'staff' ? profile.displayName : 'Host';
      const { token } = await joinSessions.grant({
        roomId: row.id,
        displayName,
        role: 'host',
        accountId: actor.accountId,
        registrationId: null,
      });
      return { joinToken: token, title: row.title, kind: row.kind, watchOnly: false, socketPath: socketPathOf(row.id) };
    },

    async endMeeting(actor: Actor, roomId: string): Promise<void> {
      const row = await managedRoom(actor, roomId);
      await endRoom(row.id, actor);
    },

    async attendance(actor: Actor, roomId: string) {
      await managedRoom(actor, roomId);
      const rows = await roomsRepo.listAttendance(db, roomId);
      return rows.map((r) => ({ displayName: r.display_name, role: r.role, joinedAt: r.joined_at, leftAt: r.left_at }));
    },

    /**
     * A phone caller typed a meeting number and a PIN: for a plain meeting its phone PIN, for an
     * event's room a registrant's personal PIN (`personalPin` names the registration). Undefined
     * for a wrong number, a wrong PIN or an ended meeting alike, so none can be probed.
     */
    async enterByPhone(
      meetingNumber: string,
      pin: string,
      displayName: string,
      personalPin: (eventId: string, pin: string) => Promise<string | undefined>,
    ): Promise<{ session: JoinSession; room: LiveRoom } | undefined> {
      const row = await roomsRepo.findByMeetingNumber(db, normaliseMeetingNumber(meetingNumber));
      if (!row || row.ended_at) return undefined;
      const registrationId = row.event_id ? await personalPin(row.event_id, pin) : null;
      if (row.event_id ? !registrationId : !row.phone_pin || !sameText(row.phone_pin, pin)) return undefined;
      // Locked rooms and removed registrants stay out by phone too (AppError, as for the web join).
      await moderation.checkJoin(row, { role: 'participant', registrationId: registrationId ?? null });
      const { token } = await joinSessions.grant({
        roomId: row.id,
        displayName,
        role: 'participant',
        accountId: null,
        registrationId: registrationId ?? null,
      });
      const session = await joinSessions.find(token);
      if (!session) throw new AppError('ERR_JOIN_SESSION_INVALID');
      return { session, room: await live.open(row) };
    },

    /**
     * The join session behind a WebSocket's hello, and the live room it opens. `hashed`: the
     * token's SHA-256, as another instance seating an attendee here sends it (cluster mode).
     */
    async enter(token: string, { hashed = false } = {}): Promise<{ session: JoinSession; room: LiveRoom }> {
      const found = hashed ? await joinSessions.findHashed?.(token) : await joinSessions.find(token);
      if (!found) throw new AppError('ERR_JOIN_SESSION_INVALID');
      const row = await roomsRepo.findById(db, found.roomId);
      if (!row || row.ended_at) throw new AppError('ERR_MEETING_ENDED');
      // In cluster mode the room opens only on its owner (ERR_ROOM_ELSEWHERE elsewhere), with what a previous owner left.
      const room = await live.open(row);
      // Someone already in the room keeps the one session object the room holds (their role lives there).
      const session = room.sessionOf(found.participantId) ?? found;
      try {
        moderation.checkEntry(session, room);
      } catch (error) {
        live.closeIfIdle(room);
        throw error;
      }
      return { session, room };
    },

    /** Ends a meeting from inside the room (a host's intent; the host may be a participant the staff host handed the role to). */
    async endFromRoom(session: JoinSession): Promise<void> {
      if (!canInRoom(session, 'end')) throw new AppError('ERR_FORBIDDEN');
      await endRoom(session.roomId, session.accountId ? { kind: 'staff', accountId: session.accountId } : { kind: 'public' });
    },

    /**
     * Someone goes: a browser's WebSocket closed (`dropped`), they left, or a phone caller hung up
     * (`left`). The same steps for every transport (live-rooms.ts).
     */
    depart: (room: LiveRoom, session: JoinSession, peer: Peer, how: Departure) => live.depart(room, session, peer, how),

    /**
     * A personal link was revoked or its registration (or panelist invitation) erased: its join
     * sessions end on every instance, and whoever is in a live room through it is taken out (cluster
     * mode: every instance is told, so the room's owner does it wherever it runs). `reason`: what
     * they are told, when it was not the host in the room.
     */
    async revokeRegistration(registrationId: string, reason?: RemovalReason): Promise<void> {
      await joinSessions.revokeRegistration(registrationId);
      await expelRegistration(registrationId, reason);
      await options.bus?.broadcast({ kind: 'expel', registrationId, ...(reason && { reason }) });
    },

    /** A room someone was turned away from at the door closes again when nobody else is in it. */
    closeIfIdle: (room: LiveRoom) => live.closeIfIdle(room),

    /** Cluster mode: which instance owns the room now (undefined: nobody; the next to open it takes it). */
    ownerOf: async (roomId: string) => options.ownership?.owner(roomId),

    /**
     * Cluster mode: true when no instance owns the room now, and its last owner (one that only
     * stalled) can no longer take it back; false while an instance owns it. Single mode: undefined.
     */
    abandoned: async (roomId: string) => options.ownership?.fenceIfVacant(roomId),

    /** Cluster mode: the WebSocket URL of the room on its owner instance (ERR_ROOM_ELSEWHERE names it), or undefined. */
    async ownerSocketUrl(ownerInstance: string, roomId: string): Promise<string | undefined> {
      const url = await options.instanceUrl?.(ownerInstance);
      return url && new URL(socketPathOf(roomId), url.replace(/^http/, 'ws')).toString();
    },

    /** How many rooms are live now (each with its moderation and feature state). */
    get liveRoomCount(): number {
      return live.size;
    },

    /** Shutdown: browsers are told to come back (close code 1012), the meetings stay open. */
    stop: () => live.stop(),
  };

  /** Whoever is in a live room here through the registration's link is taken out, and no pseudonym is kept for them. */
  async function expelRegistration(registrationId: string, reason?: RemovalReason): Promise<void> {
    for (const room of live.values()) {
      await moderation.expelRegistration(room, registrationId, reason);
      await forgetRegistration(room, registrationId).catch((err: unknown) =>
        log.warn({ err, roomId: room.roomId }, 'pseudonym not removed from the shared state; it lapses with it'),
      );
    }
  }

  async function endRoom(roomId: string, actor: Actor | AuditActor): Promise<void> {
    const now = new Date().toISOString();
    await store.transaction(async (tx) => {
      await roomsRepo.markEnded(tx, roomId, now);
      await recordAudit(tx, actor, { action: 'meeting.ended', subject: { type: 'room', id: roomId } });
    });
    // The room is marked ended already, which refuses every session of it; revoking them removes them.
    await joinSessions.revokeRoom(roomId).catch((err: unknown) => log.error({ err }, 'join sessions of an ended room not revoked'));
    await live.end(roomId);
    await roomsRepo.closeOpenAttendance(db, roomId, now);
  }
}

export type RoomsService = ReturnType<typeof createRoomsService>;
