import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger.ts';

export interface ScaleOut {
  /** Socket.io adapter that fans broadcasts out to every instance on the same Redis. */
  adapter: NonNullable<ServerOptions['adapter']>;
  close(): Promise<void>;
}

/** Socket.io over Redis pub/sub: a room broadcast on one instance reaches sockets on all of them. */
export async function createRedisScaleOut(url: string, log: Logger): Promise<ScaleOut> {
  const pub = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) {
    client.on('error', (error: Error) =>
      log.warn('socket.io redis adapter connection error', { error: error.message }),
    );
  }
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    adapter: createAdapter(pub, sub, { key: 'ir:sio' }),
    async close() {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
