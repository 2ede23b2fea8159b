import { api } from '../../api/client';

export interface Text {
  en: string;
  de: string;
}

export interface SubjectItem {
  domain: string;
  category: string;
  id: string;
  context: string | null;
  purpose: Text;
  legalBasis: string;
  data: Record<string, unknown>;
  correctable: string[] | null;
  can: { correct: boolean; withdrawConsent: boolean; object: boolean; erase: boolean };
}

export interface KeptItem {
  category: string;
  id: string;
  reason: Text | null;
  until: string | null;
}

export interface NoticeDocument {
  version: string;
  language: 'de' | 'en';
  controller: { name: string; address?: string; privacyEmail?: string; dpo?: { name?: string; email?: string } };
  purposes: {
    category: string;
    domain: string;
    purpose: string;
    legalBasis: string;
    retention: string;
    fields: string[];
    subjects: string[];
  }[];
  processors: { name: string; purpose: string; country: string; thirdCountry: boolean; transferBasis: string | null }[];
  thirdCountryTransfers: boolean;
  declared: {
    configured: boolean;
    authority?: { name: string; address?: string };
    hosting?: { own: true; country: string } | { own: false };
  };
}

export const requestAccessLink = (email: string, language: string, captcha: string | undefined) =>
  api.post<{ status: 'check_email' }>('/api/public/privacy/access', { email, language, ...(captcha ? { captcha } : {}) });
export const openPortalSession = (token: string) => api.post('/api/public/privacy/session', { token });
export const fetchMyData = () => api.get<{ email: string; items: SubjectItem[] }>('/api/public/privacy/me');
export const exportUrl = '/api/public/privacy/me/export';
export const correctItem = (item: { category: string; id: string }, fields: Record<string, string>) =>
  api.post('/api/public/privacy/me/correct', { item, fields });
export const withdrawItem = (item: { category: string; id: string }, right: 'consent' | 'objection') =>
  api.post<{ effect: Text }>('/api/public/privacy/me/withdraw', { item, right });
export const eraseAll = () => api.post<{ erased: number; kept: KeptItem[] }>('/api/public/privacy/me/erase', { confirm: true });
export const leavePortal = () => api.post('/api/public/privacy/logout');
export const fetchNotice = (language: string) =>
  api.get<NoticeDocument>(`/api/public/privacy/notice?language=${encodeURIComponent(language)}`);
