/**
 * How every domain contributes to a data subject's export (Art. 15/20), correction (Art. 16),
 * withdrawal of consent (Art. 7(3)), objection (Art. 21) and erasure (Art. 17), and to the
 * retention engine where a generic "delete rows older than" is not enough (files, per-event rules).
 *
 * A domain implements a SubjectDataSource in its own folder (e.g. `src/events/subject-data.ts`)
 * with its own repo; the privacy domain never imports another domain's repo. The wiring
 * (src/plenum.ts) hands the list of sources and retention tasks to the privacy service.
 */
import type { Executor } from '../store/store.js';
import type { Text } from './privacy-declaration.js';

/** Who the request is about. Built by the privacy service after the person proved the mailbox. */
export interface DataSubjectKey {
  /** Lower-cased, trimmed. */
  email: string;
  /**
   * E.164 numbers proven to be the person's, to match callback requests and call records, which
   * are stored under a number alone. Only the DPO's queue sets them, after verifying the number;
   * a number typed into a form (registration, callback, portal correction) never counts.
   */
  phones: readonly string[];
  /** Every registration of this email, across all events (to match attendance, questions, consents). */
  registrationIds: readonly string[];
}

/** Names one stored item: the DataCategory id from the domain's privacy.ts and the item's own id. */
export interface SubjectItemRef {
  category: string;
  id: string;
}

export interface SubjectItem extends SubjectItemRef {
  /** Presented fields (JSON-safe, named for a person to read), never a raw row. */
  data: Record<string, unknown>;
  /** Where the item belongs, for the portal's grouping, e.g. the event title. */
  context?: string;
  /** Keys of `data` that `correct` accepts (the portal offers only these); absent: every text field. */
  correctable?: readonly string[];
  /** The registration the item hangs on (the portal shows an event's items together, under the registration). */
  registrationId?: string;
  /** When the event or meeting of `context` starts (ISO), for the item's title. */
  contextAt?: string;
  /** The day the item goes where the domain keeps it (a recording's deadline), ahead of what the rule and the data give. */
  deletesAt?: string;
  /** Where the category's period counts from an event's end: that moment, and the event's own period in days (null: the configured one). */
  retainedFrom?: { at: string; days: number | null };
}

/** An item erasure left in place, with why and until when (filled by the privacy service for legal holds). */
export interface KeptItem extends SubjectItemRef {
  reason?: Text;
  /** ISO date the item will go, or null when not known. */
  until?: string | null;
  /** What the item was about, for its title on the erasure report (filled by the privacy service). */
  about?: Pick<SubjectItem, 'data' | 'context' | 'contextAt'>;
}

export interface SubjectDataSource {
  /** The domain's name, as in its PrivacyDeclaration. */
  domain: string;
  /**
   * Optional: adds what this domain knows about the email to the key (the events domain
   * contributes registration ids). Runs before any collect/erase.
   */
  identify?(email: string, db: Executor): Promise<{ registrationIds: readonly string[] }>;
  /** Everything this domain stores about the subject, for the portal and the JSON export. */
  collect(subject: DataSubjectKey, db: Executor): Promise<SubjectItem[]>;
  /**
   * Deletes (or anonymises) everything about the subject, except items for which `keep` answers
   * true (legal holds) or that the domain must keep itself (a legal obligation: give its reason).
   * `db` is the transaction the privacy service writes its audit entry in. Files are not deleted
   * here but in `afterCommit`, which the privacy service runs once that transaction committed:
   * a rollback must not leave rows pointing at deleted files.
   */
  erase(
    subject: DataSubjectKey,
    keep: (item: SubjectItemRef) => boolean,
    db: Executor,
  ): Promise<{ erased: number; kept: KeptItem[]; afterCommit?: () => Promise<void> }>;
  /** Optional (Art. 16): changes presented fields of one item; returns false when the item is not the subject's. */
  correct?(subject: DataSubjectKey, item: SubjectItemRef, fields: Record<string, string>, db: Executor): Promise<boolean>;
  /**
   * Optional (Art. 7(3) for 6(1)(a) categories, Art. 21 for 6(1)(f)): stops the processing of one
   * item and returns the effect in words for the person, or null when the item is not the subject's.
   */
  withdraw?(subject: DataSubjectKey, item: SubjectItemRef, right: 'consent' | 'objection', db: Executor): Promise<Text | null>;
}

/** What the retention engine passes to a domain's task. */
export interface RetentionRun {
  now: Date;
  /** The category's period (its declaration's setting as configured, else the declared days); a task with per-event periods uses it where the host set none. */
  days: number;
  /** Count only, delete nothing. */
  dryRun: boolean;
  /** True when the DPO put this item of the task's category under a legal hold that has not ended. */
  held(itemId: string): boolean;
  /** The same for another category (a task whose rows carry several categories, e.g. a registration's voluntary details). */
  heldIn?(category: string, itemId: string): boolean;
}

/**
 * Retention the generic engine cannot do from a declaration alone: files on disk, per-event
 * periods set by the host. Returns how many items it deleted (or would delete, in a dry run).
 */
export interface RetentionTask {
  /** The DataCategory id it enforces. */
  category: string;
  /** Categories deleted with the same rows (the registration's voluntary details, its answers): their retention is this task's. */
  alsoEnforces?: readonly string[];
  /** Non-personal description of the rule, written to the audit entry; `{{days}}` is replaced by the period the engine hands the task. */
  rule: string;
  run(context: RetentionRun, db: Executor): Promise<number>;
}

/** The registration point: src/plenum.ts collects each domain's contribution into these lists. */
export interface SubjectDataSources {
  sources: readonly SubjectDataSource[];
  retentionTasks: readonly RetentionTask[];
}
