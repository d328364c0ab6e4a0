import type { Locale } from '../../common/locale.js';

/**
 * The closed set of error codes. Each has an HTTP status and a message in both languages;
 * `{name}` placeholders are filled from `params`. Clients map `code` to their own text.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '请求内容有误，请按提示修改', en: 'The request is invalid; see the listed fields' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大（上限 {limit}）', en: 'The request body is too large (limit {limit})' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码不正确', en: 'Wrong account or password' },
  LOGIN_THROTTLED: {
    status: 429,
    zh: '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many requests; try again in {seconds} seconds',
  },
  CSRF_FAILED: {
    status: 403,
    zh: '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  TOKEN_SCOPE: { status: 403, zh: 'API 令牌缺少权限范围：{scope}', en: 'The API token lacks the scope: {scope}' },
  NOT_FOUND: { status: 404, zh: '未找到{entity}', en: '{entityEn} not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  CONFLICT: { status: 409, zh: '与现有数据冲突：{detail}', en: 'Conflicts with existing data: {detailEn}' },
  DUPLICATE: { status: 409, zh: '{field}已被使用', en: '{fieldEn} is already in use' },
  IDEMPOTENCY_MISMATCH: {
    status: 422,
    zh: '同一幂等键已用于不同的请求内容',
    en: 'This idempotency key was already used with a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同幂等键的请求正在处理中',
    en: 'A request with this idempotency key is still being processed',
  },
  WRONG_PASSWORD: { status: 400, zh: '原密码不正确', en: 'The current password is wrong' },
  BUSINESS_RULE: { status: 422, zh: '{detail}', en: '{detailEn}' },
  LEDGER_APPEND_ONLY: { status: 409, zh: '台账事件只能追加，不能修改或删除', en: 'Ledger events are append-only' },
  // {detail} is empty unless a caller says what is missing (it then starts with its own separator).
  NOT_READY: { status: 503, zh: '服务尚未就绪{detail}', en: 'The service is not ready{detailEn}' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One invalid field: `field` is a dotted path (`body.creditCode`), with the reason in both languages. */
export interface FieldError {
  field: string;
  zh: string;
  en: string;
}

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly errors: FieldError[] | undefined;
  constructor(code: ErrorCode, options: { params?: ErrorParams; errors?: FieldError[]; cause?: unknown } = {}) {
    super(renderMessage(code, 'en-US', options.params ?? {}), { cause: options.cause });
    this.code = code;
    this.params = options.params ?? {};
    this.errors = options.errors;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function renderMessage(code: ErrorCode, locale: Locale, params: ErrorParams): string {
  const template: string = locale === 'en-US' ? ERRORS[code].en : ERRORS[code].zh;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? params[name.replace(/En$/, '')] ?? ''));
}

/** Business names of entities, for NOT_FOUND messages. */
const ENTITY_NAMES: Record<string, { zh: string; en: string }> = {
  organisation: { zh: '机构', en: 'Organisation' },
  user: { zh: '用户', en: 'User' },
  membership: { zh: '成员关系', en: 'Membership' },
  token: { zh: 'API 令牌', en: 'API token' },
  notification: { zh: '通知', en: 'Notification' },
  job: { zh: '任务', en: 'Job' },
  stream: { zh: '台账事件流', en: 'Ledger stream' },
  calendarOverride: { zh: '工作日历调整', en: 'Working-day calendar override' },
  achievement: { zh: '成果', en: 'Achievement' },
  attachment: { zh: '附件', en: 'Attachment' },
  objection: { zh: '异议', en: 'Objection' },
  achievementImport: { zh: '导入任务', en: 'Import' },
  contract: { zh: '合同', en: 'Contract' },
  guarantee: { zh: '担保或保险', en: 'Guarantee or insurance' },
  savedFilter: { zh: '已保存的筛选', en: 'Saved filter' },
  distribution: { zh: '收益分配', en: 'Distribution' },
  project: { zh: '横向科研项目', en: 'Contract-research project' },
  evaluation: { zh: '评估', en: 'Evaluation' },
  dealRoom: { zh: '洽谈', en: 'Deal room' },
  packFile: { zh: '保密资料', en: 'Confidential file' },
  offer: { zh: '报价', en: 'Offer' },
  auction: { zh: '竞价项目', en: 'Auction' },
  grant: { zh: '赋权申请', en: 'Ownership grant' },
  agreedProceeds: { zh: '约定收益协议', en: 'Agreed-proceeds agreement' },
  rectificationCase: { zh: '合规整改案件', en: 'Rectification case' },
  demand: { zh: '技术需求', en: 'Technical demand' },
  marketSynonym: { zh: '同义词条目', en: 'Synonym entry' },
  listing: { zh: '挂牌成果', en: 'Listing' },
};

export const notFound = (entity: string, id?: string) =>
  new AppError('NOT_FOUND', {
    params: {
      entity: (ENTITY_NAMES[entity]?.zh ?? entity) + (id ? ` ${id}` : ''),
      entityEn: (ENTITY_NAMES[entity]?.en ?? entity) + (id ? ` ${id}` : ''),
    },
  });

export const forbidden = () => new AppError('FORBIDDEN');

/** A business rule refused the request; give both languages so the caller reads it in theirs. */
export const ruleViolation = (zh: string, en: string) => new AppError('BUSINESS_RULE', { params: { detail: zh, detailEn: en } });

export const fieldError = (field: string, zh: string, en: string) => new AppError('VALIDATION_FAILED', { errors: [{ field, zh, en }] });

/** Several invalid fields at once (forms and imports list every problem, not the first). */
export const fieldErrors = (errors: FieldError[]) => new AppError('VALIDATION_FAILED', { errors });
