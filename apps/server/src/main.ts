import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { MemoryDocLog } from './docs/memory.ts';
import { RedisDocLog } from './docs/redis.ts';
import type { DocLog } from './docs/types.ts';
import { createLogger } from './logger.ts';
import { loadQuestionBanks } from './questionBanks.ts';
import { createRedisScaleOut, type ScaleOut } from './realtime/redisAdapter.ts';
import { MemoryRoomStore } from './store/memory.ts';
import { RedisRoomStore } from './store/redis.ts';
import type { RoomStore } from './store/types.ts';

const config = loadConfig(process.env);
const log = createLogger(config.logLevel);
// A bank with any error stops the startup here: a server never serves half a bank.
const banks = loadQuestionBanks({ file: config.questionBankFile, dir: config.questionBanksDir });
if (!banks.ok) {
  for (const problem of banks.problems) log.error(problem);
  log.error(
    `not starting: ${banks.problems.length} problem(s) in the question banks, listed above ` +
      '(`pnpm bank validate <dir>` lists the same without starting the server)',
  );
  process.exit(1);
}
const { bank } = banks;
if (config.questionBankFile)
  log.info('question bank: from QUESTION_BANK_FILE', { file: config.questionBankFile });
for (const added of banks.added) log.info('question bank: added from QUESTION_BANKS_DIR', added);

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
