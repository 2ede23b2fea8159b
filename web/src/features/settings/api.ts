import { organisationSettings, type OrganisationSettings, type Operator } from '@shared/api/settings.js';
import { checklist } from '@shared/api/privacy.js';
import { http } from '../../api/client';

/** The organisation's settings as the server answers them (src/shared/api/settings.ts). */
export type { OrganisationSettings, Operator };

export type SettingsInput = Partial<Omit<OrganisationSettings, 'logoUrl' | 'missingIdentity'>>;

const settingsPath = '/api/settings';
export const fetchSettings = () => http.read(settingsPath, organisationSettings);
export const saveSettings = (input: SettingsInput) => http.replace(settingsPath, input, organisationSettings);
export const uploadLogo = (type: string, data: string) => http.replace(`${settingsPath}/logo`, { type, data }, organisationSettings);
export const removeLogo = () => http.remove(`${settingsPath}/logo`);
export const fetchChecklist = () => http.read('/api/privacy/checklist', checklist);
