import { api } from '../../api/client';

export type ComponentState = 'ok' | 'down' | 'off' | 'starting';

export interface Health {
  status: 'ok' | 'down';
  store: { status: ComponentState };
  media: { status: ComponentState };
}

export const fetchHealth = () => api.get<Health>('/healthz');
