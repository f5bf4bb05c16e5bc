export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Anything that looks like a role token is masked, wherever it appears in a log line. */
const TOKEN_PATTERN = /[A-Za-z0-9_-]{43}/g;
export const redact = (text: string): string => text.replace(TOKEN_PATTERN, '[redacted]');

/** One JSON object per line on stdout/stderr. */
export function createLogger(
  level: LogLevel,
  write: (line: string, level: LogLevel) => void = defaultWrite,
): Logger {
  const emit = (at: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[at] < LEVELS[level]) return;
    const entry = { time: new Date().toISOString(), level: at, message, ...serialize(fields) };
    write(redact(JSON.stringify(entry)), at);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

function serialize(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] =
      value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return out;
}

function defaultWrite(line: string, level: LogLevel): void {
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
