import type { Page } from '@playwright/test';

/** Everything a page received over the network: HTTP bodies and WebSocket frames, raw bytes. */
export interface WireRecording {
  chunks: { source: string; bytes: Buffer }[];
  /** Resolves once every response body seen so far has been read. */
  settle(): Promise<void>;
  /** Where each needle appears (raw or base64-encoded); empty when it appears nowhere. */
  find(needles: readonly string[], where?: (source: string) => boolean): string[];
}

export function recordWire(page: Page): WireRecording {
  const chunks: { source: string; bytes: Buffer }[] = [];
  const pending: Promise<void>[] = [];
  const frame = (url: string) => (payload: string | Buffer) => {
    chunks.push({ source: `ws ${url}`, bytes: typeof payload === 'string' ? Buffer.from(payload) : payload });
  };
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frame(ws.url())(payload)));
  page.on('response', (response) => {
    pending.push(
      response.body().then(
        (bytes) => {
          chunks.push({ source: `http ${response.url()}`, bytes });
        },
        // Redirects and aborted navigations have no body to read.
        () => undefined,
      ),
    );
  });
  return {
    chunks,
    async settle() {
      await Promise.all(pending);
    },
    find(needles, where = () => true) {
      const hits: string[] = [];
      for (const needle of needles) {
        const forms = needleForms(needle);
        for (const chunk of chunks.filter((c) => where(c.source))) {
          if (forms.some((form) => chunk.bytes.includes(form)))
            hits.push(`${JSON.stringify(needle.slice(0, 60))} in ${chunk.source}`);
        }
      }
      return hits;
    },
  };
}

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
