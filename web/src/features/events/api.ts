import {
  eventList,
  hostedEvent,
  optionalFieldNames,
  panelist,
  panelistList,
  registrantList,
  registrationState,
  type HostedEvent,
  type OptionalField,
  type OptionalFields,
  type Panelist,
  type Question,
  type Registrant,
  type RegistrationState,
  type RetentionDefaults,
} from '@shared/api/events.js';
import { http } from '../../api/client';

/** Events and registrants as the API answers (src/shared/api/events.ts). */
export type { HostedEvent, OptionalField, OptionalFields, Panelist, Question, Registrant, RegistrationState, RetentionDefaults };
export { optionalFieldNames };
export const registrationStates = registrationState.options;

/** What a host sets on an event: the same fields in the form and in the API's answer. */
type EventSettings = Pick<
  HostedEvent,
  | 'kind'
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'language'
  | 'capacity'
  | 'registrationOpensAt'
  | 'registrationClosesAt'
  | 'approvalMode'
  | 'dialInOffered'
  | 'mayBeRecorded'
  | 'optionalFields'
  | 'reminders'
  | 'followUp'
>;

/** Days the host keeps each kind of data; null = the configured default. */
export type RetentionSettings = Omit<HostedEvent['retention'], 'defaults'>;

export interface EventInput extends EventSettings {
  retention: RetentionSettings;
  /** Questions with an id are kept (answers stay attached); those without are new. */
  questions: { id?: string; kind: 'text' | 'choice'; label: string; purpose: string; choices?: string[] }[];
  /** Speakers with an id are kept (with their photo); photos are uploaded after saving. */
  speakers: { id?: string; name: string; role?: string }[];
}

const eventPath = (id: string) => `/api/events/${encodeURIComponent(id)}`;

export const fetchEvents = () => http.read('/api/events', eventList);
export const createEvent = (input: EventInput) => http.submit('/api/events', input, hostedEvent);
export const updateEvent = (id: string, input: EventInput) => http.submit(eventPath(id), input, hostedEvent);
const photoPath = (eventId: string, speakerId: string) => `${eventPath(eventId)}/speakers/${encodeURIComponent(speakerId)}/photo`;
export const uploadSpeakerPhoto = (eventId: string, speakerId: string, type: string, data: string) =>
  http.replace(photoPath(eventId, speakerId), { type, data }, hostedEvent);
export const removeSpeakerPhoto = (eventId: string, speakerId: string) => http.remove(photoPath(eventId, speakerId));
export const cancelEvent = (id: string) => http.submit(`${eventPath(id)}/cancel`, {}, hostedEvent);

export function fetchRegistrants(eventId: string, filter: { state?: RegistrationState; search?: string }, signal?: AbortSignal) {
  const query = new URLSearchParams();
  if (filter.state) query.set('state', filter.state);
  if (filter.search) query.set('search', filter.search);
  return http.read(`${eventPath(eventId)}/registrations?${query.toString()}`, registrantList, signal);
}

export const csvExportUrl = (eventId: string) => `${eventPath(eventId)}/registrations.csv`;

const registrationPath = (eventId: string, registrationId: string) =>
  `${eventPath(eventId)}/registrations/${encodeURIComponent(registrationId)}`;

/** The answer (an approval's new state) is not needed: the list is read again. */
export const decide = (eventId: string, registrationId: string, decision: 'approve' | 'deny') =>
  http.send(`${registrationPath(eventId, registrationId)}/${decision}`);

export const revokeJoinLink = (eventId: string, registrationId: string) =>
  http.send(`${registrationPath(eventId, registrationId)}/join-link`, { action: 'revoke' });

const panelistsPath = (eventId: string) => `${eventPath(eventId)}/panelists`;
export const fetchPanelists = (eventId: string, signal?: AbortSignal) => http.read(panelistsPath(eventId), panelistList, signal);
export const invitePanelist = (eventId: string, input: { name: string; email: string }) =>
  http.submit(panelistsPath(eventId), input, panelist);
export const withdrawPanelist = (eventId: string, panelistId: string) =>
  http.remove(`${panelistsPath(eventId)}/${encodeURIComponent(panelistId)}`);
