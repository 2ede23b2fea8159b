import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { JoinSession } from './join-sessions.js';
import type { AttendanceRecorder } from './live-room.js';
import { roomsRepo } from './repo.js';

/**
 * SQLite: at most one attendance COMMIT per this many milliseconds. Each COMMIT waits for an
 * fsync (synchronous=FULL) while better-sqlite3 holds the event loop, ~3 ms on this machine's
 * disk; in a join storm of 100 people a second that was a third of the loop, one fsync per
 * person (bench:webinar-join). Rows that arrive within the window wait for its end and share a
 * COMMIT (the store's group commit); someone who joins an idle server waits for nothing.
 */
export const attendanceWindowMs = 100;

/** Who was in which room when (the host's attendance list), written as people come and go. */
export function createAttendance(store: Store, windowMs = store.dialect === 'sqlite' ? attendanceWindowMs : 0): AttendanceRecorder {
  let lastWrite = 0;
  let next: Promise<void> | undefined;
  /** Resolves when this write may start: now, or with the others of its window at the window's end. */
  function turn(): Promise<void> {
    if (next) return next;
    const wait = lastWrite + windowMs - Date.now();
    if (wait <= 0) {
      lastWrite = Date.now();
      return Promise.resolve();
    }
    return (next = new Promise((resolve) =>
      setTimeout(() => {
        next = undefined;
        lastWrite = Date.now();
        resolve();
      }, wait),
    ));
  }

  return {
    async joined(session: JoinSession) {
      const id = randomUUID();
      const joinedAt = new Date().toISOString();
      await turn();
      await store.transaction((tx) =>
        roomsRepo.insertAttendance(tx, {
          id,
          room_id: session.roomId,
          registration_id: session.registrationId,
          display_name: session.displayName,
          role: session.role,
          joined_at: joinedAt,
          left_at: null,
        }),
      );
      return id;
    },
    async left(id: string) {
      const leftAt = new Date().toISOString();
      await turn();
      await store.transaction((tx) => roomsRepo.markLeft(tx, id, leftAt));
    },
  };
}
