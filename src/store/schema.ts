/**
 * The tables as Kysely sees them. Timestamps are ISO-8601 UTC strings and flags are 0/1
 * integers on both dialects, so repositories read the same values from SQLite and PostgreSQL.
 * Every column is classified in some domain's privacy.ts (checked by src/privacy/registry.test.ts).
 */
export interface Database {
  staff_accounts: StaffAccountTable;
  staff_sessions: StaffSessionTable;
  staff_invitations: StaffInvitationTable;
  api_tokens: ApiTokenTable;
  mail_messages: MailMessageTable;
  setup_tokens: SetupTokenTable;
  job_runs: JobRunTable;
  media_nodes: MediaNodeTable;
  audit_entries: AuditEntryTable;
  rooms: RoomTable;
  room_attendance: RoomAttendanceTable;
  events: EventTable;
  event_questions: EventQuestionTable;
  event_speakers: EventSpeakerTable;
  panelist_invitations: PanelistInvitationTable;
  registrations: RegistrationTable;
  registration_answers: RegistrationAnswerTable;
  captcha_spent: CaptchaSpentTable;
  chat_minutes: ChatMinutesTable;
  qa_questions: QaQuestionTable;
  recordings: RecordingTable;
  recording_consents: RecordingConsentTable;
  recording_tracks: RecordingTrackTable;
  legal_holds: LegalHoldTable;
  privacy_access_tokens: PrivacyAccessTokenTable;
  privacy_requests: PrivacyRequestTable;
  processors: ProcessorTable;
  notice_versions: NoticeVersionTable;
  callback_requests: CallbackRequestTable;
  call_records: CallRecordTable;
  organisation_settings: OrganisationSettingsTable;
  further_links: FurtherLinkTable;
  reminders_sent: ReminderSentTable;
}

export type StaffRole = 'admin' | 'host' | 'dpo';
export type StaffStatus = 'invited' | 'active' | 'disabled';

export interface StaffAccountTable {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  status: StaffStatus;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: number;
  /** The 30-second step of the last accepted code: a code is accepted once. */
  totp_last_step: number | null;
  language: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface StaffSessionTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface StaffInvitationTable {
  token_hash: string;
  account_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  role: StaffRole;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export interface MailMessageTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  purpose: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The instance holding the mail's links in memory (cluster mode); null when the stored text is the whole mail. */
  held_by: string | null;
}

/** A first-admin setup link, as SHA-256 (one per instance that started on an empty store). */
export interface SetupTokenTable {
  token_hash: string;
  created_at: string;
}

/** When a scheduled job last started, so that it runs once per period across instances. */
export type MediaNodeRole = 'meeting' | 'edge';
export type MediaNodeState = 'active' | 'draining' | 'down';

export interface MediaNodeTable {
  id: string;
  api_url: string;
  admin_url: string;
  media_address: string;
  role: MediaNodeRole;
  state: MediaNodeState;
  updated_at: string;
}

export interface JobRunTable {
  name: string;
  started_at: string;
  instance_id: string;
}

export interface AuditEntryTable {
  id: string;
  at: string;
  actor_kind: 'staff' | 'api_token' | 'system' | 'public';
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
}

export type RoomKind = 'meeting' | 'webinar';

/** off: nobody waits; guests: people without a personal join link wait; everyone: all but hosts wait. */
export type LobbyMode = 'off' | 'guests' | 'everyone';

export interface RoomTable {
  id: string;
  /** What people type to join: 11 random digits, never sequential. */
  meeting_number: string;
  passcode: string;
  title: string;
  kind: RoomKind;
  /** Who waits in the lobby first (0008_moderation, default `guests`); optional because inserts leave it to the default. */
  lobby?: LobbyMode;
  /** The staff member who hosts it live (for an API token's room: the token's creator). */
  host_account_id: string;
  /** Who owns it for authorization (0010_room_owner): the creating account or API token; an event's room: the event's owner. */
  owner_id: string;
  event_id: string | null;
  created_at: string;
  ended_at: string | null;
  /** Six digits callers type after the meeting number (plain meetings; events use personal PINs). Optional: older code inserts without it. */
  phone_pin?: string | null;
  /** Plain meetings: the host allows recording (with consent); event rooms follow the event's flag. Optional: defaults to 0. */
  may_be_recorded?: number;
  /** First start of a scheduled plain meeting (UTC); null = not scheduled (0010_meeting_schedule). Optional: inserts may leave it out. */
  scheduled_start_at?: string | null;
  /** IANA zone the host planned in; recurrences keep their wall-clock time there. */
  time_zone?: string | null;
  duration_minutes?: number | null;
  recurrence?: MeetingRecurrence | null;
}

export type MeetingRecurrence = 'weekly' | 'monthly';

export interface RoomAttendanceTable {
  id: string;
  room_id: string;
  registration_id: string | null;
  display_name: string;
  role: string;
  joined_at: string;
  left_at: string | null;
}

// Events and registration (src/events)

export type EventKind = 'meeting' | 'webinar';
export type ApprovalMode = 'automatic' | 'manual';
export type EventStatus = 'scheduled' | 'cancelled';

export interface EventTable {
  id: string;
  /** The public registration page is /e/<slug>; random, so that events cannot be enumerated. */
  slug: string;
  kind: EventKind;
  title: string;
  description: string;
  starts_at: string;
  ends_at: string;
  /** IANA zone the host planned in (times are stored in UTC). */
  time_zone: string;
  language: string;
  capacity: number | null;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  approval_mode: ApprovalMode;
  dial_in_offered: number;
  /** The host may ask participants to consent to a recording; the registration page says so. */
  may_be_recorded: number;
  /** What the webinar's end screen offers attendees: an optional text and link (0015_webinar_follow_up). */
  follow_up_text: string | null;
  follow_up_url: string | null;
  /** Retention the host set for this event, in days; null = the configured default (src/privacy/retention.ts). Registrations and Q&A. */
  retention_registration_days: number | null;
  /** Chat minutes; null = the default. */
  retention_minutes_days: number | null;
  /** Recordings (file and raw tracks) after they stopped; null = RETENTION_RECORDING_DAYS. */
  retention_recording_days: number | null;
  /** Whether the registration form asks for the company, industry and phone (1) or leaves them out (0); always optional. */
  ask_company: number;
  ask_industry: number;
  ask_phone: number;
  /** Minutes before the start at which registrants are reminded, comma-separated ("1440,60"). */
  reminder_minutes: string;
  status: EventStatus;
  /** The staff account (or API token) that created the event. */
  owner_id: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

/** A speaker the registration page presents; the photo was re-encoded without metadata on upload. */
export interface EventSpeakerTable {
  id: string;
  event_id: string;
  position: number;
  name: string;
  role: string | null;
  photo_type: string | null;
  photo_base64: string | null;
  /** Changes with each photo upload (cache busting of the photo's URL). */
  updated_at: string;
}

/** A panelist the host invited to a webinar; the personal link's token is kept only as its hash. */
export interface PanelistInvitationTable {
  id: string;
  event_id: string;
  name: string;
  email: string;
  token_hash: string;
  invited_at: string;
  /** Set when the host withdrew the invitation: the link then says so. */
  revoked_at: string | null;
}

export type QuestionKind = 'text' | 'choice';

export interface EventQuestionTable {
  id: string;
  event_id: string;
  position: number;
  kind: QuestionKind;
  label: string;
  /** Why the host asks; shown next to the question. */
  purpose: string;
  /** JSON array of strings for `choice`, null for `text`. */
  choices: string | null;
}

/**
 * unconfirmed: waiting for the double opt-in (deleted after 24 h); pending: confirmed, waiting
 * for the host's approval; waitlisted: confirmed while the event was full; confirmed: has a seat.
 */
export type RegistrationState = 'unconfirmed' | 'pending' | 'waitlisted' | 'confirmed';

export interface RegistrationTable {
  id: string;
  event_id: string;
  email: string;
  first_name: string;
  last_name: string;
  company: string | null;
  industry: string | null;
  /** E.164 */
  phone: string | null;
  language: string;
  state: RegistrationState;
  /** The privacy notice version in force when the person registered. */
  notice_version: string;
  registered_at: string;
  /** When the email address was confirmed; orders the waiting list. */
  confirmed_at: string | null;
  /** Unconfirmed registrations are deleted at this time. */
  expires_at: string | null;
  confirm_token_hash: string | null;
  manage_token_hash: string | null;
  join_token_hash: string | null;
  join_revoked_at: string | null;
  updated_at: string;
  /** 1: the registrant asked to dial in by phone (defaults to 0). */
  dial_in?: number;
  /** SHA-256 of `<event id>:<personal phone PIN>`; the PIN itself travels only in the join mail. */
  phone_pin_hash?: string | null;
}

export interface RegistrationAnswerTable {
  registration_id: string;
  question_id: string;
  answer: string;
}

export interface CaptchaSpentTable {
  /** The HMAC signature of a solved challenge: each is accepted once until it expires. */
  signature: string;
  expires_at: string;
}

// Privacy center (src/privacy) and callback requests (src/callback)

export interface LegalHoldTable {
  id: string;
  /** A DataCategory id. */
  category: string;
  /** The held item; null holds the whole category. */
  item_id: string | null;
  reason: string;
  /** ISO date the hold ends. */
  until: string;
  created_by: string;
  created_at: string;
  released_at: string | null;
}

export interface PrivacyAccessTokenTable {
  /** SHA-256 of the token; the token itself is only in the mail (link) or the cookie (session). */
  token_hash: string;
  kind: 'link' | 'session';
  email: string;
  created_at: string;
  expires_at: string;
  /** Links are single use. */
  used_at: string | null;
}

export type PrivacyRequestType = 'access' | 'portability' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'withdrawal';
export type PrivacyRequestStatus = 'open' | 'done' | 'rejected';

export interface PrivacyRequestTable {
  id: string;
  type: PrivacyRequestType;
  email: string;
  name: string | null;
  received_at: string;
  /** One month after receipt; up to two more months with a reason (Art. 12(3)). */
  due_at: string;
  extension_reason: string | null;
  status: PrivacyRequestStatus;
  note: string | null;
  /** E.164; the number the DPO verified, which opens the callback requests and call records stored under it. */
  verified_phone: string | null;
  created_by: string;
  created_at: string;
  closed_at: string | null;
}

/** Transfer basis for a processor outside the EU/EEA; `eu` when it is inside. */
export type TransferBasis = 'eu' | 'adequacy' | 'scc' | 'bcr';

export interface ProcessorTable {
  id: string;
  name: string;
  purpose_en: string;
  purpose_de: string;
  /** ISO 3166-1 alpha-2 country of processing. */
  country: string;
  transfer_basis: TransferBasis;
  /** What the processor does for Plenum: the notice names hosting, mail and telephone providers by it. */
  service: ProcessorKind;
  created_at: string;
  updated_at: string;
}

export type ProcessorKind = 'hosting' | 'mail' | 'telephony' | 'other';

/** One row (id `organisation`): what the admin set on the settings page; null falls back to the environment. */
export interface OrganisationSettingsTable {
  id: string;
  name: string | null;
  address: string | null;
  privacy_email: string | null;
  dpo_name: string | null;
  dpo_email: string | null;
  authority_name: string | null;
  authority_address: string | null;
  /** `own`: on the organisation's own servers (then hosting_country); `provider`: a hosting processor (the registry). */
  hosting: 'own' | 'provider' | null;
  hosting_country: string | null;
  /** The same for sending mail and for the telephone connection. */
  mail: 'own' | 'provider' | null;
  telephony: 'own' | 'provider' | null;
  logo_type: string | null;
  logo_base64: string | null;
  accent_colour: string | null;
  default_language: string | null;
  time_zone: string | null;
  updated_at: string;
  updated_by: string | null;
}

export interface NoticeVersionTable {
  version: string;
  /** The notice's source (configuration, categories, processors) as JSON, so any version can be shown again. */
  content: string;
  /** The notice as read, per language and section (NoticeTexts as JSON); null for versions stored before it was kept. */
  texts: string | null;
  /** First stored. */
  created_at: string;
  /** When it last came into force (a version returns when the change that replaced it is undone). */
  in_force_at: string;
}

export interface CallbackRequestTable {
  id: string;
  name: string;
  /** E.164 */
  phone: string;
  preferred_time: string;
  topic: string;
  language: string;
  /** The notice version the person consented under. */
  notice_version: string;
  created_at: string;
  assigned_to: string | null;
  done_at: string | null;
}

export type CallOutcome = 'in-ivr' | 'admitted' | 'refused' | 'abandoned';

/** One phone call into Plenum: exactly the fields the privacy notice names. */
export interface CallRecordTable {
  id: string;
  /** The meeting the caller was admitted to (null until then, or when never admitted). */
  room_id: string | null;
  caller_number: string | null;
  called_number: string | null;
  /** English country name derived from the caller number. */
  caller_country: string | null;
  source_ip: string;
  source_port: number;
  transport: string;
  outcome: CallOutcome;
  started_at: string;
  ended_at: string | null;
}

// Chat minutes and webinar Q&A (src/chat, src/qa)

export type ChatMinutesKind = 'message' | 'logging_on' | 'logging_off';

/** One line of a meeting's minutes: a message said while minutes logging was on, or the switch itself. */
export interface ChatMinutesTable {
  id: string;
  room_id: string;
  at: string;
  kind: ChatMinutesKind;
  /** Who wrote or switched; null when Plenum switched logging off because the room ended. */
  author_name: string | null;
  /** Matches the entry to a registrant (privacy center); null for hosts and passcode guests. */
  author_registration_id: string | null;
  /** A host's private reply: the person it went to. */
  recipient_name: string | null;
  private: number;
  text: string | null;
}

export type QaStatus = 'open' | 'answered' | 'answered_live' | 'dismissed';

export interface QaQuestionTable {
  id: string;
  room_id: string;
  asked_at: string;
  /** Always stored: hosts know who asked, even when other attendees see the question anonymously. */
  asker_name: string;
  asker_registration_id: string | null;
  anonymous: number;
  text: string;
  upvotes: number;
  status: QaStatus;
  answer: string | null;
  answer_private: number;
  answered_by_name: string | null;
  answered_at: string | null;
}

// Recording with consent (src/recording)

export type RecordingStatus = 'recording' | 'processing' | 'ready' | 'empty' | 'failed';

export interface RecordingTable {
  /** 32 bytes from the CSPRNG (base64url): the recording's URL cannot be guessed. */
  id: string;
  room_id: string;
  /** The room's live host when recording started. Who may download and delete it follows the room's owner (rooms.owner_id). */
  host_account_id: string;
  title: string;
  status: RecordingStatus;
  started_at: string;
  stopped_at: string | null;
  file_size: number | null;
  duration_seconds: number | null;
  /** The file and the raw tracks are deleted at this time. */
  delete_after: string;
}

export type RecordingDecision = 'consent' | 'decline' | 'withdraw';

/** Proof of each decision: who, when, under which notice text (version and SHA-256 of the text shown), for which tracks. */
export interface RecordingConsentTable {
  id: string;
  recording_id: string;
  participant_id: string;
  registration_id: string | null;
  account_id: string | null;
  display_name: string;
  decision: RecordingDecision;
  decided_at: string;
  notice_version: string;
  notice_hash: string;
  notice_language: string;
  /** Comma-separated track kinds the decision covers (audio,camera,screen). */
  scope: string;
}

export type RecordingTrackKind = 'audio' | 'camera' | 'screen';

/** One raw track file Janus wrote of a consenting participant. */
export interface RecordingTrackTable {
  id: string;
  recording_id: string;
  participant_id: string;
  registration_id: string | null;
  display_name: string;
  kind: RecordingTrackKind;
  /** The file's name without Janus' suffix, inside the recording's directory. */
  file_base: string;
  started_at: string;
  stopped_at: string | null;
}

/**
 * A further link of a registrant, from a reminder or a rescheduling mail: a join link is valid
 * while the seat's own one is; a self-service link while the registration exists.
 */
export interface FurtherLinkTable {
  token_hash: string;
  kind: 'join' | 'manage';
  registration_id: string;
  created_at: string;
}

/** A reminder that went out: once per registration, reminder and start time. */
export interface ReminderSentTable {
  registration_id: string;
  minutes_before: number;
  starts_at: string;
  sent_at: string;
}
