import { createServer, type Socket, connect as tcpConnect } from 'node:net';
import { onTestFinished } from 'vitest';

/**
 * The encodings a needle may travel in: raw, and base64/base64url at each of the three byte
 * alignments it can have inside a longer encoded blob (a base64 needle only matches a blob where
 * it starts on a 3-byte boundary; the other two alignments shift every character).
 */
export function needleForms(needle: string): Buffer[] {
  const raw = Buffer.from(needle);
  const forms = [raw];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), raw]);
    // Characters of the first group mix in the padding; those of a last partial group depend on
    // whatever follows the needle. Keep only the characters made of needle bytes alone.
    const start = offset === 0 ? 0 : 4;
    const end = Math.floor(padded.length / 3) * 4;
    for (const encoding of ['base64', 'base64url'] as const) {
      const text = padded.toString(encoding).slice(start, end);
      if (text.length >= 8) forms.push(Buffer.from(text));
    }
  }
  return forms;
}

/**
 * A TCP proxy in front of the server that records every byte the server sends back: HTTP
 * responses and WebSocket frames as they cross the network, not as a client library decoded
 * them. `cut()` drops every connection, as a network failure does.
 */
export class WireTap {
  /** Server-to-client bytes, one entry per TCP connection. */
  private readonly streams: Buffer[][] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly close: () => Promise<void>,
    readonly url: string,
  ) {}

  static async start(targetUrl: string): Promise<WireTap> {
    const target = new URL(targetUrl);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const tap = new WireTap(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of tap.sockets) socket.destroy();
          server.close(() => resolve());
        }),
      `http://127.0.0.1:${port}`,
    );
    server.on('connection', (client) => tap.relay(client, target));
    onTestFinished(() => tap.close());
    return tap;
  }

  private relay(client: Socket, target: URL): void {
    const received: Buffer[] = [];
    this.streams.push(received);
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    upstream.on('data', (chunk: Buffer) => received.push(chunk));
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  /** Drops every open connection at once. */
  cut(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** How many TCP connections went through. */
  get connections(): number {
    return this.streams.length;
  }

  /** Everything received on each connection, in order. */
  bytes(): Buffer[] {
    return this.streams.map((chunks) => Buffer.concat(chunks));
  }

  /** Where each needle appears, raw or base64-encoded; empty when it appears nowhere. */
  find(needles: readonly string[]): string[] {
    const streams = this.bytes();
    const hits: string[] = [];
    for (const needle of needles) {
      const forms = needleForms(needle);
      streams.forEach((bytes, index) => {
        if (forms.some((form) => bytes.includes(form)))
          hits.push(`${JSON.stringify(needle.slice(0, 60))} in connection ${index}`);
      });
    }
    return hits;
  }
}
