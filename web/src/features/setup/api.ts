import { api } from '../../api/client';
import type { Language } from '../../i18n';

export interface SetupInput {
  token: string;
  email: string;
  displayName: string;
  password: string;
  language: Language;
}

export const fetchSetupNeeded = () => api.get<{ needed: boolean }>('/api/setup');

/** Creates the first admin and signs them in. */
export const completeSetup = (input: SetupInput) => api.post('/api/setup', input);
