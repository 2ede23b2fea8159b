/**
 * How a domain declares the personal data it keeps. Each domain's privacy.ts exports one
 * PrivacyDeclaration; retention, subject access, erasure, the generated notice and the
 * Art. 30 record read these declarations, and a test fails when any table column is
 * classified by none of them.
 */

export interface Text {
  en: string;
  de: string;
}

export type LegalBasis =
  | { article: '6(1)(a)' } // consent
  | { article: '6(1)(b)'; contract: Text } // contract or pre-contractual steps
  | { article: '6(1)(c)'; obligation: Text } // legal obligation, named
  | { article: '6(1)(f)'; interest: Text }; // legitimate interest, named

export type RetentionRule =
  /**
   * Kept while the subject's relation lasts, deleted `thenDays` after it ends. `text` says so in a
   * full sentence per language; `{{days}}` in it stands for the period with its unit ("1 day",
   * "180 Tage"), `{{hours}}` for the hours an unconfirmed registration waits. With a `setting`, the
   * operator's configured period replaces `thenDays`.
   */
  | { kind: 'while'; text: Text; thenDays: number; setting?: RetentionSetting; eventOverride?: EventRetentionColumn }
  /**
   * Deleted `days` after the timestamp in `column` (rows whose column is null stay). With a
   * `setting`, the operator's configured period (config.retention) replaces `days`.
   */
  | { kind: 'after'; column: string; days: number; setting?: RetentionSetting; eventOverride?: EventRetentionColumn }
  /** Deleted when the row stops serving its purpose (e.g. on logout or expiry); `text` says when, in a full sentence. */
  | { kind: 'until'; text: Text };

/** A retention period the operator configures (config.retention, RETENTION_* variables). */
export type RetentionSetting = 'registrationDays' | 'recordingDays' | 'minutesDays' | 'callRecordDays' | 'callbackDays' | 'auditDays';

/**
 * The column of `events` in which the host sets another period for one event (null: the
 * setting's). The domain's retention task reads it; the declaration names it so the notice and
 * the inventory say so.
 */
export type EventRetentionColumn = 'retention_registration_days' | 'retention_minutes_days' | 'retention_recording_days';

/**
 * A rule's period in days: the operator's configured one when the rule names a setting, else the
 * declared one; undefined for rules without a period. The retention engine hands it to the
 * category's task, and the notice prints it.
 */
export function retentionDays(rule: RetentionRule, periods: Readonly<Record<RetentionSetting, number>>): number | undefined {
  if (rule.kind === 'until') return undefined;
  if (rule.setting) return periods[rule.setting];
  return rule.kind === 'while' ? rule.thenDays : rule.days;
}

export type DataSubject = 'staff' | 'registrant' | 'participant' | 'speaker' | 'caller' | 'requester';

/**
 * Where a person meets the processing, in the order the notice tells it: registering for an
 * event, taking part, chat and minutes, questions and polls, recording, dialling in by phone, a
 * callback request, the mails we send, the self-service page and requests to the data protection
 * officer, and (a separate part) staff accounts.
 */
export const situations = ['registration', 'meeting', 'chat', 'qa', 'recording', 'phone', 'callback', 'mail', 'privacy', 'staff'] as const;
export type Situation = (typeof situations)[number];

export interface DataCategory {
  /** Stable identifier, `<domain>.<category>`. */
  id: string;
  subjects: readonly DataSubject[];
  /** The database table; with `keptIn: 'redis'` the name of the Redis records (`redis:<name>`), which no table check looks for. */
  table: string;
  /** Data kept outside the database: in Redis (cluster mode; in a single instance's memory otherwise). */
  keptIn?: 'redis';
  /** Columns of `table` (fields of the Redis records) that hold this category's personal data. */
  columns: readonly string[];
  /** The section of the notice that tells about it. */
  situation: Situation;
  /** What is kept, in plain words addressed to the person, to follow "We store" / "Wir speichern" ("your name and email address"). */
  data: Text;
  /** Why, as a full sentence. */
  purpose: Text;
  /** Who receives or sees the data, as a full sentence (processors are added by the notice from the registry). */
  recipients: Text;
  legalBasis: LegalBasis;
  retention: RetentionRule;
  rights: { export: boolean; correct: boolean; erase: boolean };
}

/**
 * Personal data a domain processes in passing and does not store: no table, no file, no log. The
 * TURN relay forwards a participant's media and so sees their IP address, but keeps nothing.
 * The notice and the Art. 30 record tell it in the same words as stored data, with `notStored`
 * in place of a retention period; retention, export and erasure have nothing to do with it.
 */
export interface ProcessedData {
  /** Stable identifier, `<domain>.<name>`. */
  id: string;
  subjects: readonly DataSubject[];
  situation: Situation;
  /** What is processed, in plain words to follow "We process" / "Wir verarbeiten" ("your IP address"). */
  data: Text;
  /** Why, as a full sentence. */
  purpose: Text;
  /** Who receives or sees the data, as a full sentence. */
  recipients: Text;
  legalBasis: LegalBasis;
  /** Where the data are while processed and that nothing stays, as a full sentence. */
  notStored: Text;
}

export interface PrivacyDeclaration {
  domain: string;
  categories: readonly DataCategory[];
  /** What the domain processes without storing it (see ProcessedData). */
  processed?: readonly ProcessedData[];
  /** Per table: the columns that hold no personal data (keys, states, timestamps of system events). */
  notPersonal: Readonly<Record<string, readonly string[]>>;
}
