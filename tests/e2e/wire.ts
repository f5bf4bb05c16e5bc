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
        const forms = [Buffer.from(needle), Buffer.from(Buffer.from(needle).toString('base64'))];
        for (const chunk of chunks.filter((c) => where(c.source))) {
          if (forms.some((form) => chunk.bytes.includes(form)))
            hits.push(`${JSON.stringify(needle.slice(0, 60))} in ${chunk.source}`);
        }
      }
      return hits;
    },
  };
}
