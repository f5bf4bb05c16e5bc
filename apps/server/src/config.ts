import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizeOrigin } from './auth/origin.ts';
import { DEFAULT_ROOM_CREATIONS_PER_MINUTE } from './http/rateLimit.ts';
import { LimitOverridesSchema, type ServerLimits } from './limits/limits.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: z.string().url().optional(),
  /** Base for the links handed out; defaults to the origin the request came in on. */
  PUBLIC_URL: z.string().url().optional(),
  /** Comma-separated origins whose pages may open realtime connections (default: the app's own). */
  ALLOWED_ORIGINS: z.string().optional(),
  ROOM_RETENTION_DAYS: z.coerce.number().positive().default(30),
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Room creations per client address per minute (POST /api/rooms), then 429. */
  ROOM_CREATION_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_ROOM_CREATIONS_PER_MINUTE),
  /** A JSON file of Question[] to use instead of the built-in bank (tests use it for canaries). */
  QUESTION_BANK_FILE: z.string().optional(),
  /** A folder of Markdown banks (or one bank folder) added to the built-in bank at startup. */
  QUESTION_BANKS_DIR: z.string().optional(),
  /** JSON overriding flood limits (names in limits/limits.ts), e.g. {"socketEventsPerSecond":40}. */
  SERVER_LIMITS: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  /** Origins allowed to connect; undefined means same-origin (the request's own Host). */
  allowedOrigins: string[] | undefined;
  retentionMs: number;
  webDistDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  roomCreationPerMinute: number;
  /** Read and validated by main.ts at startup; undefined means the built-in bank. */
  questionBankFile: string | undefined;
  /** Read and validated by main.ts at startup: any error stops the server. */
  questionBanksDir: string | undefined;
  /** Over the production defaults of the protocol's LIMITS. */
  limits: Partial<ServerLimits>;
}

export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Parses the environment once; nothing below main.ts reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedOrigins: parseAllowedOrigins(e.ALLOWED_ORIGINS, e.PUBLIC_URL),
    retentionMs: e.ROOM_RETENTION_DAYS * DAY_MS,
    webDistDir: e.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR,
    logLevel: e.LOG_LEVEL,
    roomCreationPerMinute: e.ROOM_CREATION_PER_MINUTE,
    questionBankFile: e.QUESTION_BANK_FILE,
    questionBanksDir: e.QUESTION_BANKS_DIR,
    limits: parseLimits(e.SERVER_LIMITS),
  };
}

function parseLimits(json: string | undefined): Partial<ServerLimits> {
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('Invalid configuration: SERVER_LIMITS: not JSON');
  }
  const parsed = LimitOverridesSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: SERVER_LIMITS: ${issues}`);
  }
  return parsed.data;
}

/**
 * ALLOWED_ORIGINS when set; else PUBLIC_URL's origin (the address people use, possibly behind a
 * proxy that rewrites Host); else undefined, which the origin policy reads as same-origin.
 */
function parseAllowedOrigins(list: string | undefined, publicUrl: string | undefined): string[] | undefined {
  const entries = list
    ?.split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries && entries.length > 0) {
    return entries.map((entry) => {
      try {
        return normalizeOrigin(entry);
      } catch {
        throw new Error(`Invalid configuration: ALLOWED_ORIGINS: ${entry} is not an http(s) origin`);
      }
    });
  }
  return publicUrl ? [normalizeOrigin(publicUrl)] : undefined;
}
