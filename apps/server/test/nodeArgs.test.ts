import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_ARGS } from '../src/nodeArgs.ts';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

describe('how node runs the server', () => {
  it('is the same in the start script (npm start) as in the tests and the bench', () => {
    const { scripts } = JSON.parse(read('../package.json')) as { scripts: { start: string } };
    expect(scripts.start).toBe(['node', ...SERVER_NODE_ARGS].join(' '));
  });

  it('is the same in the Docker image', () => {
    const cmd = read('../../../Dockerfile')
      .split('\n')
      // The last CMD is the one Docker runs.
      .findLast((line) => line.startsWith('CMD '));
    expect(JSON.parse(cmd?.slice('CMD '.length) ?? 'null')).toEqual(['node', ...SERVER_NODE_ARGS]);
  });
});
