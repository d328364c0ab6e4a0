import taxonomyJson from './taxonomy/fields.json' with { type: 'json' };

/** The two-level technology-field taxonomy (taxonomy/fields.json), used across the platform. */
export interface Subfield {
  code: string;
  zh: string;
  en: string;
}
export interface Field extends Subfield {
  subfields: Subfield[];
}

export const FIELDS: readonly Field[] = (taxonomyJson as { fields: Field[] }).fields;

const FIELD_BY_CODE = new Map(FIELDS.map((f) => [f.code, f]));
const SUBFIELD_BY_CODE = new Map(FIELDS.flatMap((f) => f.subfields.map((s) => [s.code, { ...s, field: f.code }] as const)));

export const isFieldCode = (code: string): boolean => FIELD_BY_CODE.has(code);
export const isSubfieldOf = (subfield: string, field: string): boolean => SUBFIELD_BY_CODE.get(subfield)?.field === field;
export const fieldOfSubfield = (subfield: string): string | null => SUBFIELD_BY_CODE.get(subfield)?.field ?? null;

/** The name of a field or subfield code in a language; the code itself when unknown. */
export function fieldName(code: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const f = FIELD_BY_CODE.get(code) ?? SUBFIELD_BY_CODE.get(code);
  if (!f) return code;
  return locale === 'zh-CN' ? f.zh : f.en;
}

/** A field given by code or by its Chinese or English name (as offices type it in Excel). */
export function resolveFieldCode(input: string): { field: string; subfield: string | null } | null {
  const s = input.trim();
  if (FIELD_BY_CODE.has(s)) return { field: s, subfield: null };
  const sub = SUBFIELD_BY_CODE.get(s);
  if (sub) return { field: sub.field, subfield: sub.code };
  for (const f of FIELDS) {
    if (f.zh === s || f.en.toLowerCase() === s.toLowerCase()) return { field: f.code, subfield: null };
    for (const sf of f.subfields) if (sf.zh === s || sf.en.toLowerCase() === s.toLowerCase()) return { field: f.code, subfield: sf.code };
  }
  return null;
}
