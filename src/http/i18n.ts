import i18next, { type TFunction } from 'i18next';
import { z } from 'zod';
import type { Language } from '../config.js';
import { de } from './locales/de.js';
import { en } from './locales/en.js';

const supported: readonly Language[] = ['de', 'en'];

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en }, de: { translation: de } },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The best supported language for an Accept-Language header, by quality. */
export function negotiateLanguage(header: string | undefined, fallback: Language): Language {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((entry) => supported.includes(entry.lang as Language))?.lang as Language) ?? fallback;
}

export function translator(language: Language): TFunction {
  return i18n.getFixedT(language);
}

const zodLocales = { de: z.locales.de(), en: z.locales.en() };

/** Zod's own translation of a validation issue, or ours when the schema named an error code. */
export function translateIssue(issue: z.core.$ZodIssue, language: Language): string {
  if (issue.code === 'custom' && i18n.exists(issue.message)) return translator(language)(issue.message);
  const localized = zodLocales[language].localeError(issue as z.core.$ZodRawIssue);
  const message = typeof localized === 'string' ? localized : localized?.message;
  return message ?? issue.message;
}
