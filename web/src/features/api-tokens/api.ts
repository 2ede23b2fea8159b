import { api } from '../../api/client';
import type { StaffRole } from '../../api/types';

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  role: StaffRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to creating a token: the only time its secret is ever shown. */
export interface CreatedToken {
  id: string;
  name: string;
  role: StaffRole;
  token: string;
  createdAt: string;
}

export const fetchTokens = () => api.get<{ tokens: ApiToken[] }>('/api/api-tokens');
export const createToken = (name: string, role: StaffRole) => api.post<CreatedToken>('/api/api-tokens', { name, role });
export const revokeToken = (id: string) => api.delete(`/api/api-tokens/${encodeURIComponent(id)}`);
