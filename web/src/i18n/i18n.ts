import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import ja from './locales/ja.json';

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language chosen in the switch is kept here; until then the browser's own language decides. */
export const LANGUAGE_STORAGE_KEY = 'pacer.language';

export const i18n = i18next.createInstance();

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, ja: { translation: ja } },
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
