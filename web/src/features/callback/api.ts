import { api } from '../../api/client';

export interface CallbackRequest {
  id: string;
  name: string;
  phone: string;
  preferredTime: string;
  topic: string;
  language: string;
  noticeVersion: string;
  createdAt: string;
  assignedTo: string | null;
  doneAt: string | null;
}

export interface CallbackSubmission {
  name: string;
  phone: string;
  preferredTime: string;
  topic: string;
  consent: true;
  captcha: string;
  language: string;
}

export const requestCallback = (body: CallbackSubmission) => api.post('/api/public/callbacks', body);
export const fetchCallbacks = (filter: 'open' | 'done' | 'all') =>
  api.get<{ callbacks: CallbackRequest[] }>(`/api/callbacks?filter=${filter}`);
export const takeCallback = (id: string, me: boolean) => api.post(`/api/callbacks/${encodeURIComponent(id)}/assign`, { me });
export const finishCallback = (id: string) => api.post(`/api/callbacks/${encodeURIComponent(id)}/done`);
