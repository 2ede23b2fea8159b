import { setupStatus } from '@shared/api/accounts.js';
import { http } from '../../api/client';
import type { Language } from '../../i18n';

export interface SetupInput {
  token: string;
  email: string;
  displayName: string;
  password: string;
  language: Language;
}

export const fetchSetupNeeded = () => http.read('/api/setup', setupStatus);

/** Creates the first admin and signs them in. */
export const completeSetup = (input: SetupInput) => http.send('/api/setup', input);
