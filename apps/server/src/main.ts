import type { AddressInfo } from 'node:net';
import { defaultBank } from '@interview-room/questions';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { MemoryDocLog } from './docs/memory.ts';
import { RedisDocLog } from './docs/redis.ts';
import type { DocLog } from './docs/types.ts';
import { createLogger } from './logger.ts';
import { loadQuestionBankFile } from './questionBankFile.ts';
import { createRedisScaleOut, type ScaleOut } from './realtime/redisAdapter.ts';
import { MemoryRoomStore } from './store/memory.ts';
import { RedisRoomStore } from './store/redis.ts';
import type { RoomStore } from './store/types.ts';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);
// A bad bank file stops the startup here, with the file and the field in the message.
const bank = config.questionBankFile ? loadQuestionBankFile(config.questionBankFile) : defaultBank;
if (config.questionBankFile)
  log.info('question bank: from QUESTION_BANK_FILE', { file: config.questionBankFile });

let store: RoomStore;
let docLog: DocLog;
let scaleOut: ScaleOut | null = null;
if (config.redisUrl) {
  scaleOut = await createRedisScaleOut(config.redisUrl, log);
  store = await RedisRoomStore.connect({
    url: config.redisUrl,
    retentionMs: config.retentionMs,
    onError: (error) => log.warn('redis connection error', { error: error.message }),
  });
  docLog = await RedisDocLog.connect({
    url: config.redisUrl,
    retentionMs: config.retentionMs,
    onError: (error) => log.warn('redis connection error (code documents)', { error: error.message }),
  });
  log.info('store: Redis', { redisUrl: config.redisUrl.replace(/\/\/[^@]*@/, '//***@') });
} else {
  store = new MemoryRoomStore({ retentionMs: config.retentionMs });
  docLog = new MemoryDocLog({ retentionMs: config.retentionMs });
  log.warn(
    'store: in-memory (REDIS_URL is not set). Single instance only; rooms are lost when the process stops. Set REDIS_URL for durable, multi-instance use.',
  );
}

const app = createApp({
  store,
  docLog,
  bank,
  log,
  publicUrl: config.publicUrl,
  allowedOrigins: config.allowedOrigins,
  webDistDir: config.webDistDir,
  roomCreationPerMinute: config.roomCreationPerMinute,
  socketAdapter: scaleOut?.adapter,
  limits: config.limits,
});
app.server.listen(config.port, config.host, () => {
  const { port } = app.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log.info(`Interview Room is ready at ${config.publicUrl ?? `http://${host}:${port}`}`, {
    port,
    store: store.kind,
  });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down: storing pending changes', { signal });
  try {
    await app.close();
    await scaleOut?.close();
    await docLog.close();
    await store.close();
    process.exit(0);
  } catch (error) {
    log.error('shutdown failed', { error });
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));
