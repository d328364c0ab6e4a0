/** Texts of the shared components (web/components). */
const components = {
  money: {
    yuan: '元',
    invalid: '请输入金额，例如 12,345.67 或 12.5万',
    required: '请输入金额',
  },
  table: {
    total: '共 {total} 条',
    capped: '{total}+ 条，请缩小筛选条件',
    cappedShort: '{total}+',
  },
  timeline: {
    reason: '理由',
    empty: '暂无记录',
    system: '系统',
  },
};

export default components;
