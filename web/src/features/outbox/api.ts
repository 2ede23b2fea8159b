import { api } from '../../api/client';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  /** Only in outbox mode; with SMTP the server does not hand out mail texts. */
  text: string | null;
  purpose: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Outbox {
  mode: 'outbox' | 'smtp';
  messages: OutboxMessage[];
}

export const fetchOutbox = () => api.get<Outbox>('/api/outbox');
