import type zh from '../zh-CN/errors';

const errors: typeof zh = {
  VALIDATION_FAILED: 'Some fields are invalid; see the messages',
  MALFORMED_JSON: 'The request is malformed',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  UNAUTHENTICATED: 'Please sign in first',
  INVALID_CREDENTIALS: 'Wrong account or password',
  CSRF_FAILED: 'Security check failed; reload the page and try again',
  FORBIDDEN: 'You are not allowed to do this',
  IDEMPOTENCY_MISMATCH: 'This idempotency key was already used with a different request',
  IDEMPOTENCY_IN_PROGRESS: 'The same request is still being processed; please wait',
  WRONG_PASSWORD: 'The current password is wrong',
  LEDGER_APPEND_ONLY: 'Ledger events are append-only',
  NOT_READY: 'The service is not ready; try again shortly',
  INTERNAL: 'Internal server error; please try again later',
  NETWORK: 'Cannot reach the server; check your connection and try again',
  UNKNOWN: 'The request failed ({status})',
};

export default errors;
