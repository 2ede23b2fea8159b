import { checkEmail } from '@shared/api/common.js';
import {
  ownRegistration,
  publicEvent,
  registrationConfirmed,
  type OwnRegistration,
  type PublicEvent,
  type RegistrationNotice,
} from '@shared/api/events.js';
import { branding } from '@shared/api/settings.js';
import { http } from '../../api/client';
import { takeInitialData } from '../../api/initialData';

/** The registration pages' answers as the API gives them (src/shared/api/events.ts). */
export type { OwnRegistration, PublicEvent };
export type PrivacyNotice = RegistrationNotice;

export interface RegistrantDetails {
  firstName: string;
  lastName: string;
  company?: string;
  industry?: string;
  phone?: string;
  answers: Record<string, string>;
}

const path = (value: string) => encodeURIComponent(value);

const eventPath = (slug: string) => `/api/public/events/${path(slug)}`;
export const fetchPublicEvent = (slug: string) => http.read(eventPath(slug), publicEvent);
/** The event as the server sent it along with the page it rendered, if it did. */
export const initialPublicEvent = (slug: string) => takeInitialData(eventPath(slug), publicEvent);

/** The organisation's name, logo and accent colour. */
export const fetchBranding = () => http.read('/api/public/branding', branding);

export const submitRegistration = (
  slug: string,
  body: RegistrantDetails & { email: string; captcha: string; language: 'de' | 'en'; dialIn?: boolean },
) => http.submit(`/api/public/events/${path(slug)}/registrations`, body, checkEmail);

export const confirmRegistration = (token: string) => http.submit('/api/public/registrations/confirm', { token }, registrationConfirmed);

export const fetchOwnRegistration = (token: string) => http.read(`/api/public/registrations/${path(token)}`, ownRegistration);
export const correctOwnRegistration = (token: string, details: RegistrantDetails) =>
  http.send(`/api/public/registrations/${path(token)}`, details);
export const cancelOwnRegistration = (token: string) => http.remove(`/api/public/registrations/${path(token)}`);
