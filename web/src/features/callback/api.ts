import { callbackList, callbackReceived, callbackTerms, type CallbackRequest } from '@shared/api/callback.js';
import { http } from '../../api/client';

/** A callback request as the API answers (src/shared/api/callback.ts). */
export type { CallbackRequest };

export interface CallbackSubmission {
  name: string;
  phone: string;
  preferredTime: string;
  topic: string;
  consent: true;
  captcha: string;
  language: string;
}

export const fetchCallbackTerms = (signal: AbortSignal) => http.read('/api/public/callbacks/terms', callbackTerms, signal);
export const requestCallback = (body: CallbackSubmission) => http.submit('/api/public/callbacks', body, callbackReceived);
export const fetchCallbacks = (filter: 'open' | 'done' | 'all') => http.read(`/api/callbacks?filter=${filter}`, callbackList);
export const takeCallback = (id: string, me: boolean) => http.send(`/api/callbacks/${encodeURIComponent(id)}/assign`, { me });
export const finishCallback = (id: string) => http.send(`/api/callbacks/${encodeURIComponent(id)}/done`);
