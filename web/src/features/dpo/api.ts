import {
  auditLog,
  erasure,
  extendedRequest,
  holdList,
  placedHold,
  processorAdded,
  processingRecord,
  processorList,
  recordedRequest,
  requestList,
  requestType,
  retentionReport,
  subjectItems,
  type AuditEntry,
  type PrivacyRequest,
  type Processor,
  type RetentionReport,
} from '@shared/api/privacy.js';
import { http } from '../../api/client';

/** The privacy center's answers as the API gives them (src/shared/api/privacy.ts). */
export type { AuditEntry, PrivacyRequest, Processor, RetentionReport };

export const requestTypes = requestType.options;
export type RequestType = PrivacyRequest['type'];

const id = (value: string) => encodeURIComponent(value);

export const fetchRequests = (filter: 'open' | 'overdue' | 'all') => http.read(`/api/privacy/requests?filter=${filter}`, requestList);
export const recordRequest = (body: {
  type: RequestType;
  email: string;
  name?: string;
  receivedAt: string;
  note?: string;
  verifiedPhone?: string;
}) => http.submit('/api/privacy/requests', body, recordedRequest);
export const extendRequest = (requestId: string, months: 1 | 2, reason: string) =>
  http.submit(`/api/privacy/requests/${id(requestId)}/extend`, { months, reason }, extendedRequest);
export const closeRequest = (requestId: string, status: 'done' | 'rejected') =>
  http.send(`/api/privacy/requests/${id(requestId)}/close`, { status });
export const requestItems = (requestId: string) => http.read(`/api/privacy/requests/${id(requestId)}/items`, subjectItems);
export const requestExportUrl = (requestId: string) => `/api/privacy/requests/${id(requestId)}/export`;
export const eraseForRequest = (requestId: string) =>
  http.submit(`/api/privacy/requests/${id(requestId)}/erase`, { confirm: true }, erasure);

export const fetchHolds = () => http.read('/api/privacy/holds', holdList);
export const placeHold = (body: { category: string; itemId?: string; reason: string; until: string }) =>
  http.submit('/api/privacy/holds', body, placedHold);
export const releaseHold = (holdId: string) => http.send(`/api/privacy/holds/${id(holdId)}/release`);

export const fetchAudit = (filter: Record<string, string>) => {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  return http.read(`/api/privacy/audit?${query.toString()}`, auditLog);
};
export const runRetention = (dryRun: boolean) => http.submit('/api/privacy/retention/run', { dryRun }, retentionReport);

export const fetchProcessors = () => http.read('/api/privacy/processors', processorList);
export const addProcessor = (body: Omit<Processor, 'id'>) => http.submit('/api/privacy/processors', body, processorAdded);
export const removeProcessor = (processorId: string) => http.remove(`/api/privacy/processors/${id(processorId)}`);
export const fetchRecord = (language: string) =>
  http.read(`/api/privacy/record?language=${encodeURIComponent(language)}`, processingRecord);
