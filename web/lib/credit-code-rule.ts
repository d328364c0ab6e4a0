import type { Rule } from 'antd/es/form';
import { validateCreditCode } from '../../common/credit-code';
import { useI18n } from './i18n';

/**
 * The form rule of a unified social credit code field: the same check the server makes
 * (common/credit-code.ts), its message in the interface language. Empty passes (pair it with `required`).
 *
 *   <Form.Item name="creditCode" validateFirst rules={[{ required: true, whitespace: true, message }, creditCodeRule]}>
 */
export function useCreditCodeRule(): Rule {
  const { locale } = useI18n();
  return {
    validator: (_: unknown, value: string | undefined) => {
      if (!value) return Promise.resolve();
      const result = validateCreditCode(value);
      return result.ok ? Promise.resolve() : Promise.reject(new Error(locale === 'zh-CN' ? result.messageZh : result.messageEn));
    },
  };
}

/** The rules of a required credit code field: required (with the given message), then the check. Use with `validateFirst`. */
export function useCreditCodeRules(requiredMessage: string): Rule[] {
  return [{ required: true, whitespace: true, message: requiredMessage }, useCreditCodeRule()];
}

/** The code as the server wants it: normalised when it reads, else as typed (the server names the problem). */
export function creditCodeOf(value: string | null | undefined): string {
  const code = validateCreditCode(value ?? '');
  return code.ok ? code.normalized : (value ?? '');
}
