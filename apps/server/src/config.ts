import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: z.string().url().optional(),
  /** Base for the links handed out; defaults to the origin the request came in on. */
  PUBLIC_URL: z.string().url().optional(),
  ROOM_RETENTION_DAYS: z.coerce.number().positive().default(30),
  WEB_DIST_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  redisUrl: string | undefined;
  publicUrl: string | undefined;
  retentionMs: number;
  webDistDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
    retentionMs: e.ROOM_RETENTION_DAYS * DAY_MS,
    webDistDir: e.WEB_DIST_DIR ?? DEFAULT_WEB_DIST_DIR,
    logLevel: e.LOG_LEVEL,
  };
}
