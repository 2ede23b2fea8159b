import { outbox, type Outbox, type OutboxMessage } from '@shared/api/mail.js';
import { http } from '../../api/client';

/** Mail sent by Plenum as the API answers (src/shared/api/mail.ts). */
export type { Outbox, OutboxMessage };

export const fetchOutbox = () => http.read('/api/outbox', outbox);
