import { api } from '../../api/client';

export type Operator = 'own' | 'provider';

/** The organisation's settings as the server answers them (environment defaults filled in). */
export interface OrganisationSettings {
  name: string;
  address: string | null;
  privacyEmail: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
  authorityName: string | null;
  authorityAddress: string | null;
  hosting: Operator | null;
  hostingCountry: string | null;
  mail: Operator | null;
  telephony: Operator | null;
  accentColour: string | null;
  logoUrl: string | null;
  defaultLanguage: 'de' | 'en';
  timeZone: string;
  missingIdentity: ('name' | 'address' | 'privacyEmail')[];
}

export type SettingsInput = Partial<Omit<OrganisationSettings, 'logoUrl' | 'missingIdentity'>>;

export type ChecklistKey = 'name' | 'address' | 'privacyEmail' | 'authority' | 'dpo' | 'hosting' | 'mail' | 'telephony';
export interface ChecklistItem {
  key: ChecklistKey;
  done: boolean;
  required: boolean;
  where: 'settings' | 'processors';
}

export const fetchSettings = () => api.get<OrganisationSettings>('/api/settings');
export const saveSettings = (input: SettingsInput) => api.put<OrganisationSettings>('/api/settings', input);
export const uploadLogo = (type: string, data: string) => api.put<OrganisationSettings>('/api/settings/logo', { type, data });
export const removeLogo = () => api.delete('/api/settings/logo');
export const fetchChecklist = () => api.get<{ items: ChecklistItem[] }>('/api/privacy/checklist');
