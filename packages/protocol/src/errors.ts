/** Every error the server answers with, on HTTP and on Socket.io acks. */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RoomEnded: 'ROOM_ENDED',
  InvalidTransition: 'INVALID_TRANSITION',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
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
  TooLarge: 4413,
} as const;
