import { describe, expect, it } from 'vitest';
import { parseRoute, tokenFromHash } from './routes.ts';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOKEN = 'B'.repeat(43);

describe('parseRoute', () => {
  it('reads the create page', () => {
    expect(parseRoute({ pathname: '/', hash: '' })).toEqual({ page: 'create' });
  });

  it('reads a room link with its token from the fragment', () => {
    expect(parseRoute({ pathname: `/room/${ROOM}`, hash: `#token=${TOKEN}` })).toEqual({
      page: 'room',
      roomId: ROOM,
      token: TOKEN,
    });
  });

  it('rejects a room link without a token or with a malformed one', () => {
    expect(parseRoute({ pathname: `/room/${ROOM}`, hash: '' })).toEqual({ page: 'invalid-room' });
    expect(parseRoute({ pathname: `/room/${ROOM}`, hash: '#token=short' })).toEqual({ page: 'invalid-room' });
    expect(parseRoute({ pathname: '/room/nope', hash: `#token=${TOKEN}` })).toEqual({ page: 'invalid-room' });
  });

  it('reports other paths as not found', () => {
    expect(parseRoute({ pathname: '/admin', hash: '' })).toEqual({ page: 'not-found', path: '/admin' });
  });
});

describe('tokenFromHash', () => {
  it('accepts the fragment with or without #', () => {
    expect(tokenFromHash('#token=abc')).toBe('abc');
    expect(tokenFromHash('token=abc&x=1')).toBe('abc');
    expect(tokenFromHash('')).toBeNull();
  });
});
