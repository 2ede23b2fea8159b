import { currentLanguage } from '../i18n';

/** The Intl locale for the interface language: British English writes "7 December 2026", German "7. Dezember 2026". */
export function dateLocale(): string {
  return currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A moment's day in the reader's zone; a day alone ("2099-12-31") as that day, wherever the reader is. */
export function formatDate(iso: string): string {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'long', ...(dayOnly ? { timeZone: 'UTC' } : {}) }).format(new Date(iso));
}

/** A date with the month in words and the time, for when two moments of one day must be told apart ("6. Dezember 2026 um 21:33"). */
export function formatDateTimeLong(iso: string): string {
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
