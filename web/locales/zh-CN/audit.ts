/** The audit log (审计日志). */
const audit = {
  title: '审计日志',
  intro: '记录平台上的每一次数据变更，包括系统管理员的操作，并保留变更前后的内容。',
  entityFilter: '对象类型',
  entityPlaceholder: '全部对象，或输入类型如 organisation',
  fields: {
    at: '时间',
    actor: '操作人',
    action: '操作',
    entity: '对象类型',
    entityId: '对象编号',
  },
  diff: {
    field: '字段',
    before: '变更前',
    after: '变更后',
    noChanges: '无字段变化',
    absent: '（无）',
  },
  system: '系统',
};

export default audit;
