import path from 'node:path';
import { z } from 'zod';

/** Environment → typed, validated configuration. The only reader of process.env. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEQIAO_DATA_DIR: z.string().default('./data'),
  KEQIAO_DEMO: z.enum(['0', '1']).default('1'),
  KEQIAO_DEMO_PASSWORD: z.string().min(8).default('keqiao-demo'),
  KEQIAO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KEQIAO_COOKIE_SECURE: z.enum(['0', '1']).optional(),
  KEQIAO_WORKER: z.enum(['0', '1']).default('1'),
  // Requests per minute per client address; 0 turns the limit off. Unset: 30 and 300, off under NODE_ENV=test.
  KEQIAO_RATE_LIMIT_AUTH_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).optional(),
  KEQIAO_RATE_LIMIT_PUBLIC_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  logLevel: string;
  cookieSecure: boolean;
  runWorker: boolean;
  /** Sign-in, sign-out and password changes per minute per client address (0: no limit). */
  rateLimitAuthPerMin: number;
  /** Requests to the other public routes per minute per client address (0: no limit). */
  rateLimitPublicPerMin: number;
}

export function parseEnv(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.KEQIAO_DATA_DIR),
    // Demo data is never seeded in production, whatever KEQIAO_DEMO says.
    demo: e.KEQIAO_DEMO === '1' && !production,
    demoPassword: e.KEQIAO_DEMO_PASSWORD,
    logLevel: e.KEQIAO_LOG_LEVEL,
    cookieSecure: e.KEQIAO_COOKIE_SECURE ? e.KEQIAO_COOKIE_SECURE === '1' : production,
    runWorker: e.KEQIAO_WORKER === '1',
    // Test suites sign in hundreds of times a minute from one address: no default limit there.
    rateLimitAuthPerMin: e.KEQIAO_RATE_LIMIT_AUTH_PER_MIN ?? (e.NODE_ENV === 'test' ? 0 : 30),
    rateLimitPublicPerMin: e.KEQIAO_RATE_LIMIT_PUBLIC_PER_MIN ?? (e.NODE_ENV === 'test' ? 0 : 300),
  });
}

let cached: Config | undefined;
export function env(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}
