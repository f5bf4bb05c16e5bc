import { createHash } from 'node:crypto';
import type { createClient } from 'redis';

type RedisClient = Pick<ReturnType<typeof createClient>, 'evalSha' | 'eval'>;

export interface ScriptCall {
  keys: string[];
  arguments: (string | Buffer)[];
}

/**
 * A Lua script run by its SHA1 (EVALSHA), so a call on a hot path does not send the script's text
 * each time; sent whole (EVAL, which also loads it) when Redis answers that it does not know it:
 * after a restart, a failover or SCRIPT FLUSH.
 */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: RedisClient, call: ScriptCall): Promise<unknown> {
    try {
      return await client.evalSha(this.sha, call);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, call);
    }
  }
}
