import type { CreateRoomRequest, ErrorCode, PlannedQuestion, Role } from '@interview-room/protocol';
import type { QuestionBank } from '@interview-room/questions';
import { hashToken, newRoomId, newToken, roleForToken, tokenIdOfHash } from '../auth/tokens.ts';
import { planned } from '../domain/plan.ts';
import {
  applyCommand,
  type CommandResult,
  createRoomState,
  type RoomCommand,
  type RoomState,
} from '../domain/room.ts';
import type { Logger } from '../logger.ts';
import type { SavedPlans } from '../plans/savedPlans.ts';
import { RoomGoneError, type RoomRecord, type RoomStore } from '../store/types.ts';

/** Carries out a command's side effects on the room's code document. */
export interface CodeEffects {
  /** Resolves once the code is in the document, with the promise of its storage. */
  seedCode(roomId: string, questionId: string, starterCode: string): Promise<{ stored: Promise<void> }>;
  lockCode(roomId: string): Promise<void>;
}

export interface RoomServiceDeps {
  store: RoomStore;
  bank: QuestionBank;
  savedPlans: SavedPlans;
  log: Logger;
  now: () => number;
  /**
   * Called after every stored change, in order, to fan the new state out; `previous` is the
   * stored state it replaced (the one of version `version - 1`), `version` the stored room's new
   * version.
   */
  onChange: (state: RoomState, previous: RoomState, version: number) => void;
}

export type CreateRoomResult =
  | { ok: true; id: string; tokens: Record<Role, string> }
  | { ok: false; code: ErrorCode; message: string; field: string };

export type AuthResult =
  | { ok: true; role: Role; state: RoomState }
  | { ok: false; code: 'NOT_FOUND' | 'UNAUTHORIZED' };

export type RegenerateTokensResult =
  | { ok: true; tokens: Partial<Record<Role, string>>; revoked: string[] }
  | { ok: false; code: 'NOT_FOUND' };

const notFound = { ok: false, error: { code: 'NOT_FOUND', message: 'Room not found' } } as const;

const GONE = Symbol('room gone');
/** A write's result, or GONE if the room was deleted or expired since it was read. */
const unlessGone = <T>(write: Promise<T>): Promise<T | typeof GONE> =>
  write.catch((error: unknown) => {
    if (error instanceof RoomGoneError) return GONE;
    throw error;
  });

/** How often a command is retried when another instance wrote the room in between. */
const MAX_WRITE_ATTEMPTS = 8;

/**
 * Runs room commands against the store, which is the only source of truth: several instances
 * may serve one room, so nothing remembered between commands is trusted without the store's
 * version check. Concurrent reads of a room share one load, commands for a room run one at a
 * time per instance, and writes are compare-and-set on the room's version, retried on conflict.
 * Every change is stored before it is acknowledged or broadcast.
 */
export class RoomService {
  private readonly loading = new Map<string, Promise<RoomRecord | null>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private codeEffects: CodeEffects | null = null;

  constructor(private readonly deps: RoomServiceDeps) {}

  /** Set once at wiring time: the code documents and the rooms depend on each other. */
  setCodeEffects(effects: CodeEffects): void {
    this.codeEffects = effects;
  }

  async create(request: CreateRoomRequest): Promise<CreateRoomResult> {
    const plan = await this.initialPlan(request);
    if (!plan.ok) return plan;
    const tokens = { interviewer: newToken(), candidate: newToken() };
    const state = createRoomState(
      {
        id: newRoomId(),
        title: request.title,
        candidateName: request.candidateName,
        interviewerName: request.interviewerName ?? 'Interviewer',
        plan: plan.questions,
      },
      this.deps.now(),
    );
    const record: RoomRecord = {
      id: state.id,
      tokenHashes: { interviewer: hashToken(tokens.interviewer), candidate: hashToken(tokens.candidate) },
      version: 0,
      state,
    };
    if (!(await this.deps.store.createRoom(record))) throw new Error('Room id collision');
    this.deps.log.info('room created', { roomId: state.id, questions: state.plan.length });
    return { ok: true, id: state.id, tokens };
  }

  /** A saved plan's questions and budgets, or the questions asked for, or the whole bank. */
  private async initialPlan(
    request: CreateRoomRequest,
  ): Promise<{ ok: true; questions: PlannedQuestion[] } | Extract<CreateRoomResult, { ok: false }>> {
    const { bank, savedPlans } = this.deps;
    const refuse = (message: string, field: string) => ({
      ok: false as const,
      code: 'BAD_REQUEST' as const,
      message,
      field,
    });
    if (request.savedPlanId !== undefined) {
      const saved = await savedPlans.get(request.savedPlanId);
      if (!saved) return refuse('There is no saved plan with this id (deleted?)', 'savedPlanId');
      const resolved = savedPlans.resolve(saved.items, saved.name);
      if (!resolved.ok) return refuse(resolved.message, 'savedPlanId');
      return {
        ok: true,
        questions: resolved.items.map(({ question, budgetMinutes }) => planned(question, budgetMinutes)),
      };
    }
    const questions: PlannedQuestion[] = [];
    for (const [index, id] of (request.questionIds ?? bank.defaultPlan()).entries()) {
      const question = bank.get(id);
      if (!question) return refuse(`Unknown question id: ${id}`, `questionIds.${index}`);
      questions.push(planned(question));
    }
    return { ok: true, questions };
  }

  async authenticate(roomId: string, token: string): Promise<AuthResult> {
    const record = await this.load(roomId);
    if (!record) return { ok: false, code: 'NOT_FOUND' };
    const role = roleForToken(record, token);
    return role ? { ok: true, role, state: record.state } : { ok: false, code: 'UNAUTHORIZED' };
  }

  async getState(roomId: string): Promise<RoomState | null> {
    return (await this.load(roomId))?.state ?? null;
  }

  /**
   * The state and its version, read from the store now: never a shared in-flight read, which may
   * have begun before a change whose broadcast the caller has already seen.
   */
  async readState(roomId: string): Promise<{ state: RoomState; version: number } | null> {
    const record = await this.deps.store.getRoom(roomId);
    return record ? { state: record.state, version: record.version } : null;
  }

  /**
   * Applies a command; resolves once the new state is stored (or the command was refused).
   *
   * The first attempt starts from the record this instance last read or wrote (a read from Redis
   * less on every command), which may be stale: its write then fails the version check and the
   * next attempt reads. A refusal or a no-op writes nothing that would check it, so those are
   * only answered from a record read now.
   */
  execute(roomId: string, command: RoomCommand): Promise<CommandResult> {
    return this.serialize(roomId, async () => {
      const { store } = this.deps;
      let peeked = store.peekRoom(roomId);
      for (let attempt = 1; ; attempt++) {
        const record = peeked ?? (await store.getRoom(roomId));
        const fromPeek = peeked !== null;
        peeked = null;
        if (!record) return notFound;
        const result = applyCommand(record.state, command, this.deps.now());
        if (!result.ok || result.state === record.state) {
          if (fromPeek) continue;
          return result;
        }
        const version = await unlessGone(store.saveRoomState(result.state, record.version));
        if (version === GONE) return notFound;
        if (version === null) {
          if (attempt >= MAX_WRITE_ATTEMPTS) throw new Error(`room ${roomId} is contended; gave up`);
          continue;
        }
        const seedsStored: Promise<void>[] = [];
        try {
          for (const effect of result.effects) {
            if (effect.type === 'seed-code') {
              const seed = await this.codeEffects?.seedCode(roomId, effect.questionId, effect.starterCode);
              if (seed) seedsStored.push(seed.stored);
            } else await this.codeEffects?.lockCode(roomId);
          }
        } finally {
          // Stored is stored: clients hear of every version, even when an effect failed.
          this.deps.onChange(result.state, record.state, version);
        }
        // A pushed question goes out without waiting for its starter code to be stored (a round
        // trip to Redis); the ack still waits. The code is in this instance's document already;
        // other instances get it over the relay once the updates queued before it are stored.
        await Promise.all(seedsStored);
        return result;
      }
    });
  }

  /**
   * Issues new tokens for the given roles; the old ones stop working as soon as this resolves.
   * Resolves the new tokens and the ids of the revoked ones, whose live connections the caller
   * must then close (see tokenId).
   */
  regenerateTokens(roomId: string, roles: readonly Role[]): Promise<RegenerateTokensResult> {
    return this.serialize(roomId, async () => {
      for (let attempt = 1; ; attempt++) {
        const record = await this.deps.store.getRoom(roomId);
        if (!record) return { ok: false, code: 'NOT_FOUND' } as const;
        const tokens: Partial<Record<Role, string>> = {};
        const hashes = { ...record.tokenHashes };
        for (const role of roles) {
          const token = newToken();
          tokens[role] = token;
          hashes[role] = hashToken(token);
        }
        const version = await unlessGone(this.deps.store.replaceTokenHashes(roomId, hashes, record.version));
        if (version === GONE) return { ok: false, code: 'NOT_FOUND' } as const;
        if (version === null) {
          if (attempt >= MAX_WRITE_ATTEMPTS) throw new Error(`room ${roomId} is contended; gave up`);
          continue;
        }
        // The state is unchanged, but its version moved: interviewers hear of the new version
        // (an empty frame of changes), so the next change still applies over what they hold.
        this.deps.onChange(record.state, record.state, version);
        this.deps.log.info('links regenerated', { roomId, roles });
        return { ok: true, tokens, revoked: roles.map((role) => tokenIdOfHash(record.tokenHashes[role])) };
      }
    });
  }

  /**
   * Whether a token (by id) still opens the room as this role. Reads the store itself, never a
   * shared in-flight load: a connection checks this after it can be found for revocation, and a
   * read begun before the revocation was stored would wrongly say yes.
   */
  async isTokenCurrent(roomId: string, role: Role, id: string): Promise<boolean> {
    const record = await this.deps.store.getRoom(roomId);
    return record !== null && tokenIdOfHash(record.tokenHashes[role]) === id;
  }

  /** Deletes a room and everything it holds. */
  async delete(roomId: string): Promise<boolean> {
    return this.serialize(roomId, () => this.deps.store.deleteRoom(roomId));
  }

  /** Resolves when every queued command has been stored. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  /** Concurrent reads of one room (a burst of joins) share a single store read. */
  private load(roomId: string): Promise<RoomRecord | null> {
    let pending = this.loading.get(roomId);
    if (!pending) {
      pending = this.deps.store.getRoom(roomId);
      this.loading.set(roomId, pending);
      const forget = () => this.loading.delete(roomId);
      pending.then(forget, forget);
    }
    return pending;
  }

  private serialize<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(roomId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(roomId, settled);
    void settled.then(() => {
      if (this.queues.get(roomId) === settled) this.queues.delete(roomId);
    });
    return run;
  }
}
