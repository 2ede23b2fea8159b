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
  audit_entries: AuditEntryTable;
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
