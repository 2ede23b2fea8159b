import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

/** Where an explicit choice in the header is kept; without one, the browser's languages decide. */
const storageKey = 'plenum.language';

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { de: { translation: de }, en: { translation: en } },
    supportedLngs: languages,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: storageKey, caches: [] },
    interpolation: { escapeValue: false },
    initAsync: false,
  });

export function isLanguage(value: string | undefined): value is Language {
  return languages.some((language) => language === value);
}

export function currentLanguage(): Language {
  const resolved = i18n.resolvedLanguage;
  return isLanguage(resolved) ? resolved : 'en';
}

export function chooseLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
  void i18n.changeLanguage(language);
}

function reflectLanguage(): void {
  document.documentElement.lang = currentLanguage();
}
i18n.on('languageChanged', reflectLanguage);
reflectLanguage();

export default i18n;
