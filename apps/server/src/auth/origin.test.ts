import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createOriginPolicy } from './origin.ts';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('origin policy', () => {
  it('without a list, allows only a page of the host the request was sent to', () => {
    const allowed = createOriginPolicy(undefined);
    const host = 'rooms.example:3000';
    expect(allowed(request({ host, origin: 'http://rooms.example:3000' }))).toBe(true);
    expect(allowed(request({ host: 'rooms.example', origin: 'https://rooms.example' }))).toBe(true);
    // A default port written out is the same origin.
    expect(allowed(request({ host: 'rooms.example:443', origin: 'https://rooms.example' }))).toBe(true);
    expect(allowed(request({ host, origin: 'https://evil.example' }))).toBe(false);
    expect(allowed(request({ host, origin: 'http://rooms.example:3001' }))).toBe(false);
    expect(allowed(request({ host, origin: 'http://rooms.example.evil.example:3000' }))).toBe(false);
    expect(allowed(request({ host, origin: 'null' }))).toBe(false);
    expect(allowed(request({ host, origin: 'file://' }))).toBe(false);
    expect(allowed(request({ host, origin: 'http://rooms.example:3000, https://evil.example' }))).toBe(false);
    expect(allowed(request({ origin: 'http://rooms.example:3000' }))).toBe(false);
  });

  it('with a list, allows exactly the listed origins', () => {
    const allowed = createOriginPolicy(['https://rooms.example', 'http://localhost:5173']);
    const host = 'internal:3000';
    expect(allowed(request({ host, origin: 'https://rooms.example' }))).toBe(true);
    expect(allowed(request({ host, origin: 'http://localhost:5173' }))).toBe(true);
    expect(allowed(request({ host, origin: 'http://rooms.example' }))).toBe(false);
    expect(allowed(request({ host, origin: 'http://internal:3000' }))).toBe(false);
  });

  it('allows requests without an Origin: not a browser page, and still held to the token', () => {
    expect(createOriginPolicy(undefined)(request({ host: 'a' }))).toBe(true);
    expect(createOriginPolicy(['https://rooms.example'])(request({ host: 'a' }))).toBe(true);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('defaults to PUBLIC_URL’s origin, else same-origin', () => {
    expect(loadConfig({}).allowedOrigins).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://rooms.example/base/' }).allowedOrigins).toEqual([
      'https://rooms.example',
    ]);
  });

  it('parses a comma-separated list of origins, overriding PUBLIC_URL', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://rooms.example',
      ALLOWED_ORIGINS: ' https://a.example , http://localhost:5173/,',
    });
    expect(config.allowedOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('refuses an entry that is not an http(s) origin', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'rooms.example' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://rooms.example' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
