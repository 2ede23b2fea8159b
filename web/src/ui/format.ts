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
