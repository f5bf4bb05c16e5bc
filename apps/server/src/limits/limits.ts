import { LIMITS } from '@interview-room/protocol';
import { z } from 'zod';

/** The limits an operator (or a test) may change; the sizes of messages are fixed by the protocol. */
const LIMIT_NAMES = [
  'yjsDocBytes',
  'socketEventsPerSecond',
  'socketEventBurst',
  'socketRefusalsBeforeDisconnect',
  'yjsMessagesPerSecond',
  'yjsMessageBurst',
  'yjsBytesPerSecond',
  'yjsByteBurst',
  'handshakeFailuresPerWindow',
  'handshakeFailureWindowMs',
] as const satisfies readonly (keyof typeof LIMITS)[];

export type LimitName = (typeof LIMIT_NAMES)[number];
export type ServerLimits = Record<LimitName, number>;

/** Production defaults: the values documented in the protocol's LIMITS. */
export const DEFAULT_LIMITS: Readonly<ServerLimits> = Object.fromEntries(
  LIMIT_NAMES.map((name) => [name, LIMITS[name]]),
) as ServerLimits;

/** Overrides as given in the SERVER_LIMITS environment variable (JSON); unknown names are errors. */
export const LimitOverridesSchema = z
  .object(
    // Object.fromEntries cannot carry the keys' names in its type.
    Object.fromEntries(LIMIT_NAMES.map((name) => [name, z.number().positive().optional()])) as Record<
      LimitName,
      z.ZodOptional<z.ZodNumber>
    >,
  )
  .strict();

export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value = overrides[name];
    if (value !== undefined) limits[name] = value;
  }
  return limits;
}
