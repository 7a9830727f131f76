import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import type { UiLanguage } from './messages.ts';
import { type Translate, translator } from './translate.ts';

interface I18n {
  language: UiLanguage;
  t: Translate;
  setLanguage: (language: UiLanguage) => void;
  /** Numbers and dates in the interface language's conventions. */
  number: (value: number, digits?: number) => string;
  percent: (share: number, digits?: number) => string;
  money: (value: number) => string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider(props: {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  children: ReactNode;
}) {
  const { language, setLanguage } = props;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(() => {
    const locale = language === 'it' ? 'it-IT' : 'en-GB';
    return {
      language,
      t: translator(language),
      setLanguage,
      number: (value, digits = 1) =>
        value.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      percent: (share, digits = 0) =>
        share.toLocaleString(locale, {
          style: 'percent',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }),
      money: (value) =>
        value.toLocaleString(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }),
    };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{props.children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
