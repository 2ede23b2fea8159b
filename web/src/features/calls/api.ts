import { api } from '../../api/client';

export interface CallRecord {
  id: string;
  meeting: { id: string; title: string; meetingNumber: string } | null;
  callerNumber: string | null;
  calledNumber: string | null;
  callerCountry: string | null;
  sourceIp: string;
  sourcePort: number;
  transport: string;
  outcome: 'in-ivr' | 'admitted' | 'refused' | 'abandoned';
  startedAt: string;
  endedAt: string | null;
}

export const fetchCalls = () => api.get<{ calls: CallRecord[] }>('/api/calls');

export interface DialIn {
  number: string | null;
  meetingNumber: string;
  /** Null for an event's room: registrants use their personal PINs. */
  pin: string | null;
}

export const fetchDialIn = (roomId: string) => api.get<DialIn>(`/api/meetings/${encodeURIComponent(roomId)}/dial-in`);
