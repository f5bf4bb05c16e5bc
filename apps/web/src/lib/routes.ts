import { RoomIdSchema, TokenSchema } from '@interview-room/protocol';

export const INVALID_LINK_TITLE = 'This link is invalid or has expired';

/** Where the browser is, as the app understands it. */
export type Route =
  | { page: 'create' }
  | { page: 'room'; roomId: string; token: string }
  /** A room URL whose id or token is missing or malformed. */
  | { page: 'invalid-room' }
  | { page: 'not-found'; path: string };

const ROOM_PATH = /^\/room\/([^/]+)\/?$/;

/** Reads the token from a `#token=...` fragment (the fragment is never sent to the server). */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.get('token');
}

export function parseRoute(location: Pick<Location, 'pathname' | 'hash'>): Route {
  const { pathname, hash } = location;
  if (pathname === '/' || pathname === '') return { page: 'create' };
  const match = ROOM_PATH.exec(pathname);
  if (!match) return { page: 'not-found', path: pathname };
  const roomId = RoomIdSchema.safeParse(decodeURIComponent(match[1] ?? ''));
  const token = TokenSchema.safeParse(tokenFromHash(hash));
  if (!roomId.success || !token.success) return { page: 'invalid-room' };
  return { page: 'room', roomId: roomId.data, token: token.data };
}

export function roomPath(roomId: string): string {
  return `/room/${encodeURIComponent(roomId)}`;
}
