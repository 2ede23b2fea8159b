import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, isLanguage, languages, type Language } from '../i18n';

/** Language names are written in their own language, so everyone finds theirs. */
const names: Record<Language, string> = { de: 'Deutsch', en: 'English' };

/** `short`: the language codes (DE, EN) where the row is narrow, e.g. the room's header on phones. */
export function LanguageSwitcher({ short = false }: { short?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select id={id} value={currentLanguage()} onChange={(event) => isLanguage(event.target.value) && chooseLanguage(event.target.value)}>
        {languages.map((language) => (
          <option key={language} value={language} lang={language} title={names[language]}>
            {short ? language.toUpperCase() : names[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
