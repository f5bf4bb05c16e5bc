import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClientToServerEvents, ServerToClientEvents } from '@interview-room/protocol';
import { chromium, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { Children } from '../children.ts';
import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import type { BenchResults } from '../results.ts';
import { createRooms } from '../rooms.ts';
import { startTopology } from '../servers/topology.ts';
import { summarize } from '../stats.ts';
import { connectBackground } from './background.ts';

const WEB_INDEX = fileURLToPath(new URL('../../../apps/web/dist/index.html', import.meta.url));
/** Typed first and waited for, so the measured keys all land on one known line. */
const PREFIX = '#bench:';
const KEY_DELAY_MS = 100;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function webBuildExists(): boolean {
  return existsSync(WEB_INDEX);
}

declare global {
  interface Window {
    __benchSent?: number[];
    __benchSeen?: number[];
  }
}

/**
 * A real keystroke in one participant's Monaco until the other participant's Monaco has rendered
 * it (a MutationObserver on its `.view-lines`), two browser contexts in one room, while the
 * generator keeps `backgroundRooms` rooms typing on the same server.
 */
export async function probeBrowser(
  children: Children,
  generator: LoadGenerator,
  workload: Workload,
  backgroundRooms: number,
  keystrokes: number,
): Promise<NonNullable<BenchResults['browser']>> {
  const topology = await startTopology(children, 'ours-1', { profileName: 'browser' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await connectBackground(generator, topology, backgroundRooms, workload);
    const [room] = await createRooms(topology.interviewerUrl, 1);
    if (!room) throw new Error('no room');
    await startInterview(topology.interviewerUrl, room.id, room.interviewer.token);
    const [typing, watching] = (await Promise.all(
      [room.interviewer.url, room.candidate.url].map(async (url) => {
        const page = await (await browser.newContext()).newPage();
        await page.goto(url);
        await page.locator('.monaco-editor .view-lines').first().waitFor();
        return page;
      }),
    )) as [Page, Page];

    await watching.evaluate((prefix) => {
      window.__benchSeen = [];
      const lines = document.querySelector('.monaco-editor .view-lines');
      if (!lines) throw new Error('no editor');
      const pattern = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([a-z]*)`);
      new MutationObserver(() => {
        const at = performance.timeOrigin + performance.now();
        const typed = pattern.exec(lines.textContent ?? '')?.[1]?.length ?? -1;
        const seen = window.__benchSeen ?? [];
        while (seen.length < typed) seen.push(at);
      }).observe(lines, { subtree: true, childList: true, characterData: true });
    }, PREFIX);
    const editor = typing.locator('.monaco-editor .view-lines').first();
    await editor.click();
    await typing.keyboard.press('ControlOrMeta+Home');
    await typing.keyboard.press('Enter');
    await typing.keyboard.press('ArrowUp');
    await typing.keyboard.type(PREFIX);
    await watching.waitForFunction(() => (window.__benchSeen?.length ?? -1) === 0, undefined, {
      timeout: 10_000,
    });
    await typing.evaluate(() => {
      window.__benchSent = [];
      document.addEventListener(
        'keydown',
        () => window.__benchSent?.push(performance.timeOrigin + performance.now()),
        { capture: true },
      );
    });
    const letters = Array.from({ length: keystrokes }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    await typing.keyboard.type(letters, { delay: KEY_DELAY_MS });
    await watching
      .waitForFunction((n) => (window.__benchSeen?.length ?? 0) >= n, keystrokes, { timeout: 10_000 })
      .catch(() => undefined);
    const sent = await typing.evaluate(() => window.__benchSent ?? []);
    const seen = await watching.evaluate(() => window.__benchSeen ?? []);
    const latencies = seen.slice(0, sent.length).map((at, i) => at - (sent[i] ?? at));
    await generator.stop(0);
    await generator.close();
    const lost = keystrokes - latencies.length;
    return {
      target: 'ours-1',
      summary: summarize(Float64Array.from(latencies)),
      note: `Chromium, keydown → MutationObserver on the other page, ${KEY_DELAY_MS} ms between keys${lost > 0 ? `; ${lost} keystrokes not rendered within 10 s` : ''}`,
      backgroundRooms,
    };
  } finally {
    await browser.close();
    await topology.stop();
  }
}

/** The first question push makes the room live and puts its starter code in the editor. */
async function startInterview(url: string, roomId: string, token: string): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { roomId, token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(10_000).emitWithAck('question:next', {});
    if (!ack.ok) throw new Error(`question:next refused: ${ack.error.code}`);
  } finally {
    socket.disconnect();
  }
}
