/**
 * Where a party is located: Qingdao's districts and county-level cities by their
 * GB/T 2260 administrative division codes, plus three buckets for parties outside Qingdao.
 * Pure data: used by the server and by the web app.
 */

export const DISTRICTS = [
  { code: '370202', zh: '市南区', en: 'Shinan District', kind: 'district' },
  { code: '370203', zh: '市北区', en: 'Shibei District', kind: 'district' },
  // Huangdao District is administered together with the West Coast New Area (西海岸新区).
  {
    code: '370211',
    zh: '黄岛区（西海岸新区）',
    en: 'Huangdao District (West Coast New Area)',
    kind: 'district',
  },
  { code: '370212', zh: '崂山区', en: 'Laoshan District', kind: 'district' },
  { code: '370213', zh: '李沧区', en: 'Licang District', kind: 'district' },
  { code: '370214', zh: '城阳区', en: 'Chengyang District', kind: 'district' },
  { code: '370215', zh: '即墨区', en: 'Jimo District', kind: 'district' },
  { code: '370281', zh: '胶州市', en: 'Jiaozhou City', kind: 'county-city' },
  { code: '370283', zh: '平度市', en: 'Pingdu City', kind: 'county-city' },
  { code: '370285', zh: '莱西市', en: 'Laixi City', kind: 'county-city' },
  { code: 'OTHER_SD', zh: '山东省其他地区', en: 'Elsewhere in Shandong', kind: 'outside' },
  { code: 'OTHER_CN', zh: '省外', en: 'Other provinces of China', kind: 'outside' },
  // 境外 covers foreign countries and also Hong Kong, Macao and Taiwan.
  { code: 'ABROAD', zh: '境外', en: 'Outside mainland China', kind: 'outside' },
] as const;

export type District = (typeof DISTRICTS)[number];
export type DistrictCode = District['code'];
export type DistrictKind = District['kind'];

export const DISTRICT_CODES: readonly DistrictCode[] = DISTRICTS.map((d) => d.code);

/** The Qingdao municipality's own division code, parent of every district above. */
export const QINGDAO_DIVISION_CODE = '370200';

const byCode = new Map<string, District>(DISTRICTS.map((d) => [d.code, d]));

export function isDistrictCode(s: unknown): s is DistrictCode {
  return typeof s === 'string' && byCode.has(s);
}

/** The district row for a code; throws on an unknown code. */
export function getDistrict(code: DistrictCode): District {
  const d = byCode.get(code);
  if (!d) throw new RangeError(`Unknown district code: ${JSON.stringify(code)}`);
  return d;
}

/** True for Qingdao's ten districts and county-level cities. */
export function isInQingdao(code: DistrictCode): boolean {
  return getDistrict(code).kind !== 'outside';
}

export function districtName(code: DistrictCode, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const d = getDistrict(code);
  return locale === 'en-US' ? d.en : d.zh;
}
