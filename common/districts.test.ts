import { describe, expect, it } from 'vitest';
import { DISTRICT_CODES, DISTRICTS, districtName, getDistrict, isDistrictCode, isInQingdao } from './districts.js';

describe('districts', () => {
  it("lists Qingdao's ten districts and county-level cities under 3702 plus three outside buckets", () => {
    const inside = DISTRICTS.filter((d) => d.kind !== 'outside');
    expect(inside.map((d) => d.code)).toEqual(['370202', '370203', '370211', '370212', '370213', '370214', '370215', '370281', '370283', '370285']);
    for (const d of inside) expect(d.code).toMatch(/^3702\d{2}$/);
    expect(DISTRICTS.filter((d) => d.kind === 'outside').map((d) => d.code)).toEqual(['OTHER_SD', 'OTHER_CN', 'ABROAD']);
    expect(new Set(DISTRICT_CODES).size).toBe(DISTRICTS.length);
  });
  it('checks codes', () => {
    expect(isDistrictCode('370212')).toBe(true);
    expect(isDistrictCode('ABROAD')).toBe(true);
    expect(isDistrictCode('370200')).toBe(false);
    expect(isDistrictCode('370284')).toBe(false); // 胶南市, merged into 黄岛区 in 2012
    expect(isDistrictCode(370212)).toBe(false);
  });
  it('names districts in both languages', () => {
    expect(districtName('370212')).toBe('崂山区');
    expect(districtName('370212', 'en-US')).toBe('Laoshan District');
    expect(getDistrict('370211').zh).toContain('西海岸新区');
    expect(isInQingdao('370285')).toBe(true);
    expect(isInQingdao('OTHER_SD')).toBe(false);
    expect(() => getDistrict('999999' as never)).toThrow(RangeError);
  });
});
