import { api } from '../../api/client';
import type { KeptItem, SubjectItem } from '../privacy/api';

export const requestTypes = ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'withdrawal'] as const;
export type RequestType = (typeof requestTypes)[number];

export interface PrivacyRequest {
  id: string;
  type: RequestType;
  email: string;
  name: string | null;
  receivedAt: string;
  dueAt: string;
  extensionReason: string | null;
  status: 'open' | 'done' | 'rejected';
  overdue: boolean;
  note: string | null;
  verifiedPhone: string | null;
  closedAt: string | null;
}

export interface LegalHold {
  id: string;
  category: string;
  itemId: string | null;
  reason: string;
  until: string;
  createdAt: string;
  releasedAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown> | null;
}

export interface RetentionReport {
  dryRun: boolean;
  at: string;
  results: { categories: string[]; rule: string; count: number; error?: string }[];
}

export interface Processor {
  id: string;
  name: string;
  purposeEn: string;
  purposeDe: string;
  country: string;
  transferBasis: 'eu' | 'adequacy' | 'scc' | 'bcr';
  service: 'hosting' | 'mail' | 'telephony' | 'other';
}

const id = (value: string) => encodeURIComponent(value);

export const fetchRequests = (filter: 'open' | 'overdue' | 'all') =>
  api.get<{ requests: PrivacyRequest[] }>(`/api/privacy/requests?filter=${filter}`);
export const recordRequest = (body: {
  type: RequestType;
  email: string;
  name?: string;
  receivedAt: string;
  note?: string;
  verifiedPhone?: string;
}) => api.post<{ id: string; dueAt: string }>('/api/privacy/requests', body);
export const extendRequest = (requestId: string, months: 1 | 2, reason: string) =>
  api.post<{ dueAt: string }>(`/api/privacy/requests/${id(requestId)}/extend`, { months, reason });
export const closeRequest = (requestId: string, status: 'done' | 'rejected') =>
  api.post(`/api/privacy/requests/${id(requestId)}/close`, { status });
export const requestItems = (requestId: string) => api.get<{ items: SubjectItem[] }>(`/api/privacy/requests/${id(requestId)}/items`);
export const requestExportUrl = (requestId: string) => `/api/privacy/requests/${id(requestId)}/export`;
export const eraseForRequest = (requestId: string) =>
  api.post<{ erased: number; kept: KeptItem[] }>(`/api/privacy/requests/${id(requestId)}/erase`, { confirm: true });

export const fetchHolds = () => api.get<{ holds: LegalHold[] }>('/api/privacy/holds');
export const placeHold = (body: { category: string; itemId?: string; reason: string; until: string }) =>
  api.post<{ id: string }>('/api/privacy/holds', body);
export const releaseHold = (holdId: string) => api.post(`/api/privacy/holds/${id(holdId)}/release`);

export const fetchAudit = (filter: Record<string, string>) => {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  return api.get<{ entries: AuditEntry[] }>(`/api/privacy/audit?${query.toString()}`);
};
export const runRetention = (dryRun: boolean) => api.post<RetentionReport>('/api/privacy/retention/run', { dryRun });

export const fetchProcessors = () => api.get<{ processors: Processor[]; noticeVersion: string }>('/api/privacy/processors');
export const addProcessor = (body: Omit<Processor, 'id'>) =>
  api.post<{ id: string; noticeVersion: string }>('/api/privacy/processors', body);
export const removeProcessor = (processorId: string) => api.delete(`/api/privacy/processors/${id(processorId)}`);
