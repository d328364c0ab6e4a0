/** Words used across the whole app. */
const common = {
  appName: '科桥',
  platformName: '青岛科技成果转化服务平台',
  fullTitle: '科桥 · 青岛科技成果转化服务平台',
  languageName: '中文',
  /** Label of the language switch: the language it switches to. */
  switchLanguage: 'English',
  switchLanguageTitle: '切换为英文界面',
  openMenu: '展开或收起导航菜单',
  actions: {
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    create: '新建',
    edit: '编辑',
    delete: '删除',
    remove: '移除',
    search: '搜索',
    reset: '重置',
    refresh: '刷新',
    back: '返回',
    view: '查看',
    copy: '复制',
    close: '关闭',
  },
  states: {
    active: '启用',
    inactive: '停用',
    loading: '加载中…',
    empty: '暂无数据',
    none: '无',
    yes: '是',
    no: '否',
  },
  feedback: {
    saved: '已保存',
    deleted: '已删除',
    copied: '已复制到剪贴板',
    copyFailed: '复制失败，请手动选择文本复制',
  },
  pages: {
    notFoundTitle: '页面不存在',
    notFoundText: '您访问的页面不存在或已被移动。',
    forbiddenTitle: '无权访问',
    forbiddenText: '当前身份无权访问此页面，请在右上角切换身份或返回首页。',
    errorTitle: '页面出错了',
    errorText: '页面加载失败，请刷新后重试。',
    backHome: '返回首页',
    reload: '刷新页面',
  },
};

export default common;
