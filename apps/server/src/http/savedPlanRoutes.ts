import { CreateSavedPlanRequestSchema, SavedPlanIdSchema } from '@interview-room/protocol';
import type express from 'express';
import type { Logger } from '../logger.ts';
import type { SavedPlans } from '../plans/savedPlans.ts';
import { rateLimit } from './rateLimit.ts';
import { sendError, sendValidationError } from './respond.ts';

export interface SavedPlanRouteDeps {
  savedPlans: SavedPlans;
  log: Logger;
  now: () => number;
  /** New saved plans per client address per minute (the room creation limit). */
  perMinute: number;
}

/**
 * `/api/plans`: list, save and delete reusable plans. Like the question list and room creation,
 * these are open to whoever reaches the server (there are no accounts); a saved plan names bank
 * questions and budgets, never a prompt or a rubric.
 */
export function registerSavedPlanRoutes(app: express.Express, deps: SavedPlanRouteDeps): void {
  const { savedPlans, log } = deps;
  const limit = rateLimit({ perMinute: deps.perMinute, now: deps.now, what: 'saved plans' });

  app.get('/api/plans', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await savedPlans.list());
  });

  app.post('/api/plans', async (req, res) => {
    const parsed = CreateSavedPlanRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      log.warn('saved plan rejected', { issue: parsed.error.issues[0]?.message });
      return sendValidationError(res, parsed.error.issues);
    }
    if (!limit(req, res)) return;
    const created = await savedPlans.create(parsed.data);
    if (!created.ok)
      return sendError(res, 400, {
        code: created.code,
        message: created.message,
        ...(created.field ? { field: created.field } : {}),
      });
    res.status(201).json(created.plan);
  });

  app.delete('/api/plans/:id', async (req, res) => {
    const id = SavedPlanIdSchema.safeParse(req.params.id);
    if (!id.success || !(await savedPlans.delete(id.data)))
      return sendError(res, 404, { code: 'NOT_FOUND', message: 'No saved plan with this id' });
    res.status(204).end();
  });
}
