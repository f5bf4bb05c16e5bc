import { describe, expect, it, onTestFinished } from 'vitest';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocLog } from '../src/docs/types.ts';
import { silentLogger } from '../src/logger.ts';
import { CODE_DOC_NAME, type CodeDoc, CodeDocs, type CodeDocsDeps } from '../src/yjs/codeDocs.ts';
import { FaultyDocLog } from './docLogs.ts';
import { waitFor } from './harness.ts';
import { makeDocLog, randomId, STORE_KINDS, type StoreKind } from './stores.ts';

/** A stand-in for a client connection: the origin YjsServer gives a client's transactions. */
const clientOrigin = () => ({ client: randomId(4) });

function codeDocsOn(docLog: DocLog, locked = new Set<string>(), extra: Partial<CodeDocsDeps> = {}) {
  const codeDocs = new CodeDocs({
    docLog,
    log: silentLogger,
    isLocked: async (roomId) => locked.has(roomId),
    flushTimeoutMs: 2_000,
    ...extra,
  });
  onTestFinished(() => codeDocs.close());
  return codeDocs;
}

/** Two handles on one backing log, as two server instances on one Redis have. */
async function logPair(kind: StoreKind): Promise<[DocLog, DocLog]> {
  const a = await makeDocLog(kind);
  return [a, kind === 'memory' ? a : await makeDocLog(kind)];
}

function type(codeDoc: CodeDoc, text: string, origin: object = clientOrigin()): void {
  const ytext = codeDoc.doc.getText('code:q1');
  codeDoc.doc.transact(() => ytext.insert(ytext.length, text), origin);
}

const textOf = (codeDoc: CodeDoc) => codeDoc.doc.getText('code:q1').toString();
const until = (check: () => boolean, what: string, timeoutMs?: number) =>
  waitFor(() => (check() ? true : undefined), what, timeoutMs);

async function storedText(docLog: DocLog, roomId: string): Promise<string> {
  const stored = await docLog.load(roomId, CODE_DOC_NAME);
  const doc = new Y.Doc();
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates)
    Y.applyUpdate(doc, update);
  return doc.getText('code:q1').toString();
}

describe.each(STORE_KINDS)('CodeDocs on two instances sharing one %s log', (kind) => {
  it('relays edits both ways and stores each edit once, where it was made', async () => {
    const [logA, logB] = await logPair(kind);
    const roomId = randomId();
    const a = await codeDocsOn(logA).acquire(roomId);
    const b = await codeDocsOn(logB).acquire(roomId);
    type(a, 'from A;');
    await until(() => textOf(b) === 'from A;', 'A’s edit at B');
    type(b, 'from B;');
    await until(() => textOf(a) === 'from A;from B;', 'B’s edit at A');
    // A relayed update is applied, never appended again by the instance that received it.
    expect((await logA.load(roomId, CODE_DOC_NAME)).updates).toHaveLength(2);
    expect(await storedText(logA, roomId)).toBe('from A;from B;');
  });

  it('relays the awareness of its own clients, and tells a newcomer who is there', async () => {
    const [logA, logB] = await logPair(kind);
    const roomId = randomId();
    const a = await codeDocsOn(logA).acquire(roomId);
    const origin = clientOrigin();
    const client = new Awareness(new Y.Doc());
    onTestFinished(() => client.destroy());
    client.setLocalState({ user: { name: 'Ada' } });
    applyAwarenessUpdate(a.awareness, encodeAwarenessUpdate(client, [client.clientID]), origin);

    // B loads after Ada joined A: it asks, and A answers for its client.
    const b = await codeDocsOn(logB).acquire(roomId);
    await until(() => b.awareness.getStates().has(client.clientID), 'Ada at B');
    expect(b.awareness.getStates().get(client.clientID)).toEqual({ user: { name: 'Ada' } });

    client.setLocalState({ user: { name: 'Ada' }, cursor: 3 });
    applyAwarenessUpdate(a.awareness, encodeAwarenessUpdate(client, [client.clientID]), origin);
    await until(() => b.awareness.getStates().get(client.clientID)?.cursor === 3, 'Ada’s cursor at B');

    // Ada leaves A (her connection closes): she is gone at B too.
    removeAwarenessStates(a.awareness, [client.clientID], null);
    await until(() => !b.awareness.getStates().has(client.clientID), 'Ada gone at B');
  });

  it('locks every instance’s copy when the interview ends on one', async () => {
    const [logA, logB] = await logPair(kind);
    const roomId = randomId();
    const codeDocsA = codeDocsOn(logA);
    const a = await codeDocsA.acquire(roomId);
    const b = await codeDocsOn(logB).acquire(roomId);
    type(a, 'final answer');
    await codeDocsA.lockCode(roomId);
    expect(a.readOnly).toBe(true);
    await until(() => b.readOnly, 'B locked');
    // The final code is one snapshot now.
    expect(await logA.load(roomId, CODE_DOC_NAME)).toMatchObject({
      updates: [],
      snapshot: expect.anything(),
    });
    expect(await storedText(logA, roomId)).toBe('final answer');
  });

  it('deletes the code everywhere: the log, and every instance’s copy and connections', async () => {
    const [logA, logB] = await logPair(kind);
    const roomId = randomId();
    const codeDocsA = codeDocsOn(logA);
    const codeDocsB = codeDocsOn(logB);
    const deletedAt: string[] = [];
    codeDocsA.onDeleted((id) => deletedAt.push(`A:${id}`));
    codeDocsB.onDeleted((id) => deletedAt.push(`B:${id}`));
    const a = await codeDocsA.acquire(roomId);
    const b = await codeDocsB.acquire(roomId);
    type(a, 'secret');
    await until(() => textOf(b) === 'secret', 'edit at B');
    await codeDocsA.deleteCode(roomId);
    await until(() => deletedAt.length === 2, 'both instances dropped the room');
    expect(deletedAt.sort()).toEqual([`A:${roomId}`, `B:${roomId}`]);
    expect(await logB.load(roomId, CODE_DOC_NAME)).toEqual({ snapshot: null, updates: [], lastId: null });
    // A later open starts from nothing.
    expect(textOf(await codeDocsB.acquire(roomId))).toBe('');
  });
});

describe('CodeDocs storage (a real Redis underneath)', () => {
  it('keeps updates it could not store and stores them in order once the log works again', async () => {
    const log = new FaultyDocLog(await makeDocLog('redis'));
    const codeDocs = codeDocsOn(log);
    const roomId = randomId();
    const codeDoc = await codeDocs.acquire(roomId);
    type(codeDoc, 'a');
    await until(() => log.appended.length === 1, 'first update stored');

    log.failAppends = true;
    for (const ch of 'bcdefgh') type(codeDoc, ch);
    await until(() => log.failedAppends >= 3, 'appends retried');
    expect(log.appended).toHaveLength(1);
    // Shutdown waits a bounded time, and says so when the log is still failing.
    expect(await codeDocs.flushAll(300)).toBe(false);

    log.failAppends = false;
    expect(await codeDocs.flushAll()).toBe(true);
    expect(await storedText(log, roomId)).toBe('abcdefgh');
    // In order: each stored update continues the server's own clock where the previous ended.
    let next = 0;
    for (const update of log.appended) {
      for (const struct of Y.decodeUpdate(update).structs) {
        expect(struct.id.client).toBe(codeDoc.doc.clientID);
        expect(struct.id.clock).toBe(next);
        next = struct.id.clock + struct.length;
      }
    }
    expect(next).toBe('abcdefgh'.length);
  });

  it('seeds starter code into the doc at once, and tells when it is stored', async () => {
    const log = new FaultyDocLog(await makeDocLog('memory'));
    const codeDocs = codeDocsOn(log);
    const roomId = randomId();
    const codeDoc = await codeDocs.acquire(roomId);
    log.hold();
    const starter = 'def solve():\n    pass\n';
    const seed = await codeDocs.seedCode(roomId, 'q1', starter);
    // In the doc (and so on its way to the editors) before it is stored.
    expect(textOf(codeDoc)).toBe(starter);
    let stored = false;
    void seed.stored.then(() => {
      stored = true;
    });
    await until(() => log.appendsInFlight === 1, 'the seed being stored');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stored).toBe(false);
    log.release();
    await seed.stored;
    expect(await storedText(log, roomId)).toBe(starter);
    // A question already seeded (or typed in) is left alone.
    await (await codeDocs.seedCode(roomId, 'q1', 'other')).stored;
    expect(textOf(codeDoc)).toBe(starter);
    codeDocs.release(roomId);
  });

  it('keeps a doc whose last user left until its updates are stored, and reuses it meanwhile', async () => {
    const log = new FaultyDocLog(await makeDocLog('redis'));
    const codeDocs = codeDocsOn(log);
    const roomId = randomId();
    const first = await codeDocs.acquire(roomId);
    log.hold();
    type(first, 'last words');
    await until(() => log.appendsInFlight === 1, 'the save started');
    codeDocs.release(roomId);

    const again = await codeDocs.acquire(roomId);
    expect(log.appendsInFlight).toBe(1);
    expect(again.doc).toBe(first.doc);
    expect(textOf(again)).toBe('last words');
    log.release();
    expect(await codeDocs.flushAll()).toBe(true);
    codeDocs.release(roomId);
    expect(await storedText(log, roomId)).toBe('last words');
  });

  it('drops a doc from memory once its last user left and its updates are stored; the next user loads it back', async () => {
    const log = await makeDocLog('memory');
    const codeDocs = codeDocsOn(log);
    const roomId = randomId();
    const first = await codeDocs.acquire(roomId);
    type(first, 'kept in the log');
    codeDocs.release(roomId);
    // Nothing of the room stays loaded: no doc, no awareness, no relay subscription.
    await until(() => codeDocs.isReadOnly(roomId) === undefined, 'the doc to be unloaded');
    expect(first.doc.isDestroyed).toBe(true);

    const again = await codeDocs.acquire(roomId);
    expect(again.doc).not.toBe(first.doc);
    expect(textOf(again)).toBe('kept in the log');
    codeDocs.release(roomId);
  });

  it('folds the log into a snapshot every N stored updates', async () => {
    const log = await makeDocLog('redis');
    const codeDocs = codeDocsOn(log, new Set(), { compactEvery: 5 });
    const roomId = randomId();
    const codeDoc = await codeDocs.acquire(roomId);
    for (let i = 0; i < 12; i++) {
      type(codeDoc, String(i % 10));
      await codeDocs.flushAll();
    }
    const stored = await log.load(roomId, CODE_DOC_NAME);
    expect(stored.snapshot).not.toBeNull();
    expect(stored.updates.length).toBeLessThan(5);
    expect(await storedText(log, roomId)).toBe('012345678901');
  });

  it('re-reads the log after a relay outage: missed edits and a missed lock arrive', async () => {
    const logA = new FaultyDocLog(await makeDocLog('redis'));
    const logB = await makeDocLog('redis');
    const locked = new Set<string>();
    const roomId = randomId();
    const a = await codeDocsOn(logA, locked).acquire(roomId);
    const codeDocsB = codeDocsOn(logB, locked);
    const b = await codeDocsB.acquire(roomId);

    logA.dropRelay = true;
    type(b, 'written while A was cut off');
    await codeDocsB.flushAll();
    locked.add(roomId);
    await codeDocsB.lockCode(roomId);
    expect(textOf(a)).toBe('');
    expect(a.readOnly).toBe(false);

    logA.reconnectRelay();
    await until(() => textOf(a) === 'written while A was cut off', 'the missed edit at A');
    await until(() => a.readOnly, 'the missed lock at A');
  });
});
