import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import type { NotificationInstance } from 'antd/es/notification/interface';
import { ApiError } from '../api/client';
import type { I18n } from './i18n';

/**
 * antd's message and notification bound to the app's ConfigProvider (locale, theme), set once by
 * <FeedbackBridge> in app.tsx so that code outside components (react-query callbacks) can use them.
 */
export const feedback: { message: MessageInstance | null; notification: NotificationInstance | null; i18n: I18n | null } = {
  message: null,
  notification: null,
  i18n: null,
};

/** The text for an API error: the locale's `errors.<CODE>`, else the server's `detail` (already localised). */
export function errorText(error: unknown, i18n: I18n): string {
  if (error instanceof ApiError) {
    if (error.code === 'UNKNOWN') return i18n.tOr(`errors.${error.code}`, error.message, { status: error.status });
    return i18n.tOr(`errors.${error.code}`, error.problem.detail || error.message);
  }
  return error instanceof Error ? error.message : String(error);
}

/** Errors already shown (as a notice or on form fields), so that a second handler stays quiet. */
const shown = new WeakSet<object>();

/** Whether showError or applyFieldErrors has already shown this error. */
export function wasShown(error: unknown): boolean {
  return typeof error === 'object' && error !== null && shown.has(error);
}

function markShown(error: unknown) {
  if (typeof error === 'object' && error !== null) shown.add(error);
}

/** Shows an API error: a message, or a notification listing the invalid fields. */
export function showError(error: unknown) {
  const i18n = feedback.i18n;
  if (!i18n) return;
  markShown(error);
  const text = errorText(error, i18n);
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  if (fields.length > 0 && feedback.notification) {
    feedback.notification.error({
      title: text,
      description: fields.map((f) => `${stripBody(f.field)}: ${f.message}`).join('\n'),
      style: { whiteSpace: 'pre-line' },
    });
    return;
  }
  feedback.message?.error(text);
}

function stripBody(field: string): string {
  return field.replace(/^(body|query|params)\./, '');
}

/**
 * Puts the API's field errors (`body.creditCode`) onto the matching form fields; returns true
 * when at least one landed, so the caller can skip the global message.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.problem.errors?.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = error.problem.errors.map((e) => ({ name: stripBody(e.field).split('.')[0] ?? '', errors: [e.message] })).filter((f) => known.has(f.name));
  if (fields.length === 0) return false;
  form.setFields(fields);
  markShown(error);
  return true;
}
