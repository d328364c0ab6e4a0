import { makeCreditCode } from '../../../common/credit-code.js';
import type { OrgKind, Role } from '../../../common/roles.js';

/** A believable Qingdao ecosystem with invented names, for demonstrations and tests. */
export interface DemoOrg {
  key: string;
  kind: OrgKind;
  name: string;
  nameEn: string;
  district: string;
  /** Registration authority + category (GB 32100 positions 1–2): 12 public institution, 91 company, 11 government. */
  authority: '11' | '12' | '91';
  parentKey?: string;
}

export interface DemoPerson {
  name: string;
  email: string;
  mobile?: string;
  memberships: Array<{ org: string; role: Role }>;
  /** The account listed in the README for this role. */
  demoFor?: Role;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'hhmu', kind: 'university', name: '黄海海洋大学', nameEn: 'Yellow Sea Ocean University', district: '370212', authority: '12' },
  { key: 'hhmu-chem', kind: 'university', name: '黄海海洋大学海洋化学学院', nameEn: 'YSOU College of Marine Chemistry', district: '370212', authority: '12', parentKey: 'hhmu' },
  { key: 'jzbu', kind: 'university', name: '胶州湾大学', nameEn: 'Jiaozhou Bay University', district: '370203', authority: '12' },
  { key: 'mbio', kind: 'research_institute', name: '青岛海洋生物医药研究院', nameEn: 'Qingdao Institute of Marine Biomedicine', district: '370211', authority: '12' },
  { key: 'deep', kind: 'research_institute', name: '青岛深蓝装备研究所', nameEn: 'Qingdao Deep Blue Equipment Institute', district: '370212', authority: '12' },
  { key: 'coast', kind: 'research_institute', name: '青岛海岸带生态研究所', nameEn: 'Qingdao Coastal Ecology Institute', district: '370214', authority: '12' },
  { key: 'hosp', kind: 'hospital', name: '青岛滨海医学中心医院', nameEn: 'Qingdao Binhai Medical Centre Hospital', district: '370202', authority: '12' },
  { key: 'newrd', kind: 'new_rd_institution', name: '崂山海洋技术创新中心', nameEn: 'Laoshan Marine Technology Innovation Centre', district: '370212', authority: '12' },
  { key: 'soe', kind: 'state_owned_enterprise', name: '青岛蓝港重工集团有限公司', nameEn: 'Qingdao Blue Harbour Heavy Industry Group', district: '370211', authority: '91' },
  { key: 'market', kind: 'tech_transfer_agency', name: '海洋科技大市场运营中心', nameEn: 'Marine Technology Market Operations Centre', district: '370214', authority: '12' },
  { key: 'huizhi', kind: 'tech_transfer_agency', name: '青岛汇智技术转移服务有限公司', nameEn: 'Qingdao Huizhi Technology Transfer Services', district: '370203', authority: '91' },
  { key: 'invest', kind: 'investment_platform', name: '青岛科创投资控股集团有限公司', nameEn: 'Qingdao Sci-Tech Innovation Investment Holdings', district: '370202', authority: '91' },
  { key: 'bank', kind: 'financial_institution', name: '青岛海融银行科技支行', nameEn: 'Qingdao Hairong Bank Technology Branch', district: '370202', authority: '91' },
  { key: 'bureau', kind: 'science_bureau', name: '青岛市科学技术局（演示）', nameEn: 'Qingdao Science and Technology Bureau (demo)', district: '370202', authority: '11' },
  ...(
    [
      ['bluewhale', '青岛蓝鲸海洋科技有限公司', 'Qingdao Blue Whale Ocean Technology', '370212'],
      ['haizhiyuan', '青岛海之源水产养殖有限公司', 'Qingdao Haizhiyuan Aquaculture', '370215'],
      ['deepdive', '青岛深潜智能装备有限公司', 'Qingdao Deepdive Intelligent Equipment', '370211'],
      ['bihai', '青岛碧海环保科技有限公司', 'Qingdao Bihai Environmental Technology', '370213'],
      ['seaweed', '青岛海藻生物制品有限公司', 'Qingdao Seaweed Bioproducts', '370281'],
      ['tidal', '青岛潮汐新能源科技有限公司', 'Qingdao Tidal New Energy Technology', '370211'],
      ['coldchain', '青岛渔港冷链物流有限公司', 'Qingdao Fishing Port Cold Chain Logistics', '370214'],
      ['haidun', '青岛海盾防腐材料有限公司', 'Qingdao Haidun Anticorrosion Materials', '370283'],
      ['langhua', '青岛浪花食品有限公司', 'Qingdao Langhua Foods', '370285'],
      ['beian', '青岛北岸船舶配套有限公司', 'Qingdao North Shore Marine Components', '370211'],
      ['mingzhu', '青岛明珠智慧港口科技有限公司', 'Qingdao Pearl Smart Port Technology', '370203'],
      ['haiyun', '青岛海韵医疗器械有限公司', 'Qingdao Haiyun Medical Devices', '370212'],
      ['bluevalley', '青岛蓝谷传感技术有限公司', 'Qingdao Blue Valley Sensing Technology', '370215'],
      ['coral', '青岛珊瑚礁生态修复有限公司', 'Qingdao Coral Reef Ecological Restoration', '370202'],
      ['haixing', '青岛海星数据科技有限公司', 'Qingdao Haixing Data Technology', '370202'],
      ['qindao', '青岛琴岛新材料有限公司', 'Qingdao Qindao New Materials', '370214'],
      ['jiaodong', '青岛胶东半岛农业科技有限公司', 'Qingdao Jiaodong Peninsula Agritech', '370281'],
      ['shilaoren', '青岛石老人饮品有限公司', 'Qingdao Shilaoren Beverages', '370212'],
      ['jinshatan', '青岛金沙滩旅游装备有限公司', 'Qingdao Golden Beach Leisure Equipment', '370211'],
      ['haiou', '青岛海鸥电子仪器有限公司', 'Qingdao Seagull Electronic Instruments', '370213'],
    ] as const
  ).map(([key, name, nameEn, district]) => ({ key, kind: 'enterprise' as const, name, nameEn, district, authority: '91' as const })),
];

// GB 32100 positions 9–17 are the organisation code; letters I, O, S, V, Z are not used.
const ORG_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A stable, valid credit code per demo organisation, derived from its key. */
export function demoCreditCode(org: DemoOrg, index: number): string {
  let orgCode = '';
  let seed = 7 + index * 7919;
  for (const ch of org.key) seed = (seed * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  for (let i = 0; i < 9; i++) {
    orgCode += ORG_CODE_ALPHABET[seed % (i === 0 ? 10 : ORG_CODE_ALPHABET.length)];
    seed = Math.floor(seed / 7) + 104729 * (i + 1);
  }
  return makeCreditCode(`${org.authority}${org.district}${orgCode}`);
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { name: '王海洋', email: 'researcher@demo.keqiao.cn', mobile: '13800000001', memberships: [{ org: 'hhmu', role: 'researcher' }], demoFor: 'researcher' },
  { name: '李转化', email: 'tto@demo.keqiao.cn', mobile: '13800000002', memberships: [{ org: 'hhmu', role: 'tto_officer' }], demoFor: 'tto_officer' },
  { name: '张立新', email: 'orgadmin@demo.keqiao.cn', memberships: [{ org: 'hhmu', role: 'org_admin' }], demoFor: 'org_admin' },
  { name: '陈企', email: 'enterprise@demo.keqiao.cn', mobile: '13900000004', memberships: [{ org: 'bluewhale', role: 'enterprise' }], demoFor: 'enterprise' },
  { name: '刘经纬', email: 'broker@demo.keqiao.cn', memberships: [{ org: 'huizhi', role: 'broker' }], demoFor: 'broker' },
  { name: '赵运营', email: 'operator@demo.keqiao.cn', memberships: [{ org: 'market', role: 'operator' }], demoFor: 'operator' },
  { name: '孙资本', email: 'investor@demo.keqiao.cn', memberships: [{ org: 'invest', role: 'investor' }], demoFor: 'investor' },
  { name: '周督导', email: 'bureau@demo.keqiao.cn', memberships: [{ org: 'bureau', role: 'bureau' }], demoFor: 'bureau' },
  { name: '系统管理员', email: 'admin@demo.keqiao.cn', memberships: [{ org: 'market', role: 'admin' }], demoFor: 'admin' },
  // Colleagues who make the institutions and the market look lived in.
  { name: '吴潮声', email: 'wu.chaosheng@demo.keqiao.cn', memberships: [{ org: 'hhmu-chem', role: 'researcher' }] },
  { name: '郑晓岚', email: 'zheng.xiaolan@demo.keqiao.cn', memberships: [{ org: 'jzbu', role: 'researcher' }] },
  { name: '冯启航', email: 'feng.qihang@demo.keqiao.cn', memberships: [{ org: 'jzbu', role: 'tto_officer' }] },
  {
    name: '何蔚',
    email: 'he.wei@demo.keqiao.cn',
    memberships: [
      { org: 'mbio', role: 'researcher' },
      { org: 'mbio', role: 'tto_officer' },
    ],
  },
  { name: '许深', email: 'xu.shen@demo.keqiao.cn', memberships: [{ org: 'deep', role: 'researcher' }] },
  { name: '高岸', email: 'gao.an@demo.keqiao.cn', memberships: [{ org: 'coast', role: 'tto_officer' }] },
  { name: '林济', email: 'lin.ji@demo.keqiao.cn', memberships: [{ org: 'hosp', role: 'researcher' }] },
  { name: '马创', email: 'ma.chuang@demo.keqiao.cn', memberships: [{ org: 'newrd', role: 'tto_officer' }] },
  { name: '钱港', email: 'qian.gang@demo.keqiao.cn', memberships: [{ org: 'soe', role: 'tto_officer' }] },
  { name: '朱桥', email: 'zhu.qiao@demo.keqiao.cn', memberships: [{ org: 'huizhi', role: 'broker' }] },
  { name: '秦海帆', email: 'qin.haifan@demo.keqiao.cn', memberships: [{ org: 'market', role: 'broker' }] },
  { name: '韩渔', email: 'han.yu@demo.keqiao.cn', memberships: [{ org: 'haizhiyuan', role: 'enterprise' }] },
  { name: '杨深', email: 'yang.shen@demo.keqiao.cn', memberships: [{ org: 'deepdive', role: 'enterprise' }] },
  { name: '曹碧', email: 'cao.bi@demo.keqiao.cn', memberships: [{ org: 'bihai', role: 'enterprise' }] },
  { name: '彭藻', email: 'peng.zao@demo.keqiao.cn', memberships: [{ org: 'seaweed', role: 'enterprise' }] },
  { name: '鲁盾', email: 'lu.dun@demo.keqiao.cn', memberships: [{ org: 'haidun', role: 'enterprise' }] },
  { name: '邓港', email: 'deng.gang@demo.keqiao.cn', memberships: [{ org: 'mingzhu', role: 'enterprise' }] },
  { name: '蒋融', email: 'jiang.rong@demo.keqiao.cn', memberships: [{ org: 'bank', role: 'investor' }] },
];
