import { api } from '../../api/client';

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  /** Only in outbox mode; with SMTP the server does not hand out mail texts. */
  text: string | null;
  /** The text still has its links (held in the server's memory until it restarts); false: the stored copy without them. */
  linksHeld: boolean;
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
