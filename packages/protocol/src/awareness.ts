import type { Role } from './ids.ts';

/**
 * The `user` field of every Yjs awareness state (cursors and their labels). The server sets it
 * from the connection's token, whatever the client sent, so no one can appear as someone else.
 */
export interface AwarenessUser {
  name: string;
  color: string;
  role: Role;
}

/** Query parameter of the Yjs URL with an interviewer's display name (as `name` in the Socket.io auth). */
export const YJS_NAME_PARAM = 'name';
