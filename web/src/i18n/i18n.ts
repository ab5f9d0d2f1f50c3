import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import enAccount from './locales/en-account.json';
import enImport from './locales/en-import.json';
import enSettings from './locales/en-settings.json';
import enTasks from './locales/en-tasks.json';
import enTrust from './locales/en-trust.json';
import ja from './locales/ja.json';
import jaAccount from './locales/ja-account.json';
import jaImport from './locales/ja-import.json';
import jaSettings from './locales/ja-settings.json';
import jaTasks from './locales/ja-tasks.json';
import jaTrust from './locales/ja-trust.json';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language chosen in the switch is kept here; until then the browser's own language decides. */
export const LANGUAGE_STORAGE_KEY = 'pacer.language';

export const i18n = i18next.createInstance();

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    // One file per view (its keys under the view's name: `account.…`, `trust.…`), so views grow apart.
    resources: {
      en: {
        translation: {
          ...en,
          account: enAccount,
          trust: enTrust,
          import: enImport,
          settings: enSettings,
          tasks: enTasks,
        },
      },
      ja: {
        translation: {
          ...ja,
          account: jaAccount,
          trust: jaTrust,
          import: jaImport,
          settings: jaSettings,
          tasks: jaTasks,
        },
      },
    },
    supportedLngs: LANGUAGES,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: ['localStorage'],
    },
  });

/** The app's language: 'ja' for ja-JP and the like, else English. */
export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'ja' ? 'ja' : 'en';
}

const setDocumentLanguage = () => {
  document.documentElement.lang = currentLanguage();
};
i18n.on('languageChanged', setDocumentLanguage);
i18n.on('initialized', setDocumentLanguage);
