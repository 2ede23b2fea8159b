import { api } from '../../api/client';

export interface TotpSetup {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Ends every session of the account, this one included. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post('/api/account/password', { currentPassword, newPassword });

export const startTotp = () => api.post<TotpSetup>('/api/account/totp/setup');
export const enableTotp = (code: string) => api.post('/api/account/totp/enable', { code });
export const disableTotp = (password: string) => api.post('/api/account/totp/disable', { password });
