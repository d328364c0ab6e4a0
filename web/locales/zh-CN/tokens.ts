/** API tokens for system integrations. */
const tokens = {
  title: 'API令牌',
  intro: 'API 令牌供单位的业务系统调用科桥接口使用，每个令牌以某机构的某一身份行事。请妥善保管，泄露后立即吊销。',
  create: '新建令牌',
  fields: {
    name: '名称',
    prefix: '前缀',
    organisation: '机构',
    role: '身份',
    scopes: '权限范围',
    createdAt: '创建时间',
    expiresAt: '到期日',
    lastUsedAt: '最近使用',
    status: '状态',
  },
  placeholders: {
    name: '例如：财务系统对接',
    organisation: '请选择机构',
    role: '请选择身份',
    expiresAt: '不填则长期有效',
  },
  validation: {
    nameRequired: '请输入名称',
    organisationRequired: '请选择机构',
    roleRequired: '请选择身份',
    scopesRequired: '请至少选择一项权限',
  },
  scope: {
    read: '读取',
    write: '写入',
  },
  status: {
    active: '有效',
    revoked: '已吊销',
    expired: '已过期',
  },
  never: '从未',
  noExpiry: '长期',
  secretTitle: '令牌已创建',
  secretWarning: '令牌密钥只显示这一次，关闭后无法再次查看。请立即复制并保存到安全的位置。',
  secretDone: '我已保存',
  revoke: '吊销',
  revokeConfirm: '确定吊销令牌“{name}”？使用该令牌的系统将立即无法访问。',
  revoked: '令牌已吊销',
};

export default tokens;
