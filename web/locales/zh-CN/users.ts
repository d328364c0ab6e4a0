/** Users (用户管理). */
const users = {
  title: '用户管理',
  searchPlaceholder: '按姓名、邮箱或手机号搜索',
  fields: {
    name: '姓名',
    email: '邮箱',
    mobile: '手机号',
    memberships: '所属机构与身份',
    isActive: '状态',
    createdAt: '创建时间',
  },
  editName: '修改姓名',
  nameRequired: '请输入姓名',
  deactivate: '停用',
  activate: '启用',
  deactivateConfirm: '确定停用 {name}？停用后其所有登录立即失效。',
  activateConfirm: '确定重新启用 {name}？',
  deactivated: '已停用',
  activated: '已启用',
  updated: '用户信息已更新',
};

export default users;
