import type { Executor } from '../store/store.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Why this mail is sent (e.g. `staff-invitation`); kept for the privacy inventory and the outbox page. */
  purpose: string;
  /**
   * The bearer secrets in `text` (tokens of invitation, confirmation, join, manage and portal
   * links, phone PINs). They never reach the store: the stored copy has each replaced by
   * `notStored`, and the whole text lives in this process's memory only until it is delivered.
   */
  secrets?: readonly string[];
}

/** What a domain below the mail domain (the privacy portal) needs of it: queue a mail in a transaction, then nudge the dispatcher. */
export interface Mailer {
  enqueue(db: Executor, mail: OutgoingMail): Promise<void>;
  dispatch(): Promise<unknown>;
}
