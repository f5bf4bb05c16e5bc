import type { ProtocolError } from '@interview-room/protocol';
import type { Response } from 'express';

export const sendError = (res: Response, status: number, error: ProtocolError) =>
  res.status(status).json({ error });

/** A zod failure as a 400 naming the first offending field (`items.2.budgetMinutes`). */
export function sendValidationError(
  res: Response,
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Response {
  const issue = issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return sendError(res, 400, {
    code: 'BAD_REQUEST',
    message: `${field}: ${issue?.message ?? 'invalid'}`,
    field,
  });
}
