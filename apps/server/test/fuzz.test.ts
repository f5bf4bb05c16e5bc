import {
  type ClientEventName,
  type ClientPayload,
  clientEventSchemas,
  codeTextKey,
  ErrorCode,
  LIMITS,
} from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  type ClientSocket,
  connect,
  connectYjs,
  createRoom,
  opId,
  type RecordingSocket,
  startServer,
  synced,
  waitFor,
} from './harness.ts';
import { insertionUpdate, openRawYjs, type RawYjs, syncUpdateMessage, within } from './rawClients.ts';

/**
 * Malformed input, thousands of times over: random and mutated Socket.io events (through the real
 * client and as raw engine.io frames), Yjs messages and upgrades, and HTTP requests. The server
 * must never crash, must answer every acknowledged event and every HTTP request with a valid
 * answer or an error code, must close only the connection that sent Yjs garbage, and a bystander
 * room must keep working. `FUZZ_SEED=<n>` replays a run; the seed is printed.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** 3,000 inputs in all. */
const COUNTS = { socketEvents: 1_300, rawSocketPackets: 200, yjsMessages: 900, yjsUpgrades: 100, http: 500 };

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));
const EVENT_NAMES = Object.keys(clientEventSchemas);
const questionIds = defaultBank.defaultPlan();
/** Acks the server owes within this; far above any answer's real latency. */
const ACK_TIMEOUT_MS = 5_000;
/** Generated Socket.io payloads stay under the engine's limit, which closes the connection (tested elsewhere). */
const PAYLOAD_BUDGET_BYTES = LIMITS.socketPayloadBytes - 8 * 1024;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }

  string(maxLength: number): string {
    const length = this.int(maxLength + 1);
    switch (this.int(4)) {
      case 0:
        return 'x'.repeat(length);
      case 1:
        return String.fromCharCode(
          ...Array.from({ length: Math.min(length, 2_000) }, () => 32 + this.int(95)),
        );
      case 2:
        // Unpaired surrogates, control characters, RTL marks, emoji.
        return Array.from({ length: Math.min(length, 500) }, () =>
          this.pick(['\ud800', '\u0000', '\u202e', '😀', '\n', '"', '\\', '<script>', '%00']),
        ).join('');
      default:
        return this.pick(['', ' ', 'null', '__proto__', 'constructor', '0', '-1', 'NaN', '{}']);
    }
  }

  /** Any value Socket.io can carry: JSON values, binary, deep nesting, huge strings. */
  value(depth = 0): unknown {
    const kind = this.int(depth > 3 ? 6 : 10);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([
          0,
          -1,
          1.5,
          2 ** 53 + 1,
          -(2 ** 31),
          1e308,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          3,
          4,
        ]);
      case 3:
        return this.string(this.chance(0.1) ? 40_000 : 64);
      case 4:
        return Buffer.from(this.bytes(this.int(this.chance(0.1) ? 30_000 : 64)));
      case 5:
        return undefined;
      case 6:
        return Array.from({ length: this.int(6) }, () => this.value(depth + 1));
      case 7: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(6); i > 0; i--) {
          const key = this.chance(0.5)
            ? this.pick([
                'questionId',
                'notes',
                'opId',
                'index',
                'score',
                'items',
                'budgetMinutes',
                'adHoc',
                'kind',
                'ticked',
                'recommendation',
                'summary',
                '__proto__',
                'constructor',
              ])
            : this.string(12);
          own(object, key, this.value(depth + 1));
        }
        return object;
      }
      case 8: {
        // Deeply nested: parsers and validators must not recurse into trouble.
        let nested: unknown = this.value(4);
        for (let i = this.int(300); i > 0; i--) nested = this.chance(0.5) ? [nested] : { a: nested };
        return nested;
      }
      default:
        return this.mutated(this.pick(EVENT_NAMES));
    }
  }

  /** A valid payload for `event`, then perhaps broken in one place. */
  mutated(event: string): unknown {
    // Typed by event name: a new event fails to compile here until it has a valid payload.
    const valid: { [E in ClientEventName]: () => ClientPayload<E> } = {
      'question:next': () => ({}),
      'question:goto': () => ({ index: this.int(12) }),
      'interview:end': () => ({}),
      'room:view': () => ({}),
      'notes:save': () => ({ questionId: this.pick(questionIds), notes: this.string(100), opId: opId() }),
      'score:set': () => ({
        questionId: this.pick(questionIds),
        score: this.pick([1, 2, 3, 4, null]),
        opId: opId(),
      }),
      'plan:set': () => ({
        items: Array.from({ length: this.int(4) }, (_, i) =>
          this.chance(0.2)
            ? {
                questionId: `adhoc-fuzz${i}`,
                budgetMinutes: 1 + this.int(30),
                adHoc: {
                  title: this.string(20) || 'T',
                  prompt: this.string(40) || 'P',
                  lookFor: [this.string(20) || 'L'],
                },
              }
            : { questionId: this.pick(questionIds), budgetMinutes: 1 + this.int(30) },
        ),
        opId: opId(),
      }),
      'rubric:tick': () => ({
        questionId: this.pick(questionIds),
        kind: this.pick(['keyPoint', 'strongSignal', 'redFlag'] as const),
        index: this.int(6),
        ticked: this.chance(0.5),
        opId: opId(),
      }),
      'recommendation:set': () => ({
        recommendation: this.pick(['strong-no', 'no', 'yes', 'strong-yes', null] as const),
        opId: opId(),
      }),
      'summary:save': () => ({ summary: this.string(100), opId: opId() }),
      'bank:question': () => ({ questionId: this.pick([...questionIds, 'constructor', '__proto__']) }),
    };
    const make = Object.hasOwn(valid, event) ? valid[event as ClientEventName] : undefined;
    const payload = { ...(make?.() as Record<string, unknown> | undefined) };
    const keys = Object.keys(payload);
    switch (this.int(5)) {
      case 0:
        return payload;
      case 1:
        if (keys.length > 0) delete payload[this.pick(keys)];
        return payload;
      case 2:
        own(payload, keys.length > 0 ? this.pick(keys) : 'index', this.value(3));
        return payload;
      case 3:
        own(payload, this.string(10) || 'extra', this.value(3));
        return payload;
      default:
        return this.value(3);
    }
  }
}

/** Sets an own property, even `__proto__` (an assignment would change the prototype instead). */
function own(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Roughly what a value weighs on the wire, to keep payloads under the engine's limit. */
function weight(value: unknown, seen = 0): number {
  if (seen > 2_000) return Number.POSITIVE_INFINITY;
  if (typeof value === 'string') return Buffer.byteLength(value) * 2 + 2;
  if (Buffer.isBuffer(value)) return value.byteLength + 64;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + weight(item, seen + 1), 2);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).reduce((sum, [k, v]) => sum + k.length * 2 + weight(v, seen + 1), 2);
  return 24;
}

function isValidAck(response: unknown): boolean {
  if (typeof response !== 'object' || response === null || !('ok' in response)) return false;
  if (response.ok === true) return 'data' in response;
  if (response.ok !== false || !('error' in response)) return false;
  const { error } = response;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    ERROR_CODES.has(error.code) &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

/** Socket.io's typed emit cannot take random names and argument lists. */
type LooseEmitter = { emit(event: string, ...args: unknown[]): void };

/** One event with a random argument list; resolves a problem, or null if the server behaved. */
function fuzzEvent(random: Random, socket: ClientSocket, index: number): Promise<string | null> {
  const name = random.chance(0.75)
    ? random.pick(EVENT_NAMES)
    : random.pick([
        '',
        'error',
        'room:state',
        'session:ready',
        'constructor',
        '__proto__',
        random.string(30),
      ]);
  let payload = random.chance(0.5) ? random.mutated(name) : random.value();
  while (weight(payload) > PAYLOAD_BUDGET_BYTES) payload = random.value(3);
  const shape = random.pick(['payload+ack', 'payload+ack', 'payload+ack', 'no-ack', 'ack-only', 'extra+ack']);
  const label = `#${index} ${shape} ${JSON.stringify(name)}`;
  if (shape === 'no-ack') {
    (socket as unknown as LooseEmitter).emit(name, payload);
    return Promise.resolve(null);
  }
  const args = shape === 'ack-only' ? [] : shape === 'extra+ack' ? [payload, random.value(2)] : [payload];
  return new Promise((resolve) => {
    (socket.timeout(ACK_TIMEOUT_MS) as unknown as LooseEmitter).emit(
      name,
      ...args,
      (error: Error | null, response: unknown) => {
        if (error) resolve(`${label}: no ack (${error.message})`);
        else resolve(isValidAck(response) ? null : `${label}: invalid ack ${JSON.stringify(response)}`);
      },
    );
  });
}

/** A room that must keep working through all of it: two editors and an interviewer. */
async function bystanderRoom(url: string) {
  const room = await createRoom(url);
  const writer = connectYjs(url, room.id, room.interviewer.token);
  const reader = connectYjs(url, room.id, room.candidate.token);
  const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
  await Promise.all([synced(writer), synced(reader), interviewer.next('session:ready')]);
  let edits = 0;
  return async (after: string): Promise<void> => {
    const mark = `after ${after} (${++edits});`;
    writer.text('bystander').insert(0, mark);
    await waitFor(
      () => (reader.text('bystander').toString().startsWith(mark) ? true : undefined),
      `the bystander room to sync after ${after}`,
    );
    const ack = await interviewer.send('notes:save', {
      questionId: questionIds[0] ?? '',
      notes: mark,
      opId: opId(),
    });
    expect(ack, `bystander notes after ${after}`).toMatchObject({ ok: true });
    const health = await fetch(`${url.replace(/\/$/, '')}/healthz`);
    expect(health.status, `healthz after ${after}`).toBe(200);
  };
}

describe(`fuzz (seed ${SEED}; FUZZ_SEED=${SEED} replays it)`, () => {
  it('survives thousands of malformed inputs; answers each; other rooms keep working', async () => {
    console.log(`fuzz seed: ${SEED} (rerun with FUZZ_SEED=${SEED})`);
    const random = new Random(SEED);
    // The rate limits have their own tests; here they would only cut the fuzzing short.
    const { url } = await startServer({
      kind: 'redis',
      limits: {
        socketEventsPerSecond: 1e6,
        socketEventBurst: 1e6,
        yjsMessagesPerSecond: 1e6,
        yjsMessageBurst: 1e6,
        yjsBytesPerSecond: 1e9,
        yjsByteBurst: 1e9,
        handshakeFailuresPerWindow: 1e6,
      },
    });
    const bystanders = await bystanderRoom(url);
    const problems: string[] = [];
    const started = Date.now();

    // 1. Socket.io events through the real client: interviewer and candidate, in parallel batches.
    const eventRoom = await createRoom(url);
    const sockets: RecordingSocket[] = [
      connect(url, { roomId: eventRoom.id, token: eventRoom.interviewer.token }),
      connect(url, { roomId: eventRoom.id, token: eventRoom.candidate.token }),
    ];
    await Promise.all(sockets.map((s) => s.next('session:ready')));
    for (let sent = 0; sent < COUNTS.socketEvents; ) {
      const batch: Promise<string | null>[] = [];
      for (let i = 0; i < 25 && sent < COUNTS.socketEvents; i++, sent++) {
        const client = random.pick(sockets);
        if (!client.socket.connected) problems.push(`#${sent}: a socket was disconnected`);
        batch.push(fuzzEvent(random, client.socket, sent));
      }
      for (const problem of await Promise.all(batch)) if (problem) problems.push(problem);
      if (problems.length > 20) break;
    }
    await bystanders('Socket.io events');

    // 2. Raw engine.io frames: malformed Socket.io packets, stray binary, on an authenticated connection.
    let rawSent = 0;
    while (rawSent < COUNTS.rawSocketPackets) {
      const raw = await rawSocketIo(url, eventRoom.id, eventRoom.interviewer.token);
      while (rawSent < COUNTS.rawSocketPackets && raw.ws.readyState === WebSocket.OPEN) {
        rawSent++;
        const packet = rawPacket(random);
        raw.ws.send(packet);
        // A DISCONNECT packet ('41...'): the client left the namespace, no answer is due any more.
        if (String(packet).startsWith('41')) break;
        // A probe with an ack: either the connection was dropped, or it still answers.
        const answered = await raw.probe();
        if (answered === 'silent')
          problems.push(
            `raw packet #${rawSent} ${JSON.stringify(String(packet)).slice(0, 80)}: open, probe unanswered`,
          );
      }
      raw.ws.terminate();
    }
    await bystanders('raw Socket.io packets');

    // 3. Yjs messages on a raw connection; each either leaves it working or closes only it.
    const docRoom = await createRoom(url);
    // Keeps the room's document loaded between the raw connections (else each reloads it), and
    // checks at the end that it still syncs.
    const holder = connectYjs(url, docRoom.id, docRoom.interviewer.token);
    await synced(holder);
    const validMessages = sampleYjsMessages();
    let yjsSent = 0;
    while (yjsSent < COUNTS.yjsMessages) {
      const raw = await openRawYjs(url, docRoom.id, docRoom.candidate.token);
      const replies = collect(raw);
      while (yjsSent < COUNTS.yjsMessages && raw.ws.readyState === WebSocket.OPEN) {
        yjsSent++;
        const message = yjsMessage(random, validMessages);
        raw.ws.send(message);
        const outcome = await yjsProbe(raw, replies);
        if (outcome === 'silent') problems.push(`yjs #${yjsSent}: open but no sync answer`);
        else if (typeof outcome === 'number' && outcome !== 1003)
          problems.push(
            `yjs #${yjsSent}: closed with ${outcome} for ${Buffer.from(message).toString('hex').slice(0, 80)}`,
          );
      }
      raw.ws.terminate();
    }
    // The garbage closed only its own connections: the holder still syncs, and the document still
    // loads for a new client.
    const fresh = connectYjs(url, docRoom.id, docRoom.interviewer.token);
    await synced(fresh);
    holder.text('after-fuzz').insert(0, 'still here');
    await waitFor(
      () => (fresh.text('after-fuzz').toString() === 'still here' ? true : undefined),
      'the fuzzed room to sync',
    );
    await bystanders('Yjs messages');

    // 4. Yjs upgrades with malformed paths, tokens and headers: each answered, none hangs.
    for (let i = 0; i < COUNTS.yjsUpgrades; i++) {
      const target = upgradeTarget(random, docRoom);
      const status = await within(
        upgradeAnswer(url, target.path, target.headers),
        3_000,
        `upgrade ${target.path}`,
      ).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (typeof status !== 'number' || ![101, 400, 401, 403, 404].includes(status))
        problems.push(`upgrade #${i} ${target.path}: ${status}`);
    }
    await bystanders('Yjs upgrades');

    // 5. HTTP: random methods, paths, headers and bodies on the API.
    const httpRoom = await createRoom(url);
    for (let i = 0; i < COUNTS.http; i++) {
      const request = httpRequest(random, httpRoom);
      const res = await fetch(`${url}${request.path}`, request.init);
      const text = await res.text();
      const label = `http #${i} ${request.init.method} ${request.path}: ${res.status}`;
      if (res.status >= 500) problems.push(`${label} ${text.slice(0, 200)}`);
      else if (res.status >= 400) {
        let code: unknown;
        try {
          code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
        } catch {
          code = undefined;
        }
        if (typeof code !== 'string' || !ERROR_CODES.has(code))
          problems.push(`${label} without an error code: ${text.slice(0, 200)}`);
      }
    }
    await bystanders('HTTP requests');

    const elapsedMs = Date.now() - started;
    console.log(
      `fuzz seed ${SEED}: ${COUNTS.socketEvents + rawSent + yjsSent + COUNTS.yjsUpgrades + COUNTS.http} inputs in ${elapsedMs} ms`,
    );
    expect(problems, `seed ${SEED}`).toEqual([]);
  }, 60_000);
});

// ---- raw Socket.io (engine.io v4 over WebSocket) ------------------------------------------------

interface RawSocketIo {
  ws: WebSocket;
  /** Sends an acknowledged event: 'answered', 'closed' (the server dropped us), or 'silent'. */
  probe(): Promise<'answered' | 'closed' | 'silent'>;
}

async function rawSocketIo(url: string, roomId: string, token: string): Promise<RawSocketIo> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  ws.on('error', () => undefined);
  const frames: string[] = [];
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString();
    // Answer the server's heartbeat like a client would.
    if (text === '2') ws.send('3');
    frames.push(text);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(`40${JSON.stringify({ roomId, token })}`);
  await waitFor(() => (frames.some((f) => f.startsWith('40{')) ? true : undefined), 'raw socket.io connect');
  let nextAck = 1;
  return {
    ws,
    async probe() {
      const id = nextAck++;
      if (ws.readyState !== WebSocket.OPEN) return 'closed';
      ws.send(`42${id}["question:goto",{"index":-1}]`);
      const deadline = Date.now() + ACK_TIMEOUT_MS;
      while (Date.now() < deadline) {
        if (frames.some((f) => f.startsWith(`43${id}[`))) return 'answered';
        if (ws.readyState !== WebSocket.OPEN) return 'closed';
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return 'silent';
    },
  };
}

function rawPacket(random: Random): string | Buffer {
  switch (random.int(8)) {
    case 0:
      return random.string(200);
    case 1:
      // Truncated or broken event packets.
      return random.pick([
        '4',
        '42',
        '42[',
        '42["',
        '42{}',
        '42[]',
        '42[1]',
        '42[null]',
        '42["notes:save"',
        '4-',
        '49',
      ]);
    case 2:
      // A binary event announcing attachments that never come, or too many.
      return random.pick([
        '451-["notes:save",{"_placeholder":true,"num":0}]',
        '4999999-["x"]',
        '41-["x"]',
        '45-[',
      ]);
    case 3:
      return Buffer.from(random.bytes(random.int(100)));
    case 4:
      // Reserved and odd event names, ack ids that overflow.
      return random.pick([
        '42["error"]',
        '42["connect"]',
        '42["disconnect"]',
        '429999999999999999999["question:next",{}]',
        '42["__proto__",{}]',
        '43["x"]',
        '44{"message":"x"}',
        '41',
        '40{}',
      ]);
    case 5:
      return `42${JSON.stringify([random.pick(EVENT_NAMES), random.value()])}`;
    case 6:
      // engine.io-level packets: probe, upgrade, noop, unknown types.
      return random.pick(['2probe', '5', '6', '7', '9', '', '3']);
    default:
      return `4${random.int(10)}${random.string(50)}`;
  }
}

// ---- Yjs ------------------------------------------------------------------------------------

function sampleYjsMessages(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText(codeTextKey('fuzz')).insert(0, 'def solve(xs):\n    return sorted(xs)\n');
  doc.getText(codeTextKey('fuzz')).delete(4, 5);
  doc.getMap('meta').set('k', [1, 'two', { three: 3 }]);
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, doc);
  const step2 = encoding.createEncoder();
  encoding.writeVarUint(step2, 0);
  syncProtocol.writeSyncStep2(step2, doc);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Mallory', color: '#ff0000', role: 'interviewer' }, cursor: 1 });
  const awarenessMessage = encoding.createEncoder();
  encoding.writeVarUint(awarenessMessage, 1);
  encoding.writeVarUint8Array(
    awarenessMessage,
    awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
  );
  awareness.destroy();
  return [
    encoding.toUint8Array(step1),
    encoding.toUint8Array(step2),
    syncUpdateMessage(Y.encodeStateAsUpdate(doc)),
    syncUpdateMessage(insertionUpdate(codeTextKey('fuzz2'), 'print(1)')),
    encoding.toUint8Array(awarenessMessage),
    Uint8Array.of(3),
  ];
}

function yjsMessage(random: Random, valid: readonly Uint8Array[]): Uint8Array {
  const base = random.pick(valid);
  switch (random.int(7)) {
    case 0:
      return random.bytes(random.int(64));
    case 1:
      return base.subarray(0, random.int(base.byteLength));
    case 2: {
      const mutated = Uint8Array.from(base);
      for (let i = 1 + random.int(4); i > 0; i--) mutated[random.int(mutated.byteLength)] = random.int(256);
      return mutated;
    }
    case 3:
      // Varints that never end or overflow 53 bits, as a type, a sync type or a length.
      return random.pick([
        Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
        Uint8Array.of(0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
        Uint8Array.of(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3),
        Uint8Array.of(1, 0xff, 0xff, 0xff, 0x7f, 0),
        Uint8Array.of(0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      ]);
    case 4: {
      // An awareness update whose state is not JSON, or claims huge counts.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, random.pick([1, 2, 1_000_000]));
      encoding.writeVarUint(inner, random.int(2 ** 31));
      encoding.writeVarUint(inner, random.int(10));
      encoding.writeVarString(
        inner,
        random.pick(['{', 'null', '"x"', '{"user":{"name":1}}', random.string(40)]),
      );
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
      return encoding.toUint8Array(encoder);
    }
    case 5:
      // Unknown message and sync types.
      return Uint8Array.of(random.pick([2, 4, 5, 127]), ...random.bytes(random.int(8)));
    default:
      return base;
  }
}

/** Every Yjs message the server sends on a raw connection, in order. */
function collect(raw: RawYjs): Uint8Array[] {
  const replies: Uint8Array[] = [];
  raw.ws.on('message', (data: Buffer) => replies.push(new Uint8Array(data)));
  return replies;
}

/**
 * After a message: a sync step 1 with an empty state vector, which a working connection answers
 * with a sync step 2. Resolves 'answered', the close code, or 'silent'.
 */
async function yjsProbe(raw: RawYjs, replies: Uint8Array[]): Promise<'answered' | 'silent' | number> {
  const from = replies.length;
  if (raw.ws.readyState === WebSocket.OPEN) raw.ws.send(Uint8Array.of(0, 0, 1, 0));
  const closed = raw.closed.then(({ code }) => code);
  const answered = (async () => {
    const deadline = Date.now() + ACK_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (replies.slice(from).some((m) => m[0] === 0 && m[1] === 1)) return 'answered' as const;
      if (raw.ws.readyState === WebSocket.CLOSED) return closed;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return 'silent' as const;
  })();
  return Promise.race([answered, closed]);
}

function upgradeTarget(
  random: Random,
  room: { id: string; candidate: { token: string } },
): { path: string; headers: Record<string, string> } {
  const token = random.pick([room.candidate.token, '', 'x'.repeat(43), random.string(60), '%', '%E0%A4%A']);
  const id = random.pick([room.id, '', 'A'.repeat(22), '%E0%A4%A', '%', '..%2F..', random.string(30), 'é']);
  const path = random.pick([
    `/yjs/${id}?token=${token}`,
    `/yjs/${id}?token=${token}&token=${token}`,
    `/yjs/${id}/extra?token=${token}`,
    `/yjs/${id}`,
    `/yjs/?token=${token}`,
    `/yjs/${id}?name=${random.string(200)}&token=${token}`,
  ]);
  const headers: Record<string, string> = {};
  if (random.chance(0.2)) headers.origin = random.pick(['null', 'https://evil.example', 'not a url', '']);
  return { path: escapeLoosely(path), headers };
}

/** The HTTP status an upgrade is answered with (101 when accepted; 0 if the socket is just dropped). */
function upgradeAnswer(url: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
    } catch {
      // The client itself refuses the URL: nothing reached the server.
      resolve(400);
      return;
    }
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}

/** Escapes what a URL cannot carry raw, and leaves `%` alone so malformed escapes reach the server. */
function escapeLoosely(path: string): string {
  return path.replace(/[^\x21-\x7e]/g, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      // A lone surrogate has no UTF-8: send the bytes a sloppy client would.
      return '%ED%A0%80';
    }
  });
}

// ---- HTTP -------------------------------------------------------------------------------------

function httpRequest(
  random: Random,
  room: { id: string; interviewer: { token: string }; candidate: { token: string } },
): { path: string; init: RequestInit & { method: string } } {
  const method = random.pick(['GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const id = random.pick([
    room.id,
    'A'.repeat(22),
    '%E0%A4%A',
    random.string(30).replace(/[/?#]/g, ''),
    '..',
  ]);
  const path = random.pick([
    '/api/rooms',
    '/api/rooms',
    `/api/rooms/${id}`,
    `/api/rooms/${id}/export?format=${random.pick(['md', 'json', 'pdf', '', '%', '%00'])}`,
    `/api/rooms/${id}/links`,
    '/api/questions',
    '/api/plans',
    '/api/plans',
    `/api/plans/${id}`,
    `/api/${random.string(20).replace(/[?#]/g, '')}`,
  ]);
  const headers: Record<string, string> = {};
  const contentType = random.pick([
    'application/json',
    'application/json',
    'application/json; charset=utf-16',
    'application/json; charset=bogus',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/vnd.api+json',
    undefined,
  ]);
  if (contentType) headers['content-type'] = contentType;
  const auth = random.pick([
    undefined,
    `Bearer ${room.interviewer.token}`,
    `Bearer ${room.candidate.token}`,
    `Bearer ${'x'.repeat(43)}`,
    'Basic YTpi',
    random.string(80).replace(/[^\x20-\x7e]/g, ''),
  ]);
  if (auth) headers.authorization = auth;
  if (random.chance(0.05)) headers['content-encoding'] = random.pick(['gzip', 'deflate', 'br', 'bogus']);
  const init: RequestInit & { method: string } = { method, headers };
  if (method !== 'GET') {
    switch (random.int(7)) {
      case 0:
        init.body = JSON.stringify(random.value());
        break;
      case 1: {
        const valid: Record<string, unknown> = { title: 'Fuzz', candidateName: 'Ada' };
        const key = random.pick([
          'title',
          'candidateName',
          'interviewerName',
          'questionIds',
          'savedPlanId',
          'roles',
          'name',
          'items',
          'extra',
        ]);
        own(valid, key, random.value(2));
        init.body = JSON.stringify(valid);
        break;
      }
      case 2:
        init.body = JSON.stringify({ title: 'Fuzz', candidateName: 'Ada' }).slice(0, random.int(30));
        break;
      case 3:
        init.body = Buffer.from(random.bytes(random.int(2_000)));
        break;
      case 4:
        init.body = `${'['.repeat(4_000)}${']'.repeat(4_000)}`;
        break;
      case 5: {
        // A saved plan (POST /api/plans) broken in one place.
        const plan: Record<string, unknown> = {
          name: 'Fuzz plan',
          items: [{ questionId: random.pick(questionIds), budgetMinutes: 10 }],
        };
        own(plan, random.pick(['name', 'items', 'items', 'extra']), random.value(3));
        init.body = JSON.stringify(plan);
        break;
      }
      default:
        // Past the body limit.
        init.body = JSON.stringify({ title: 'x'.repeat(LIMITS.httpBodyBytes + random.int(1_000)) });
    }
  }
  return { path: escapeLoosely(path), init };
}
