import type { Locale } from '../../common/locale';
import type { BilingualText } from '../../common/schemas';
import { useI18n } from './i18n';

/** A text in both languages, as the API and common/*.ts label maps give it. */
export type BilingualPair = BilingualText;

/** The half of a bilingual text that matches the locale. */
export const pick = (x: BilingualPair, locale: Locale): string => (locale === 'zh-CN' ? x.zh : x.en);

/** The half of a bilingual text that matches the interface language ('' for none): `const bi = useBilingual(); bi(x.rule)`. */
export function useBilingual() {
  const { locale } = useI18n();
  return (x: BilingualPair | null | undefined) => (x ? pick(x, locale) : '');
}
