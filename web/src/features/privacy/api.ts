import { checkEmail } from '@shared/api/common.js';
import {
  erasure,
  myData,
  noticeDocument,
  noticeHistory,
  withdrawal,
  type KeptItem,
  type NoticeDocument,
  type NoticePartChange,
  type NoticeSection,
  type ShownValue,
  type SubjectItem,
  type Text,
} from '@shared/api/privacy.js';
import { http } from '../../api/client';

/** The portal's answers as the API gives them (src/shared/api/privacy.ts). */
export type { KeptItem, NoticeDocument, NoticePartChange, NoticeSection, ShownValue, SubjectItem, Text };

export const requestAccessLink = (email: string, language: string, captcha: string | undefined) =>
  http.submit('/api/public/privacy/access', { email, language, ...(captcha ? { captcha } : {}) }, checkEmail);
export const openPortalSession = (token: string) => http.send('/api/public/privacy/session', { token });
export const fetchMyData = () => http.read('/api/public/privacy/me', myData);
export const exportUrl = '/api/public/privacy/me/export';
/** The item as the API names it: its category and id only (the server refuses any other field). */
const refOf = (item: { category: string; id: string }) => ({ category: item.category, id: item.id });
export const correctItem = (item: { category: string; id: string }, fields: Record<string, string>) =>
  http.send('/api/public/privacy/me/correct', { item: refOf(item), fields });
export const withdrawItem = (item: { category: string; id: string }, right: 'consent' | 'objection') =>
  http.submit('/api/public/privacy/me/withdraw', { item: refOf(item), right }, withdrawal);
export const eraseAll = () => http.submit('/api/public/privacy/me/erase', { confirm: true }, erasure);
export const leavePortal = () => http.send('/api/public/privacy/logout');
export const fetchNotice = (language: string) =>
  http.read(`/api/public/privacy/notice?language=${encodeURIComponent(language)}`, noticeDocument);
export const fetchNoticeHistory = (language: string) =>
  http.read(`/api/public/privacy/notice/changes?language=${encodeURIComponent(language)}`, noticeHistory);
