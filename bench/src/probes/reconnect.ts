import { codeTextKey } from '@interview-room/protocol';
import * as Y from 'yjs';
import type { Children } from '../children.ts';
import { LeanYjsClient } from '../load/yjsClient.ts';
import { sleep, until } from '../net.ts';
import type { ProbeSummary, Target } from '../results.ts';
import { benchQuestions, createRooms } from '../rooms.ts';
import { startTopology } from '../servers/topology.ts';
import { summarize } from '../stats.ts';

/** Written in pieces, as a long paste would be: each piece is one Yjs message. */
const CHUNK_CHARS = 8 * 1024;

const ignoreHooks = { onApplied: () => undefined, onUnexpectedClose: () => undefined };

/**
 * A client connects to a room whose code is `kib` KiB and waits until it holds all of it: once as
 * a page load (an empty doc) and once as a reconnect (it has the doc already and exchanges state
 * vectors). Everyone else has left, so our server loads the doc from its store each time.
 */
export async function probeReconnect(
  children: Children,
  target: Target,
  kib: number,
  repeats: number,
): Promise<ProbeSummary[]> {
  const topology = await startTopology(children, target, { profileName: `reconnect-${target}` });
  try {
    const [question] = benchQuestions();
    const key = codeTextKey(question.id);
    let writerUrl: string;
    let readerUrl: string;
    if (target === 'stock') {
      const doc = `reconnect-${Date.now()}`;
      writerUrl = `${topology.interviewerUrl.replace(/^http/, 'ws')}/${doc}`;
      readerUrl = `${topology.candidateUrl.replace(/^http/, 'ws')}/${doc}`;
    } else {
      const [room] = await createRooms(topology.interviewerUrl, 1);
      if (!room) throw new Error('no room');
      writerUrl = `${topology.interviewerUrl.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.interviewer.token}`;
      readerUrl = `${topology.candidateUrl.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.candidate.token}`;
    }
    const size = kib * 1024;
    const writer = new LeanYjsClient(writerUrl, ignoreHooks);
    await writer.open();
    const text = writer.doc.getText(key);
    while (text.length < size) {
      text.insert(text.length, 'x'.repeat(Math.min(CHUNK_CHARS, size - text.length) - 1).concat('\n'));
      // Under the per-connection byte rate: a paste, not a flood.
      await sleep(20);
    }
    // Everything is on the server (and, with two instances, on the other one) before the writer leaves.
    const check = new LeanYjsClient(readerUrl, ignoreHooks);
    await check.open();
    await until(() => check.doc.getText(key).length >= size, 'the document to reach the reader');
    const full = Y.encodeStateAsUpdate(check.doc);
    check.close();
    writer.close();

    const load: number[] = [];
    const reconnect: number[] = [];
    for (let i = 0; i < repeats; i++) {
      for (const [samples, state] of [
        [load, undefined],
        [reconnect, full],
      ] as const) {
        await sleep(100);
        const client = new LeanYjsClient(readerUrl, ignoreHooks, state);
        const started = performance.now();
        await client.open();
        await until(() => client.doc.getText(key).length >= size, 'the reader to hold the document', 10_000);
        samples.push(performance.now() - started);
        client.close();
      }
    }
    const where = target === 'ours-2' ? ', other instance than the writer' : '';
    return [
      {
        target,
        summary: summarize(Float64Array.from(load)),
        note: `${kib} KiB, page load (empty doc)${where}`,
      },
      {
        target,
        summary: summarize(Float64Array.from(reconnect)),
        note: `${kib} KiB, reconnect (holds the doc)${where}`,
      },
    ];
  } finally {
    await topology.stop();
  }
}
