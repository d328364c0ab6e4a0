/** Signing in and out, the user menu and password changes. */
const auth = {
  login: {
    title: '登录',
    subtitle: '使用邮箱或手机号登录',
    account: '账号',
    accountPlaceholder: '邮箱或手机号',
    accountRequired: '请输入邮箱或手机号',
    accountInvalid: '请输入有效的邮箱或 11 位手机号',
    password: '密码',
    passwordPlaceholder: '密码',
    passwordRequired: '请输入密码',
    submit: '登录',
    footer: '青岛市科学技术局指导',
  },
  userMenu: {
    currentOrganisation: '当前机构：{org}',
    currentRole: '当前身份：{role}',
    membership: '{org} · {role}',
    switchMembership: '切换身份',
    changePassword: '修改密码',
    logout: '退出登录',
    switched: '已切换为 {org} · {role}',
  },
  password: {
    title: '修改密码',
    current: '原密码',
    next: '新密码',
    confirm: '确认新密码',
    required: '请输入密码',
    minLength: '密码至少 8 位',
    mismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与原密码相同',
    done: '密码已修改，其他设备上的登录已失效',
  },
  loggedOut: '已退出登录',
  sessionExpired: '登录已失效，请重新登录',
  noMembership: '您的账号尚未加入任何机构，请联系机构管理员。',
};

export default auth;
