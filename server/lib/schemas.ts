import { z } from 'zod';

/** Field schemas live in common/schemas.ts (shared with the web app); server-only ones below. */
export {
  BusinessDateSchema,
  CreditCodeSchema,
  EmailSchema,
  IsoInstantSchema,
  MobileSchema,
  MoneySchema,
  PasswordSchema,
  RoleSchema,
  ShareSchema,
  TokenScopeSchema,
  UuidSchema,
} from '../../common/schemas.js';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json (RFC 9457) with a stable code');

/** Common error responses, so the OpenAPI document lists them. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
} as const;
