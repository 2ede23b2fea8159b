import 'i18next';
import type { en } from './en';

/** Makes `t('…')` check its key against the English texts at compile time. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
