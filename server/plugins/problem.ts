import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickLocale } from '../../common/locale.js';
import { AppError, type ErrorCode, renderMessage } from '../lib/errors.js';
import { RequestValidationError, fieldMessages } from '../lib/validation.js';

/** The problem+json body (RFC 9457) with our stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: Array<{ field: string; message: string }>;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const locale = pickLocale(request.headers['accept-language']);
  const body: Problem = {
    type: `https://keqiao.qd/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.code,
    status: error.status,
    detail: renderMessage(error.code, locale, error.params),
    code: error.code,
    instance: request.url,
  };
  if (error.errors?.length) {
    body.errors = fieldMessages(error.errors, locale);
    if (error.code === 'VALIDATION_FAILED') body.detail = `${body.detail}: ${body.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`;
  }
  return reply.status(error.status).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps whatever was thrown to an AppError; unknown errors become a bare 500 (and are logged). */
export function toAppError(error: FastifyError | Error, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof RequestValidationError) return new AppError('VALIDATION_FAILED', { errors: error.fieldErrors });
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('MALFORMED_JSON', { errors: [{ field: 'body', zh: fe.message, en: fe.message }] });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: `${Math.round(request.routeOptions.bodyLimit / 1024)} KiB` } });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_VALIDATION':
      return new AppError('VALIDATION_FAILED', {
        errors: (fe.validation ?? []).map((v) => ({
          field: `${fe.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
          zh: v.message ?? '',
          en: v.message ?? '',
        })),
      });
  }
  if (fe.statusCode === 429) return new AppError('LOGIN_THROTTLED', { params: { minutes: 1 } });
  return new AppError('INTERNAL', { cause: error });
}

export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    else if (appError.status >= 500) request.log.warn({ err: error }, appError.code);
    return sendProblem(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError('ROUTE_NOT_FOUND', { params: { method: request.method, url: request.url.split('?')[0] ?? '' } })));
}
