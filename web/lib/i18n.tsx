import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Locale } from '../../common/locale';
import { setRequestLocale } from '../api/client';
import { initialLocale, interpolate, LOCALE_STORAGE_KEY, lookup, type MessageKey, MESSAGES, type Messages, type Vars } from '../locales';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** The text at a key known to tsc. */
  t(key: MessageKey, vars?: Vars): string;
  /** The text at a key built at run time (`home.figures.<key>`), or the fallback. */
  tOr(key: string, fallback: string, vars?: Vars): string;
  messages: Messages;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (locale: Locale) => void }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    setRequestLocale(l);
    return l;
  });

  const setLocale = useCallback(
    (next: Locale) => {
      setRequestLocale(next);
      try {
        localStorage.setItem(LOCALE_STORAGE_KEY, next);
      } catch {
        // Not remembered when storage is disabled; the switch still applies now.
      }
      setLocaleState(next);
      onChange?.(next);
    },
    [onChange],
  );

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      messages: MESSAGES[locale],
      t: (key, vars) => interpolate(lookup(locale, key) ?? key, vars),
      tOr: (key, fallback, vars) => interpolate(lookup(locale, key) ?? fallback, vars),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
