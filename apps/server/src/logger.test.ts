import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

const TOKEN = 'q3Yb7mF0ZlW9x2VtR8cK1nP4sD6hJ5gA0eU7iO3yT2w';

describe('logger', () => {
  it('masks anything shaped like a role token, in the message, fields, URLs and errors', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (line) => lines.push(line));
    log.warn(`refused ${TOKEN}`, {
      url: `/yjs/room?token=${TOKEN}`,
      nested: { auth: { token: TOKEN } },
      error: new Error(`bad token ${TOKEN}`),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ url: '/yjs/room?token=[redacted]' });
  });
});
