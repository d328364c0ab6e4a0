import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Locale } from '../../common/locale.js';
import { AppError, type FieldError } from './errors.js';

export { bilingual } from '../../common/schemas.js';

function splitBilingual(message: string): { zh: string; en: string } | undefined {
  if (!message.startsWith('{"zh"')) return undefined;
  try {
    const parsed = JSON.parse(message) as { zh?: unknown; en?: unknown };
    if (typeof parsed.zh === 'string' && typeof parsed.en === 'string') return { zh: parsed.zh, en: parsed.en };
  } catch {
    // not one of ours: fall through to zod's own wording
  }
  return undefined;
}

type Issue = z.core.$ZodIssue;
const zhLocale = z.locales.zhCN();
const enLocale = z.locales.en();

function localeMessage(issue: Issue, locale: typeof zhLocale): string {
  const out = locale.localeError(issue as never);
  return typeof out === 'string' ? out : (out?.message ?? issue.message);
}

/** Turns zod issues into field errors named `part.path` (e.g. `body.creditCode`), in both languages. */
export function issuesToFieldErrors(part: string, issues: readonly Issue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [part, ...issue.path.map(String)].join('.');
    // For a union, report the branch that came closest (fewest problems) rather than "no branch matched".
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return issuesToFieldErrors(base, closest);
    }
    const custom = splitBilingual(issue.message);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: `${base}.${key}`, zh: `不允许的字段：${key}`, en: `Unknown field: ${key}` }));
    }
    return [
      {
        field: base,
        zh: custom?.zh ?? localeMessage(issue, zhLocale),
        en: custom?.en ?? localeMessage(issue, enLocale),
      },
    ];
  });
}

export class RequestValidationError extends Error {
  constructor(readonly fieldErrors: FieldError[]) {
    super('request validation failed');
  }
}

/** The path of the first string holding a NUL character, which PostgreSQL text cannot store. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = nulPath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/** Fastify validator: zod with inputs reported so that messages can say what was received. */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const nul = nulPath(data, partName(httpPart));
    if (nul) return { error: new RequestValidationError([{ field: nul, zh: '不能包含空字符（\\u0000），请删除后重试', en: 'must not contain a NUL character (\\u0000)' }]) };
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(issuesToFieldErrors(partName(httpPart), result.error.issues)) };
  };

function partName(httpPart: string | undefined): string {
  if (httpPart === 'querystring') return 'query';
  return httpPart ?? 'body';
}

/** Validates a value outside a route (CLI, imports) with the same messages. */
export function parseOrThrow<T>(schema: ZodType<T>, value: unknown, part = 'body'): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError('VALIDATION_FAILED', { errors: issuesToFieldErrors(part, result.error.issues) });
}

export function fieldMessages(errors: readonly FieldError[], locale: Locale) {
  return errors.map((e) => ({ field: e.field, message: locale === 'en-US' ? e.en : e.zh }));
}
