import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  CreateRoomRequestSchema,
  type CreateRoomResponse,
  ExportFormatSchema,
  LIMITS,
  RegenerateLinksRequestSchema,
  type RegenerateLinksResponse,
  RoomIdSchema,
  TokenSchema,
} from '@interview-room/protocol';
import type { QuestionBank } from '@interview-room/questions';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import helmet from 'helmet';
import { buildReport, renderMarkdown } from '../domain/export.ts';
import type { RoomState } from '../domain/room.ts';
import type { Logger } from '../logger.ts';
import type { SavedPlans } from '../plans/savedPlans.ts';
import type { RoomService } from '../rooms/service.ts';
import type { RoomStore } from '../store/types.ts';
import type { CodeDocs } from '../yjs/codeDocs.ts';
import { staticWithPrecompressed } from './precompressed.ts';
import { rateLimit } from './rateLimit.ts';
import { sendError, sendValidationError } from './respond.ts';
import { registerSavedPlanRoutes } from './savedPlanRoutes.ts';

export interface HttpDeps {
  rooms: RoomService;
  savedPlans: SavedPlans;
  codeDocs: CodeDocs;
  bank: QuestionBank;
  store: RoomStore;
  log: Logger;
  now: () => number;
  publicUrl: string | undefined;
  webDistDir: string;
  /** Room creations per client address per minute. */
  roomCreationPerMinute: number;
  /** Tears down live connections of a room that was just deleted. */
  onRoomDeleted: (roomId: string) => void;
  /** Closes, on every instance, the live connections opened with these (just revoked) tokens. */
  onTokensRevoked: (roomId: string, tokenIds: readonly string[]) => void;
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const { rooms, codeDocs, bank, store, log, now } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Behind the reverse proxy (deploy/nginx.conf), links use the protocol the user came in on.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Pyodide (the in-browser Python runner) compiles WebAssembly; no JS eval is allowed.
          'script-src': ["'self'", "'wasm-unsafe-eval'"],
          // Monaco sets inline styles; y-monaco cursor colors are injected as style elements.
          'style-src': ["'self'", "'unsafe-inline'"],
          'worker-src': ["'self'", 'blob:'],
          'connect-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'", 'data:'],
          // Self-hosted installs often run on plain HTTP inside a company network.
          'upgrade-insecure-requests': null,
          // Nobody has a reason to frame an interview: clickjacking of End or Export is off the table.
          'frame-ancestors': ["'none'"],
        },
      },
      xFrameOptions: { action: 'deny' },
    }),
  );
  app.use('/api', express.json({ limit: LIMITS.httpBodyBytes }));

  app.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.json({ status: 'ok', store: store.kind });
    } catch (error) {
      log.warn('health check failed', { error });
      res.status(503).json({ status: 'unavailable', store: store.kind });
    }
  });

  app.get('/api/questions', (_req, res) => {
    res.json(bank.summaries());
  });

  const limitRoomCreation = rateLimit({ perMinute: deps.roomCreationPerMinute, now, what: 'new rooms' });
  app.post('/api/rooms', async (req, res) => {
    const parsed = CreateRoomRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      log.warn('room creation rejected', { field: issue?.path.join('.'), issue: issue?.message });
      return sendValidationError(res, parsed.error.issues);
    }
    // Counted after validation: only requests that would create a room (and grow the store) spend a token.
    if (!limitRoomCreation(req, res)) return;
    const created = await rooms.create(parsed.data);
    if (!created.ok)
      return sendError(res, 400, { code: created.code, message: created.message, field: created.field });
    const link = (token: string) => roleLink(linkBase(req, deps.publicUrl), created.id, token);
    const body: CreateRoomResponse = {
      id: created.id,
      interviewer: link(created.tokens.interviewer),
      candidate: link(created.tokens.candidate),
    };
    res.status(201).json(body);
  });

  /** Resolves the room's state for an interviewer token, or answers the error and resolves null. */
  async function asInterviewer(req: Request, res: Response, action: string): Promise<RoomState | null> {
    const token = bearerToken(req);
    if (!token) {
      sendError(res, 401, { code: 'UNAUTHORIZED', message: 'An interviewer token is required' });
      return null;
    }
    const roomId = RoomIdSchema.safeParse(req.params.id);
    const auth = roomId.success
      ? await rooms.authenticate(roomId.data, token)
      : ({ ok: false, code: 'NOT_FOUND' } as const);
    if (!auth.ok) {
      if (auth.code === 'NOT_FOUND') sendError(res, 404, { code: 'NOT_FOUND', message: 'Room not found' });
      else sendError(res, 401, { code: 'UNAUTHORIZED', message: 'Invalid token' });
      return null;
    }
    if (auth.role !== 'interviewer') {
      log.warn(`${action} refused for candidate`, { roomId: auth.state.id });
      sendError(res, 403, { code: 'FORBIDDEN', message: `Only interviewers can ${action}` });
      return null;
    }
    return auth.state;
  }

  app.get('/api/rooms/:id/export', async (req, res) => {
    const format = ExportFormatSchema.safeParse(req.query.format ?? 'md');
    if (!format.success) {
      return sendError(res, 400, {
        code: 'BAD_REQUEST',
        message: 'format must be md or json',
        field: 'format',
      });
    }
    const state = await asInterviewer(req, res, 'export');
    if (!state) return;
    const report = buildReport({ state, code: await codeDocs.readCode(state.id), now: now() });
    const filename = `interview-${slug(state.candidateName)}-${state.id.slice(0, 6)}.${format.data}`;
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (format.data === 'json') res.type('application/json').send(`${JSON.stringify(report, null, 2)}\n`);
    else res.type('text/markdown; charset=utf-8').send(renderMarkdown(report));
  });

  app.delete('/api/rooms/:id', async (req, res) => {
    const state = await asInterviewer(req, res, 'delete');
    if (!state) return;
    await rooms.delete(state.id);
    deps.onRoomDeleted(state.id);
    log.info('room deleted', { roomId: state.id });
    res.status(204).end();
  });

  app.post('/api/rooms/:id/links', async (req, res) => {
    const state = await asInterviewer(req, res, 'regenerate links');
    if (!state) return;
    const parsed = RegenerateLinksRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendValidationError(res, parsed.error.issues);
    const result = await rooms.regenerateTokens(state.id, parsed.data.roles);
    if (!result.ok) return sendError(res, 404, { code: 'NOT_FOUND', message: 'Room not found' });
    // The new hashes are stored: the old tokens open nothing now, and their live connections go.
    deps.onTokensRevoked(state.id, result.revoked);
    const base = linkBase(req, deps.publicUrl);
    const body: RegenerateLinksResponse = { id: state.id };
    for (const role of parsed.data.roles) {
      const token = result.tokens[role];
      if (token) body[role] = roleLink(base, state.id, token);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  registerSavedPlanRoutes(app, {
    savedPlans: deps.savedPlans,
    log,
    now,
    perMinute: deps.roomCreationPerMinute,
  });

  app.all('/api/{*rest}', (_req, res) =>
    sendError(res, 404, { code: 'NOT_FOUND', message: 'No such endpoint' }),
  );

  if (existsSync(deps.webDistDir)) {
    app.use(staticWithPrecompressed(deps.webDistDir, '1h'));
    const indexHtml = path.join(deps.webDistDir, 'index.html');
    app.get('/{*splat}', (_req, res) => res.sendFile(indexHtml));
  } else {
    log.warn('web build not found; serving the API only', { webDistDir: deps.webDistDir });
  }

  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const status = typeof error === 'object' && error && 'status' in error ? Number(error.status) : 500;
    if (status === 413)
      return sendError(res, 413, { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' });
    if (status >= 400 && status < 500) {
      return sendError(res, status, {
        code: 'BAD_REQUEST',
        message: 'Malformed request body',
        field: 'body',
      });
    }
    log.error('request failed', { error });
    return sendError(res, 500, { code: 'INTERNAL', message: 'Internal error' });
  };
  app.use(onError);
  return app;
}

/** Where the links handed out point: PUBLIC_URL, else the origin the request came in on. */
const linkBase = (req: Request, publicUrl: string | undefined): string =>
  publicUrl ?? `${req.protocol}://${req.get('host')}`;

/** A role's link: the token rides in the fragment, which browsers never send to a server. */
const roleLink = (base: string, roomId: string, token: string) => ({
  url: `${base}/room/${roomId}#token=${token}`,
  token,
});

function bearerToken(req: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const token = TokenSchema.safeParse(match?.[1]);
  return token.success ? token.data : null;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'candidate';
