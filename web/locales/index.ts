import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../common/locale';
import enUS from './en-US';
import type { Messages, Vars } from './types';
import zhCN from './zh-CN';

export type { MessageKey, Messages, Vars } from './types';

export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

export const LOCALE_STORAGE_KEY = 'keqiao.locale';

/** The text at a dotted key, or undefined when there is none (dynamic keys such as `home.figures.<key>`). */
export function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = MESSAGES[locale];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills `{name}` placeholders. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language remembered in this browser, zh-CN otherwise. */
export function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage can be disabled; fall back to the default.
  }
  return DEFAULT_LOCALE;
}
