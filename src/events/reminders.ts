import type { MailService } from '../mail/service.js';
import type { Store } from '../store/store.js';
import { dueReminderMinutes, longestReminderMinutes } from './reminder-times.js';
import { remindersRepo } from './reminders-repo.js';
import type { Seats } from './seats.js';

/** Registrants reminded per event and reminder in one run; the rest follow a minute later. */
const batchSize = 500;

/** How far off the start a reminder says: its own figure when on time, the real one when late (Plenum was down). */
function startsInMinutes(startsAt: string, reminderMinutes: number, now: Date): number {
  const left = Math.ceil((Date.parse(startsAt) - now.getTime()) / 60_000);
  return left < reminderMinutes - 2 ? left : reminderMinutes;
}

/**
 * Reminder mails before an event (its `reminder_minutes`, by default 24 h and 1 h before), to
 * registrants with a seat; none to the cancelled, the unconfirmed or the waiting list. Each is
 * noted in the same transaction as its mail enters the outbox, so it goes out once, across
 * restarts and instances. When two are due at once (Plenum was down), only the nearer one goes out.
 */
export function createReminders(store: Store, mail: MailService, seats: Seats) {
  return {
    /** Scheduled every minute; returns how many reminders were queued. */
    async sendDue(now = new Date()): Promise<number> {
      const until = new Date(now.getTime() + longestReminderMinutes * 60_000).toISOString();
      const events = await remindersRepo.upcomingEvents(store.db, now.toISOString(), until);
      let queued = 0;
      for (const event of events) {
        const due = dueReminderMinutes(event, now);
        for (const [index, minutes] of due.entries()) {
          const registrants = await remindersRepo.unreminded(store.db, event.id, event.starts_at, minutes, batchSize);
          for (const registration of registrants) {
            await store.transaction(async (tx) => {
              // This one and the farther ones still due, noted together: the nearest reminder says it all.
              if (!(await remindersRepo.markSent(tx, registration.id, event.starts_at, due.slice(index), now.toISOString()))) return;
              await seats.mailReminder(tx, event, registration, startsInMinutes(event.starts_at, minutes, now));
              queued++;
            });
          }
        }
      }
      if (queued > 0) void mail.dispatch();
      return queued;
    },
  };
}

export type Reminders = ReturnType<typeof createReminders>;
