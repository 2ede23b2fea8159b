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
