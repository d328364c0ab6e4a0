import type { Rule } from 'antd/es/form';
import { validateCreditCode } from '../../common/credit-code';
import { useI18n } from './i18n';

/**
 * The form rules of a unified social credit code field: required (with the given message), then
 * the checksum, with the reason in the interface language. Use with `validateFirst` on the item.
 */
export function useCreditCodeRules(requiredMessage: string): Rule[] {
  const { locale } = useI18n();
  return [
    { required: true, whitespace: true, message: requiredMessage },
    {
      validator: (_, v?: string) => {
        if (!v) return Promise.resolve();
        const r = validateCreditCode(v);
        return r.ok ? Promise.resolve() : Promise.reject(new Error(locale === 'zh-CN' ? r.messageZh : r.messageEn));
      },
    },
  ];
}

/** The code as the server wants it: normalised when it reads, else as typed (the server names the problem). */
export function creditCodeOf(value: string | null | undefined): string {
  const code = validateCreditCode(value ?? '');
  return code.ok ? code.normalized : (value ?? '');
}
