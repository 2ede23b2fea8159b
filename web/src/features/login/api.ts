import { http } from '../../api/client';

export interface Credentials {
  email: string;
  password: string;
  totpCode?: string;
  /** A solved captcha, once the server asked for one (after failed sign-ins to the account). */
  captcha?: string;
}

/** Signs in; answers ERR_TOTP_REQUIRED when the account needs an authenticator code as well. */
export const login = (credentials: Credentials) => http.send('/api/auth/login', credentials);
