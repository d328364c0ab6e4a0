/**
 * Texts for the API's error codes (problem+json `code`). Codes whose server message carries
 * specifics (which entity, which field, how many minutes) are deliberately absent: for those the
 * client shows the server's `detail`, already in the caller's language.
 */
const errors = {
  VALIDATION_FAILED: '提交的内容有误，请按提示修改',
  MALFORMED_JSON: '请求内容格式错误',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  UNAUTHENTICATED: '请先登录',
  INVALID_CREDENTIALS: '账号或密码不正确',
  CSRF_FAILED: '安全校验失败，请刷新页面后重试',
  FORBIDDEN: '您没有执行此操作的权限',
  IDEMPOTENCY_MISMATCH: '同一幂等键已用于不同的请求内容',
  IDEMPOTENCY_IN_PROGRESS: '相同的请求正在处理中，请稍候',
  WRONG_PASSWORD: '原密码不正确',
  LEDGER_APPEND_ONLY: '台账事件只能追加，不能修改或删除',
  NOT_READY: '服务尚未就绪，请稍后再试',
  INTERNAL: '服务器内部错误，请稍后再试',
  NETWORK: '无法连接服务器，请检查网络后重试',
  UNKNOWN: '请求失败（{status}）',
};

export default errors;
