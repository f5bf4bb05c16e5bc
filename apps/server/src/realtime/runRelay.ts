import {
  type Ack,
  type ClientToServerEvents,
  INTERVIEWER_ONLY_RUN_EVENTS,
  type Participant,
  type ProtocolError,
  type Role,
  RUN_LIMITS,
  type RunByUser,
  type RunEventName,
  type RunEventPayload,
  type RunEventResults,
  type RunStatus,
  runEventSchemas,
  type ServerToClientEvents,
} from '@interview-room/protocol';
import type { Socket } from 'socket.io';
import { recordOf } from '../domain/room.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/service.ts';

/**
 * The run relay: the page that runs the code (Pyodide, in the browser) streams it here, and this
 * relays it to the rest of the room, bounded per run, and records each finished run on the
 * timeline. The server never runs code. Hidden-check events come from interviewers only and
 * carry counts (or, once revealed, names and results): never the checks' code.
 */

interface RunSocketData {
  roomId: string;
  role: Role;
  participant: Participant;
}

// biome-ignore lint/suspicious/noExplicitAny: the socket's inter-server events type is not ours to name.
type RunSocket = Socket<ClientToServerEvents, ServerToClientEvents, any, RunSocketData>;

export interface RunRelayDeps {
  rooms: RoomService;
  log: Logger;
  /** The Socket.io room of everyone in this socket's interview room. */
  roomChannel: string;
  now?: () => number;
}

interface OpenRun {
  questionId: string;
  startedAt: number;
  /** Output relayed so far, in UTF-8 bytes. */
  bytes: number;
  truncated: boolean;
  /** What goes on the timeline: the first RUN_LIMITS.timelineOutputChars. */
  kept: string;
}

type Handler<E extends RunEventName> = (
  payload: RunEventPayload<E>,
) => Promise<Ack<RunEventResults[E]>> | Ack<RunEventResults[E]>;

const fail = (code: ProtocolError['code'], message: string): { ok: false; error: ProtocolError } => ({
  ok: false,
  error: { code, message },
});

const TRUNCATION_NOTICE = `[output truncated: more than ${RUN_LIMITS.outputBytes / 1024} KiB]`;

/** The run and checks events of one connected socket, fed by its event dispatch. */
export interface RunRelay {
  receive(name: RunEventName, payload: unknown, ack: unknown): void;
  /** A runner that goes away mid-run: the others' consoles must not wait for it forever. */
  disconnected(): void;
}

/** Made for a socket at its first run event: most sockets never run code. */
export function createRunRelay(socket: RunSocket, deps: RunRelayDeps): RunRelay {
  const { rooms, log, roomChannel } = deps;
  const now = deps.now ?? Date.now;
  const { roomId, role, participant } = socket.data;
  const by: RunByUser = { name: participant.name, role };
  const open = new Map<string, OpenRun>();

  const record = async (runId: string, run: OpenRun, end: RecordedEnd): Promise<void> => {
    const output = run.kept + (end.traceback ? end.traceback : '');
    const result = await rooms.execute(roomId, {
      type: 'record-run',
      run: {
        questionId: run.questionId,
        runId,
        role,
        name: participant.name,
        codeHash: end.codeHash,
        status: end.status,
        exitCode: end.exitCode,
        durationMs: end.durationMs,
        output: output.slice(0, RUN_LIMITS.timelineOutputChars),
        truncated: run.truncated || output.length > RUN_LIMITS.timelineOutputChars,
      },
    });
    if (!result.ok) log.warn('run not recorded', { roomId, runId, code: result.error.code });
  };

  /** How a run ends that its page never ended (gone, or starting too many). */
  const crashed = (run: OpenRun): RecordedEnd => ({
    status: 'crashed',
    exitCode: null,
    durationMs: now() - run.startedAt,
    traceback: null,
    codeHash: '0'.repeat(64),
  });

  const endRun = async (runId: string, run: OpenRun, end: RecordedEnd): Promise<void> => {
    open.delete(runId);
    socket.to(roomChannel).emit('run:ended', {
      runId,
      questionId: run.questionId,
      status: end.status,
      exitCode: end.exitCode,
      durationMs: end.durationMs,
      traceback: end.traceback,
      codeHash: end.codeHash,
      truncated: run.truncated,
    });
    await record(runId, run, end);
  };

  const handlers: { [E in RunEventName]: Handler<E> } = {
    'run:start': async ({ runId, questionId }) => {
      if (open.has(runId)) return fail('BAD_REQUEST', 'This run has already started');
      const state = await rooms.getState(roomId);
      if (!state) return fail('NOT_FOUND', 'Room not found');
      if (state.status === 'ended')
        return fail('ROOM_ENDED', 'The interview has ended: code can no longer be run');
      if (!recordOf(state, questionId)?.firstShownAt)
        return fail('NOT_FOUND', 'That question has not been shown');
      // A page runs one program at a time; a run it never ended (a lost ack) must not pile up.
      while (open.size >= RUN_LIMITS.openRunsPerSocket) {
        const [oldestId, oldest] = open.entries().next().value as [string, OpenRun];
        await endRun(oldestId, oldest, crashed(oldest));
      }
      const startedAt = now();
      open.set(runId, { questionId, startedAt, bytes: 0, truncated: false, kept: '' });
      socket.to(roomChannel).emit('run:started', { runId, questionId, by, startedAt });
      return { ok: true, data: { runId } };
    },
    'run:output': ({ runId, stream, text }) => {
      const run = open.get(runId);
      if (!run) return fail('NOT_FOUND', 'No such run');
      if (run.truncated) return { ok: true, data: { accepted: false } };
      const bytes = Buffer.byteLength(text);
      if (run.bytes + bytes > RUN_LIMITS.outputBytes) {
        run.truncated = true;
        socket.to(roomChannel).emit('run:output', { runId, stream: 'notice', text: TRUNCATION_NOTICE });
        return { ok: true, data: { accepted: false } };
      }
      run.bytes += bytes;
      if (run.kept.length < RUN_LIMITS.timelineOutputChars) run.kept += text;
      socket.to(roomChannel).emit('run:output', { runId, stream, text });
      return { ok: true, data: { accepted: true } };
    },
    'run:end': async ({ runId, status, exitCode, durationMs, traceback, codeHash }) => {
      const run = open.get(runId);
      if (!run) return fail('NOT_FOUND', 'No such run');
      await endRun(runId, run, { status, exitCode, durationMs, traceback, codeHash });
      return { ok: true, data: { runId } };
    },
    'checks:ran': async ({ questionId, passed, total, codeHash }) => {
      const result = await rooms.execute(roomId, {
        type: 'record-checks',
        checks: { questionId, name: participant.name, codeHash, passed, total },
      });
      if (!result.ok) return fail(result.error.code, result.error.message);
      socket.to(roomChannel).emit('checks:ran', { questionId, passed, total, by, at: now() });
      return { ok: true, data: { questionId } };
    },
    'checks:reveal': async ({ questionId, results }) => {
      const state = await rooms.getState(roomId);
      if (!state || !recordOf(state, questionId))
        return fail('NOT_FOUND', 'That question is not in this interview');
      socket.to(roomChannel).emit('checks:revealed', { questionId, results, by, at: now() });
      return { ok: true, data: { questionId } };
    },
  };

  // One at a time, in arrival order: a page sends run:start, run:output and run:end without
  // waiting for acks, and an output must never overtake the start it belongs to.
  let tail = Promise.resolve();
  return {
    receive(name, payload, ack) {
      const handler = handlers[name] as Handler<RunEventName>;
      tail = tail.then(() => handle(socket, name, handler, log, payload, ack));
    },
    disconnected() {
      for (const [runId, run] of [...open]) {
        void endRun(runId, run, crashed(run)).catch((error: unknown) =>
          log.warn('run of a disconnected page not recorded', { roomId, error }),
        );
      }
    },
  };
}

interface RecordedEnd {
  status: RunStatus;
  exitCode: number | null;
  durationMs: number;
  traceback: string | null;
  codeHash: string;
}

/** Validates, authorizes and answers one run event; never throws. */
async function handle(
  socket: RunSocket,
  name: RunEventName,
  handler: Handler<RunEventName>,
  log: Logger,
  payload: unknown,
  ack: unknown,
): Promise<void> {
  const reply = (res: Ack<unknown>) => {
    if (typeof ack === 'function') ack(res);
  };
  const { roomId, role } = socket.data;
  if (role !== 'interviewer' && INTERVIEWER_ONLY_RUN_EVENTS.has(name)) {
    log.warn('forbidden event', { roomId, role, event: name });
    return reply(fail('FORBIDDEN', `${name} is for interviewers only`));
  }
  const parsed = runEventSchemas[name].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    log.warn('invalid event payload', { roomId, event: name, issue: issue?.message });
    return reply(
      fail(
        'BAD_REQUEST',
        issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'Invalid payload',
      ),
    );
  }
  try {
    reply(await handler(parsed.data as RunEventPayload<RunEventName>));
  } catch (error) {
    log.error('event failed', { roomId, event: name, error });
    reply(fail('INTERNAL', 'The server could not handle this run event'));
  }
}
