import { totpSetup, type TotpSetup } from '@shared/api/accounts.js';
import { http } from '../../api/client';

export type { TotpSetup };

/** Ends every session of the account, this one included. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  http.send('/api/account/password', { currentPassword, newPassword });

export const startTotp = () => http.submit('/api/account/totp/setup', {}, totpSetup);
export const enableTotp = (code: string) => http.send('/api/account/totp/enable', { code });
export const disableTotp = (password: string) => http.send('/api/account/totp/disable', { password });
