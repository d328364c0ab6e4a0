import { DEFAULT_LOCALE, type Locale } from '../../common/locale';

/** One field error of a problem+json body. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The API's error body: application/problem+json (RFC 9457) with a stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldProblem[];
}

/** A failed API call. `code` is `NETWORK` when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export const API_BASE = '/api/v1';
export const CSRF_COOKIE = 'csrf_token';

let requestLocale: Locale = DEFAULT_LOCALE;
let onUnauthenticated: (() => void) | null = null;

/** The language sent as Accept-Language, so server messages and notifications come in it. */
export function setRequestLocale(locale: Locale) {
  requestLocale = locale;
}

/** Called on a 401 from any call except the sign-in itself and the "who am I" probe. */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** A 401 is an answer, not an expired session (the sign-in form, the session probe). */
  expect401?: boolean;
}

export function buildUrl(path: string, query?: Query): string {
  const url = `${API_BASE}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

/**
 * Calls the Keqiao API: JSON in and out, the session cookie, the CSRF header on every
 * non-GET request, Accept-Language; failures become an ApiError carrying the problem body.
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': requestLocale,
    ...options.headers,
  };
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (cause) {
    if ((cause as Error).name === 'AbortError') throw cause;
    throw new ApiError({ type: 'about:blank', title: 'NETWORK', status: 0, detail: String(cause), code: 'NETWORK' });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const problem = await readProblem(response);
  if (response.status === 401 && !options.expect401) onUnauthenticated?.();
  throw new ApiError(problem);
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { type: 'about:blank', title: response.statusText, status: response.status, detail: response.statusText, code: 'UNKNOWN' };
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return { ...fallback, ...body, status: body.status ?? response.status, code: body.code ?? 'UNKNOWN' };
  } catch {
    return fallback;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** A page of a list: the one page shape of every list endpoint (common/page.ts). */
export type { Page } from '../../common/page';
