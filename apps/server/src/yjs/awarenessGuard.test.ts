import type { AwarenessUser } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  type AwarenessSpeaker,
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  sanitizeAwarenessUpdate,
} from './awarenessGuard.ts';

const ada: AwarenessUser = { name: 'Ada', role: 'candidate', color: '#4363d8' };
const grace: AwarenessUser = { name: 'Grace', role: 'interviewer', color: '#e6194b' };
const speaker = (identity: AwarenessUser, ...ids: number[]): AwarenessSpeaker => ({
  identity,
  controlled: new Set(ids),
});

function serverAwareness(): Awareness {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  return awareness;
}

describe('awareness wire format', () => {
  it('reads what y-protocols writes, and y-protocols reads what we write', () => {
    const client = new Awareness(new Y.Doc());
    client.setLocalState({ user: { name: 'x' }, cursor: 1 });
    const [entry] = decodeAwarenessUpdate(encodeAwarenessUpdate(client, [client.clientID]));
    expect(entry).toMatchObject({ clientId: client.clientID, state: { user: { name: 'x' }, cursor: 1 } });

    const server = serverAwareness();
    applyAwarenessUpdate(server, encodeAwarenessEntries([{ clientId: 7, clock: 1, state: { a: 1 } }]), null);
    expect(server.getStates().get(7)).toEqual({ a: 1 });
  });

  it('throws on a malformed update (the connection is then closed)', () => {
    expect(() => decodeAwarenessUpdate(Uint8Array.from([1, 7, 1]))).toThrow();
  });
});

describe('sanitizeAwarenessUpdate', () => {
  it('stamps the speaker’s identity over whatever the state says, keeping the rest', () => {
    const server = serverAwareness();
    const from = speaker(ada);
    const update = encodeAwarenessEntries([
      { clientId: 7, clock: 1, state: { user: { name: 'Grace', role: 'interviewer' }, cursor: 'c' } },
    ]);
    const clean = sanitizeAwarenessUpdate(server, update, from, []);
    expect(decodeAwarenessUpdate(clean ?? new Uint8Array())).toEqual([
      { clientId: 7, clock: 1, state: { user: ada, cursor: 'c' } },
    ]);
    expect([...from.controlled]).toEqual([7]);
  });

  it('drops entries for ids held by another identity, the server’s own id, and non-object states', () => {
    const server = serverAwareness();
    applyAwarenessUpdate(
      server,
      encodeAwarenessEntries([{ clientId: 5, clock: 1, state: { user: grace } }]),
      null,
    );
    const other = speaker(grace, 5);
    const from = speaker(ada);
    const update = encodeAwarenessEntries([
      { clientId: 5, clock: 9, state: { cursor: 'stolen' } },
      { clientId: 5, clock: 10, state: null },
      { clientId: server.clientID, clock: 1, state: { cursor: 'server' } },
      { clientId: 8, clock: 1, state: 'text' },
      { clientId: 9, clock: 1, state: [1, 2] },
    ]);
    expect(sanitizeAwarenessUpdate(server, update, from, [other])).toBeNull();
    expect([...other.controlled]).toEqual([5]);
    expect(from.controlled.size).toBe(0);
  });

  it('lets the same identity take an id over, and its own removals through', () => {
    const server = serverAwareness();
    applyAwarenessUpdate(
      server,
      encodeAwarenessEntries([{ clientId: 5, clock: 1, state: { user: ada } }]),
      null,
    );
    const old = speaker(ada, 5);
    const from = speaker(ada);
    const taken = sanitizeAwarenessUpdate(
      server,
      encodeAwarenessEntries([{ clientId: 5, clock: 2, state: { cursor: 'new' } }]),
      from,
      [old],
    );
    expect(taken).not.toBeNull();
    expect([...from.controlled]).toEqual([5]);
    expect(old.controlled.size).toBe(0);
    const removal = encodeAwarenessEntries([{ clientId: 5, clock: 3, state: null }]);
    expect(
      decodeAwarenessUpdate(sanitizeAwarenessUpdate(server, removal, from, [old]) ?? new Uint8Array()),
    ).toEqual([{ clientId: 5, clock: 3, state: null }]);
  });
});
