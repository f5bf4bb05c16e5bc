import * as encoding from 'lib0/encoding';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { colorFor } from '../src/realtime/presence.ts';
import { connect, connectYjs, createRoom, startServer, synced, waitFor, type YjsClient } from './harness.ts';

const MESSAGE_AWARENESS = 1;

interface Entry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/**
 * A y-websocket client written by hand, as an attacker's would be: it sends awareness updates in
 * the wire format of y-protocols (count, then per client: id, clock, JSON state), with any id.
 */
async function rawClient(url: string, roomId: string, token: string) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${roomId}?token=${token}`);
  onTestFinished(() => ws.terminate());
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    sendAwareness(entries: Entry[]): void {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, entries.length);
      for (const { clientId, clock, state } of entries) {
        encoding.writeVarUint(update, clientId);
        encoding.writeVarUint(update, clock);
        encoding.writeVarString(update, JSON.stringify(state));
      }
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
      ws.send(encoding.toUint8Array(message));
    },
  };
}

type AwarenessState = { user?: Record<string, unknown>; cursor?: unknown } | undefined;
const stateAt = (client: YjsClient, clientId: number) =>
  client.provider.awareness.getStates().get(clientId) as AwarenessState;

const identity = (role: 'interviewer' | 'candidate', name: string) => ({
  name,
  role,
  color: colorFor(role, name),
});

describe('awareness spoofing: identity comes from the token, client ids from who introduced them', () => {
  it('a raw client cannot claim another name, role or color, nor speak for another client id', async () => {
    const a = await startServer({ kind: 'redis' });
    const b = await startServer({ kind: 'redis' });
    const room = await createRoom(a.url);
    // The interviewer picks a display name, as on Socket.io: both must show the same identity.
    const grace = connectYjs(a.url, room.id, room.interviewer.token, { name: 'Grace Hopper' });
    const observers = [
      connectYjs(a.url, room.id, room.interviewer.token),
      connectYjs(b.url, room.id, room.interviewer.token),
    ];
    await Promise.all([grace, ...observers].map(synced));
    grace.provider.awareness.setLocalStateField('cursor', 'grace-cursor');
    const graceId = grace.doc.clientID;
    const graceIdentity = identity('interviewer', 'Grace Hopper');
    for (const observer of observers)
      await waitFor(
        () => (stateAt(observer, graceId)?.cursor === 'grace-cursor' ? true : undefined),
        'Grace’s cursor',
      );
    const session = connect(a.url, { roomId: room.id, token: room.interviewer.token, name: 'Grace Hopper' });
    expect((await session.next('session:ready')).participant).toMatchObject(graceIdentity);
    for (const observer of observers) expect(stateAt(observer, graceId)?.user).toEqual(graceIdentity);

    const attacker = await rawClient(a.url, room.id, room.candidate.token);
    const attackerId = 777_001;
    const forged = { name: 'Grace (Interviewer)', role: 'interviewer', color: '#000000' };
    // Its own id, with an interviewer's identity.
    attacker.sendAwareness([{ clientId: attackerId, clock: 1, state: { user: forged, cursor: 'spoof' } }]);
    // Grace's id: a newer state, then a removal.
    attacker.sendAwareness([
      { clientId: graceId, clock: 1_000_000, state: { user: forged, cursor: 'hijacked' } },
    ]);
    attacker.sendAwareness([{ clientId: graceId, clock: 2_000_000, state: null }]);
    // Sent last on the same connection: once it shows, everything before it was handled.
    attacker.sendAwareness([{ clientId: attackerId, clock: 2, state: { user: forged, cursor: 'marker' } }]);

    for (const observer of observers) {
      await waitFor(
        () => (stateAt(observer, attackerId)?.cursor === 'marker' ? true : undefined),
        'the attacker’s marker',
      );
      // It shows as who its token says: the candidate.
      expect(stateAt(observer, attackerId)?.user).toEqual(identity('candidate', 'Ada Lovelace'));
      // Grace's state is hers, untouched.
      expect(stateAt(observer, graceId)).toEqual({ user: graceIdentity, cursor: 'grace-cursor' });
    }
  });

  it('the server stamps the identity over whatever a normal client sets', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const candidate = connectYjs(url, room.id, room.candidate.token, { name: 'Not Ada' });
    const observer = connectYjs(url, room.id, room.interviewer.token);
    await Promise.all([synced(candidate), synced(observer)]);
    candidate.provider.awareness.setLocalStateField('user', {
      name: 'Grace',
      role: 'interviewer',
      color: '#ffffff',
    });
    const id = candidate.doc.clientID;
    await waitFor(() => (stateAt(observer, id)?.user ? true : undefined), 'the candidate’s state');
    // The name parameter is for interviewers only, like Socket.io's `name`.
    expect(stateAt(observer, id)?.user).toEqual(identity('candidate', 'Ada Lovelace'));
    // And it is the identity Socket.io gives the same token.
    const session = connect(url, { roomId: room.id, token: room.candidate.token });
    const { name, role, color } = (await session.next('session:ready')).participant;
    expect(stateAt(observer, id)?.user).toEqual({ name, role, color });
  });

  it('the same person, reconnecting before the old connection is noticed gone, keeps their client id', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const observer = connectYjs(url, room.id, room.interviewer.token);
    await synced(observer);
    const before = await rawClient(url, room.id, room.candidate.token);
    const after = await rawClient(url, room.id, room.candidate.token);
    const interviewer = await rawClient(url, room.id, room.interviewer.token);
    const id = 424_242;
    before.sendAwareness([{ clientId: id, clock: 1, state: { cursor: 'old' } }]);
    await waitFor(() => (stateAt(observer, id)?.cursor === 'old' ? true : undefined), 'first state');
    // The same identity (same token, same name) may take it over...
    after.sendAwareness([{ clientId: id, clock: 3, state: { cursor: 'new' } }]);
    await waitFor(() => (stateAt(observer, id)?.cursor === 'new' ? true : undefined), 'taken over');
    // ...another identity may not, whatever its clock.
    interviewer.sendAwareness([{ clientId: id, clock: 10, state: { cursor: 'stolen' } }]);
    interviewer.sendAwareness([{ clientId: 515_151, clock: 1, state: { cursor: 'marker' } }]);
    await waitFor(() => (stateAt(observer, 515_151)?.cursor === 'marker' ? true : undefined), 'marker');
    expect(stateAt(observer, id)).toEqual({ user: identity('candidate', 'Ada Lovelace'), cursor: 'new' });
  });
});
