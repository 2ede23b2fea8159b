import type { InvitationState, ParticipantView, PublishKind, RemovalReason, ServerPush, WebinarDetails } from '@shared/protocol/index.js';

/** A participant as the server describes them, and what one publishes (src/shared/protocol/room.ts). */
export type { InvitationState, ParticipantView, PublishKind, WebinarDetails };

/** waiting: in the lobby until the host lets them in; rejected/removed: the host turned them away. */
export type RoomStatus =
  'connecting' | 'waiting' | 'connected' | 'reconnecting' | 'ended' | 'left' | 'failed' | 'rejected' | 'removed' | 'replaced';

export interface RoomSnapshot {
  status: RoomStatus;
  /** Translated message of the failure that ended the room (status `failed`). */
  error?: string;
  /** Status `removed` not by the host in the room: why their personal link took them out. */
  removedBecause?: RemovalReason;
  /** The join is slow and goes through the TURN relay: the UI says so while it connects. */
  connectingViaRelay?: boolean;
  /** Status `failed` because reconnecting gave up after its last attempt. */
  connectionLost?: boolean;
  /** Why the media could not be set up (the room itself still works); the UI translates it. */
  mediaProblem?: unknown;
  title: string;
  self?: ParticipantView;
  participants: ParticipantView[];
  /** What this browser sends right now. */
  sending: { microphone: boolean; camera: boolean; screen: boolean };
  localCamera?: MediaStream;
  localScreen?: MediaStream;
  /** The last one who spoke, not this user (the speaker view shows them large). */
  speakerId?: string;
  /** Remote video by `${participantId}:${kind}`: only what the stage shows is received. */
  remoteVideo: ReadonlyMap<string, MediaStream>;
  /** The mix of everyone else's audio (AudioBridge). */
  remoteAudio?: MediaStream;
  /** Webinar attendees: the broadcast (the panel's sound and the main picture). */
  broadcast?: MediaStream;
  /** Webinar attendees: the broadcast's small picture (a camera beside a screen share). */
  broadcastInset?: MediaStream;
  /** Webinars: how many attend (attendees do not see each other, only this count). */
  attendees?: number;
  /** Webinars: whether the host started it, its details, and whose pictures the broadcast shows. */
  webinar?: WebinarState;
  /** Webinar attendees: the host invited them to speak and waits for their answer. */
  invitedToSpeak?: boolean;
  /** Webinar hosts: what became of their invitations to speak, by participant. */
  invitations: ReadonlyMap<string, { displayName: string; state: InvitationState }>;
}

/** A webinar's state as the server pushes it (src/shared/protocol/webinar.ts `webinar.state`). */
export type WebinarState = Omit<Extract<ServerPush, { type: 'webinar.state' }>, 'type'>;

export interface DeviceChoice {
  microphoneId?: string;
  cameraId?: string;
}
