import { apiTokenList, createdToken, type ApiToken, type CreatedToken } from '@shared/api/accounts.js';
import { http } from '../../api/client';
import type { StaffRole } from '../../api/types';

/** API tokens as the API answers (src/shared/api/accounts.ts). */
export type { ApiToken, CreatedToken };

export const fetchTokens = () => http.read('/api/api-tokens', apiTokenList);
export const createToken = (name: string, role: StaffRole) => http.submit('/api/api-tokens', { name, role }, createdToken);
export const revokeToken = (id: string) => http.remove(`/api/api-tokens/${encodeURIComponent(id)}`);
