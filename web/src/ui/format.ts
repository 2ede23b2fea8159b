import { currentLanguage } from '../i18n';

/** The Intl locale for the interface language: British English writes "7 December 2026", German "7. Dezember 2026". */
export function dateLocale(): string {
  return currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'long' }).format(new Date(iso));
}

/** A date with the month in words and the time, for when two moments of one day must be told apart ("6. Dezember 2026 um 21:33"). */
export function formatDateTimeLong(iso: string): string {
  return new Intl.DateTimeFormat(dateLocale(), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}
