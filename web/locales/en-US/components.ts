import type zh from '../zh-CN/components';

/** Texts of the shared components (web/components). */
const components: typeof zh = {
  money: {
    yuan: 'CNY',
    invalid: 'Enter an amount, e.g. 12,345.67 or 12.5万',
    required: 'Enter an amount',
  },
  table: {
    total: '{total} in all',
    capped: '{total}+ — narrow the filters',
    cappedShort: '{total}+',
  },
  timeline: {
    reason: 'Reason',
    empty: 'Nothing recorded yet',
    system: 'System',
  },
};

export default components;
