import { api, request } from '../../api/client';
import type { OptionalFields, Question } from '../events/api';

export interface PrivacyNotice {
  version: string;
  controller: { name: string; address?: string; privacyEmail?: string; dpo?: { name?: string; email?: string } };
  sections: { purpose: string; legalBasis: string; retention: string; fields: string[] }[];
}

export interface PublicEvent {
  slug: string;
  kind: 'meeting' | 'webinar';
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  status: 'scheduled' | 'cancelled';
  registrationOpen: boolean;
  mayBeRecorded: boolean;
  dialInOffered: boolean;
  /** Which of company, industry and phone the form asks (always optional). */
  optionalFields: OptionalFields;
  /** The periods that apply to this event (the host's or the defaults), in days. */
  retentionDays: { registration: number; minutes: number; recording: number };
  /** An unconfirmed registration is deleted after this many hours. */
  confirmWithinHours: number;
  questions: Question[];
  notice: PrivacyNotice;
}

export interface RegistrantDetails {
  firstName: string;
  lastName: string;
  company?: string;
  industry?: string;
  phone?: string;
  answers: Record<string, string>;
}

export interface OwnRegistration {
  event: PublicEvent;
  registration: RegistrantDetails & {
    email: string;
    state: 'unconfirmed' | 'pending' | 'waitlisted' | 'confirmed';
    answers: { questionId: string; answer: string }[];
  };
}

const path = (value: string) => encodeURIComponent(value);

export const fetchPublicEvent = (slug: string) => api.get<PublicEvent>(`/api/public/events/${path(slug)}`);

export const submitRegistration = (
  slug: string,
  body: RegistrantDetails & { email: string; captcha: string; language: 'de' | 'en'; dialIn?: boolean },
) => api.post<{ status: 'check_email' }>(`/api/public/events/${path(slug)}/registrations`, body);

export const confirmRegistration = (token: string) =>
  api.post<{ state: OwnRegistration['registration']['state']; eventSlug: string }>('/api/public/registrations/confirm', { token });

export const fetchOwnRegistration = (token: string) => api.get<OwnRegistration>(`/api/public/registrations/${path(token)}`);
export const correctOwnRegistration = (token: string, details: RegistrantDetails) =>
  api.post(`/api/public/registrations/${path(token)}`, details);
export const cancelOwnRegistration = (token: string) => request<void>('DELETE', `/api/public/registrations/${path(token)}`);
