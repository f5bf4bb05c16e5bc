/** Every error the server answers with, on HTTP and on Socket.io acks. */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RoomEnded: 'ROOM_ENDED',
  InvalidTransition: 'INVALID_TRANSITION',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /**
   * Too many requests from one client: room creation or failed handshakes per address (HTTP
   * Retry-After), or events per Socket.io connection (see LIMITS).
   */
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** For validation errors: the dotted path of the offending field. */
  field?: string;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };

/** WebSocket close codes of the Yjs endpoint (4000-4999 is the application range). */
export const YjsCloseCode = {
  Unauthorized: 4401,
  Forbidden: 4403,
  NotFound: 4404,
  /** An update would grow the room's code past LIMITS.yjsDocBytes; the server's doc is unchanged. */
  TooLarge: 4413,
  /**
   * Messages or bytes over the per-connection rate (LIMITS.yjsMessagesPerSecond...). Unlike the
   * other 44xx codes it is transient: a client may reconnect.
   */
  RateLimited: 4429,
} as const;
