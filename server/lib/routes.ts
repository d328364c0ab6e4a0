import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Access } from '../plugins/access.js';
import { ProblemSchema, problemResponses } from './schemas.js';

/**
 * What a route states about itself; the rest of its Fastify options follow from it.
 * `response` is the success body, sent with `status` (200 unless said); the common problem
 * responses (400, 401, 403, 404) are listed beside it. A route without `response` (a file
 * download) declares no response schemas.
 */
export interface RouteSpec {
  summary: string;
  description?: string;
  params?: z.ZodType;
  querystring?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status?: 200 | 201 | 202 | 204;
  /** Problem statuses the route answers besides the common ones (a conflict, a refused rule). */
  problems?: readonly (409 | 422)[];
  /** The largest request body in bytes, for routes that take a file. */
  bodyLimit?: number;
}

type Problems<S extends RouteSpec> = S extends { problems: readonly (infer C extends number)[] } ? Record<C, typeof ProblemSchema> : unknown;
type Responses<S extends RouteSpec> = S extends { response: infer R }
  ? { response: Record<S extends { status: infer C extends number } ? C : 200, R> & typeof problemResponses & Problems<S> }
  : unknown;

export interface RouteOptions<S extends RouteSpec> {
  bodyLimit?: number;
  config: { access: Access };
  schema: Omit<S, 'response' | 'status' | 'problems' | 'bodyLimit'> & { tags: string[] } & Responses<S>;
}

/**
 * A module's route-options builder: `const route = routeSpecs(['contracts'])`, then
 * `app.get(path, route(access, { summary, params, response: ContractOut }), handler)`.
 */
export function routeSpecs(tags: string[]) {
  const route = <const S extends RouteSpec>(access: Access, spec: S): RouteOptions<S> => {
    const { response, status, problems = [], bodyLimit, ...schema } = spec;
    const more = Object.fromEntries(problems.map((code) => [code, ProblemSchema]));
    const responses = response ? { response: { [status ?? 200]: response, ...problemResponses, ...more } } : {};
    return { ...(bodyLimit ? { bodyLimit } : {}), config: { access }, schema: { ...schema, tags, ...responses } } as RouteOptions<S>;
  };
  /** The tags, for a route whose options are written out. */
  return Object.assign(route, { tags });
}

/** The success body `schema` with the common problem responses, for a route whose options are written out. */
export const reply = <T extends z.ZodType>(schema: T) => ({ 200: schema, ...problemResponses });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/**
 * Sends a file as a download: `filename` may be Chinese (RFC 6266 `filename*`, UTF-8); `asciiName`
 * is the plain fallback for old clients.
 */
export function sendFile(reply: FastifyReply, file: { type: string; filename: string; asciiName?: string; body: unknown }): FastifyReply {
  const fallback = file.asciiName ? `filename="${file.asciiName}"; ` : '';
  return reply
    .header('content-type', file.type)
    .header('content-disposition', `attachment; ${fallback}filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .send(file.body);
}
