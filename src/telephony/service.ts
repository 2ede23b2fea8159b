import { randomInt, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ownerScope, type Actor } from '../accounts/policy.js';
import { AppError } from '../errors.js';
import { normaliseMeetingNumber } from '../rooms/codes.js';
import type { RecordingDecisionByPhone } from '../recording/feature.js';
import type { JoinSession } from '../rooms/join-sessions.js';
import type { LiveRoom, Peer } from '../rooms/live-room.js';
import type { RoomsService } from '../rooms/service.js';
import type { CallOutcome } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { CallMedia } from './call-media.js';
import { meetingLocked, runIvr } from './ivr.js';
import { createPinGuard, trunkAllowList } from './limits.js';
import { cleanNumber, countryOf, maskNumber } from './numbers.js';
import { personalPinHash } from './pins.js';
import { loadPrompts, type Prompts } from './prompts.js';
import { telephonyRepo } from './repo.js';
import { phoneConsentDialog } from './recording-consent.js';
import { buildAnswer } from './sdp.js';
import { SipEndpoint, type SipCall } from './sip-endpoint.js';

/** How far a call got: in the room (admitted), with its audio relayed (joined). */
interface CallState {
  admitted?: { session: JoinSession; room: LiveRoom; peer: Peer };
  joined: boolean;
  consent?: ReturnType<typeof phoneConsentDialog>;
}

/** How often a caller waiting in the lobby hears that the host will let them in. */
const lobbyReminderMs = 20_000;

export interface TelephonyConfig {
  host: string;
  port: number;
  trunkAllow: readonly string[];
  dialInNumber: string | undefined;
  rtpPorts: { min: number; max: number } | undefined;
  /** Where the relay's socket towards Janus listens. */
  relayHost: string;
  invitesPerMinute: number;
  maxCalls: number;
}

/**
 * Phone dial-in: the SIP endpoint takes calls from the trunk; each call hears the IVR, and once
 * the meeting ID and PIN admit it, the caller is a participant of the live room whose audio is
 * relayed to Janus' AudioBridge. Every call leaves a call record.
 */
export function createTelephony(
  sip: TelephonyConfig | undefined,
  store: Store,
  rooms: RoomsService,
  log: Logger,
  decideRecording?: RecordingDecisionByPhone,
) {
  const { db } = store;
  // Calls arrive only once start() ran, which needs the SIP config.
  const config = sip ?? ({} as TelephonyConfig);
  let prompts: Prompts | undefined;
  let endpoint: SipEndpoint | undefined;
  let port = 0;
  /** Calls in progress, so that stopping waits until their records are complete. */
  const calls = new Set<Promise<void>>();

  const pinGuard = createPinGuard();
  const personalPin = async (eventId: string, pin: string) =>
    (await telephonyRepo.registrationByPinHash(db, eventId, personalPinHash(eventId, pin)))?.id;

  async function handleCall(call: SipCall, signal: AbortSignal) {
    const media = await CallMedia.open(config.host, config.rtpPorts, call.offer);
    const recordId = randomUUID();
    const callerNumber = cleanNumber(call.callerNumber);
    await telephonyRepo.insertRecord(db, {
      id: recordId,
      room_id: null,
      caller_number: callerNumber,
      called_number: cleanNumber(call.calledNumber),
      caller_country: countryOf(callerNumber),
      source_ip: call.source.ip,
      source_port: call.source.port,
      transport: call.source.transport,
      outcome: 'in-ivr',
      started_at: new Date().toISOString(),
      ended_at: null,
    });
    const running = runCall(call, media, recordId, maskNumber(callerNumber), signal).catch((error: unknown) =>
      log.error({ err: error }, 'call record not completed'),
    );
    calls.add(running);
    void running.finally(() => calls.delete(running));
    return { sdp: buildAnswer(config.host, media.localPort, call.offer, randomInt(1, 2 ** 31)) };
  }

  async function runCall(call: SipCall, media: CallMedia, recordId: string, displayName: string, signal: AbortSignal): Promise<void> {
    const state: CallState = { joined: false };
    try {
      await admit(call, media, recordId, displayName, signal, state);
    } catch (error) {
      log.error({ err: error }, 'call could not join the meeting');
    }
    // Refused after three wrong entries, or failed: the app hangs up (BYE).
    if (!state.joined) call.hangUp();
    const by = await call.ended;
    state.consent?.close();
    const admitted = state.admitted;
    if (admitted) await rooms.depart(admitted.room, admitted.session, admitted.peer, 'left').catch(() => undefined);
    media.close();
    const outcome: CallOutcome | undefined = admitted ? undefined : by === 'app' ? 'refused' : 'abandoned';
    await telephonyRepo.ended(db, recordId, new Date().toISOString(), outcome);
    log.info({ by, packets: media.counts }, 'call ended');
  }

  /** The IVR, then the caller's place in the room (through the lobby, if the room has one) and the audio relay to Janus. */
  async function admit(
    call: SipCall,
    media: CallMedia,
    recordId: string,
    displayName: string,
    signal: AbortSignal,
    state: CallState,
  ): Promise<void> {
    const codecPrompts = prompts![call.offer.codec.name];
    await Promise.race([call.confirmed, call.ended]);
    if (signal.aborted) return;
    const line = {
      play: (name: keyof typeof codecPrompts) => media.play(codecPrompts[name]),
      stopPlaying: () => media.stopPlaying(),
      on: (event: 'digit', listener: (digit: string) => void) => media.on(event, listener),
      off: (event: 'digit', listener: (digit: string) => void) => media.off(event, listener),
    };
    // A locked room is announced; a removed registrant counts as a wrong entry, like a wrong PIN.
    const enter = (meetingNumber: string, pin: string) => {
      if (pinGuard.slowed(normaliseMeetingNumber(meetingNumber))) log.warn('phone entry slowed: many wrong PINs for this meeting');
      return pinGuard.check(normaliseMeetingNumber(meetingNumber), signal, () =>
        rooms.enterByPhone(meetingNumber, pin, displayName, personalPin).catch((error: unknown) => {
          if (error instanceof AppError) return error.code === 'ERR_ROOM_LOCKED' ? meetingLocked : undefined;
          throw error;
        }),
      );
    };
    const admitted = await runIvr(line, enter, signal);
    if (!admitted || signal.aborted) return;
    const { session, room } = admitted;
    await telephonyRepo.admitted(db, recordId, room.roomId);
    await media.play(codecPrompts.joining);
    if (signal.aborted) return;
    let letIn!: () => void;
    const lobbyOpened = new Promise<void>((resolve) => (letIn = resolve));
    state.consent = phoneConsentDialog(
      { ...line, play: () => media.play(codecPrompts.recording) },
      (decision, notice) => (decideRecording ? decideRecording(room, session.participantId, decision, notice) : Promise.resolve()),
      (error) => log.error({ err: error }, "a caller's recording decision was not stored"),
    );
    const peer = phonePeer(call, media, session, room, letIn, state.consent);
    state.admitted = { ...admitted, peer };
    const waiting = await rooms.moderation.arrive(room, session, peer);
    if (waiting) await waitInLobby(media, codecPrompts.lobby, Promise.race([lobbyOpened, call.ended]));
    if (signal.aborted) return;
    await joinAudio(call, media, session, room);
    state.joined = !signal.aborted;
    state.consent.joined();
    log.info({ room: room.roomId }, 'caller joined the meeting');
  }

  /** The caller hears that the host will let them in, again every 20 s, until they are let in or hang up. */
  async function waitInLobby(media: CallMedia, prompt: Buffer, until: Promise<unknown>): Promise<void> {
    let waiting = true;
    void until.then(() => {
      waiting = false;
      media.stopPlaying();
    });
    while (waiting) {
      await media.play(prompt);
      await Promise.race([until, new Promise((resolve) => setTimeout(resolve, lobbyReminderMs).unref())]);
    }
  }

  async function joinAudio(call: SipCall, media: CallMedia, session: JoinSession, room: LiveRoom): Promise<void> {
    const relay = await media.openRelaySocket(config.relayHost);
    // In a webinar callers listen like attendees; the host may unmute them.
    const janus = await room.joinPhoneAudio(
      session.participantId,
      { ...relay, codec: call.offer.codec.name, payloadType: call.offer.codec.payloadType },
      room.kind === 'webinar',
    );
    media.startRelay(janus);
  }

  /**
   * The call as a participant's connection. Room pushes mean nothing on the phone except being
   * let in from the lobby, the recording state (asked by the spoken notice), a media reset and
   * the end of the meeting (announced before hanging up); closing it (removed by the host,
   * meeting ended) hangs up.
   */
  function phonePeer(
    call: SipCall,
    media: CallMedia,
    session: JoinSession,
    room: LiveRoom,
    letIn: () => void,
    consent: ReturnType<typeof phoneConsentDialog>,
  ): Peer {
    let meetingEnded = false;
    return {
      send(message) {
        if (message.type === 'lobby.admitted') letIn();
        if (message.type === 'ended') meetingEnded = true;
        if (message.type === 'recording.state')
          consent.update({ active: message.active === true, decision: typeof message.decision === 'string' ? message.decision : null });
        if (message.type !== 'media.reset') return;
        // Janus restarted: join the new mix through a new relay socket.
        void joinAudio(call, media, session, room)
          .then(() => consent.joined())
          .catch((error: unknown) => {
            log.warn({ err: error }, 'caller could not rejoin the audio after a media reset');
            call.hangUp();
          });
      },
      close() {
        if (!meetingEnded) return call.hangUp();
        // The host ended the meeting: say so, then hang up.
        media.stopRelay();
        void media.play(prompts![call.offer.codec.name].ended).then(() => call.hangUp());
      },
    };
  }

  return {
    /** Listens for calls when SIP_PORT is configured; without it only the records and dial-in details are served. */
    async start(): Promise<void> {
      if (!sip) return;
      prompts = loadPrompts();
      const isAllowed = trunkAllowList(config.trunkAllow);
      endpoint = new SipEndpoint({
        host: config.host,
        port: config.port,
        isAllowed,
        invitesPerMinute: config.invitesPerMinute,
        maxCalls: config.maxCalls,
        log,
        onCall: handleCall,
      });
      ({ port } = await endpoint.start());
      log.info({ port }, 'SIP endpoint listening');
    },

    get port(): number {
      return port;
    },

    /** Hangs up every call (BYE) and completes their records. */
    async stop(): Promise<void> {
      await endpoint?.stop();
      await Promise.all(calls);
    },

    /** Call records: a host sees the calls into the meetings they own, admins and the DPO all (src/accounts/policy.ts). */
    async listRecords(actor: Actor, filter: { roomId?: string }) {
      const rows = await telephonyRepo.listRecords(db, { ownerId: ownerScope(actor, 'calls.read'), roomId: filter.roomId, limit: 500 });
      return rows.map((r) => ({
        id: r.id,
        meeting: r.room_id ? { id: r.room_id, title: r.title ?? '', meetingNumber: r.meeting_number ?? '' } : null,
        callerNumber: r.caller_number,
        calledNumber: r.called_number,
        callerCountry: r.caller_country,
        sourceIp: r.source_ip,
        sourcePort: r.source_port,
        transport: r.transport,
        outcome: r.outcome,
        startedAt: r.started_at,
        endedAt: r.ended_at,
      }));
    },

    /** What the host shares with an invitation: the number to call, the meeting number and its phone PIN. */
    async dialIn(actor: Actor, roomId: string) {
      const meeting = await rooms.getMeeting(actor, roomId);
      const row = await telephonyRepo.roomPhonePin(db, roomId);
      if (!row) throw new AppError('ERR_NOT_FOUND');
      return {
        number: sip?.dialInNumber ?? null,
        meetingNumber: meeting.meetingNumber,
        // Events admit callers by their personal PINs only.
        pin: row.event_id ? null : (row.phone_pin ?? null),
      };
    },
  };
}

export type Telephony = ReturnType<typeof createTelephony>;
