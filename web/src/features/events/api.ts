import { api } from '../../api/client';

export type RegistrationState = 'unconfirmed' | 'pending' | 'waitlisted' | 'confirmed';
export const registrationStates: readonly RegistrationState[] = ['unconfirmed', 'pending', 'waitlisted', 'confirmed'];

export interface Question {
  id: string;
  kind: 'text' | 'choice';
  label: string;
  purpose: string;
  choices: string[] | null;
}

export const optionalFieldNames = ['company', 'industry', 'phone'] as const;
export type OptionalField = (typeof optionalFieldNames)[number];
/** Which optional fields the registration form asks; first name, last name and email are always asked and required. */
export type OptionalFields = Record<OptionalField, 'off' | 'optional'>;

/** What a host sets on an event: the same fields in the form and in the API's answer. */
interface EventSettings {
  kind: 'meeting' | 'webinar';
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  language: 'de' | 'en';
  capacity: number | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  approvalMode: 'automatic' | 'manual';
  dialInOffered: boolean;
  /** The host may ask for consent to record in the room (off by default). */
  mayBeRecorded: boolean;
  optionalFields: OptionalFields;
}

/** Days the host keeps each kind of data; null = the configured default. */
export interface RetentionSettings {
  registrationDays: number | null;
  minutesDays: number | null;
  recordingDays: number | null;
}

export interface HostedEvent extends EventSettings {
  id: string;
  /** The event's room, where the host starts it. */
  meetingId: string | null;
  slug: string;
  registrationUrl: string;
  status: 'scheduled' | 'cancelled';
  retention: RetentionSettings & { defaults: { registrationDays: number; minutesDays: number; recordingDays: number } };
  questions: Question[];
  counts: { confirmed: number; waitlisted: number; pending: number };
}

export interface EventInput extends EventSettings {
  retention: RetentionSettings;
  /** Questions with an id are kept (answers stay attached); those without are new. */
  questions: { id?: string; kind: 'text' | 'choice'; label: string; purpose: string; choices?: string[] }[];
}

export interface Registrant {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  company: string | null;
  industry: string | null;
  phone: string | null;
  state: RegistrationState;
  registeredAt: string;
  noticeVersion: string;
  /** When that notice version came into force. */
  noticeDate: string | null;
  joinLink: 'active' | 'revoked' | 'none';
}

export type RetentionDefaults = HostedEvent['retention']['defaults'];
export const fetchEvents = () => api.get<{ events: HostedEvent[]; retentionDefaults: RetentionDefaults }>('/api/events');
export const createEvent = (input: EventInput) => api.post<HostedEvent>('/api/events', input);
export const updateEvent = (id: string, input: EventInput) => api.post<HostedEvent>(`/api/events/${encodeURIComponent(id)}`, input);
export const cancelEvent = (id: string) => api.post<HostedEvent>(`/api/events/${encodeURIComponent(id)}/cancel`);

export function fetchRegistrants(eventId: string, filter: { state?: RegistrationState; search?: string }, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filter.state) query.set('state', filter.state);
  if (filter.search) query.set('search', filter.search);
  return api.get<{ registrations: Registrant[] }>(`/api/events/${encodeURIComponent(eventId)}/registrations?${query.toString()}`, signal);
}

export const csvExportUrl = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}/registrations.csv`;

export const decide = (eventId: string, registrationId: string, decision: 'approve' | 'deny') =>
  api.post(`/api/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}/${decision}`);

export const revokeJoinLink = (eventId: string, registrationId: string) =>
  api.post(`/api/events/${encodeURIComponent(eventId)}/registrations/${encodeURIComponent(registrationId)}/join-link`, {
    action: 'revoke',
  });
