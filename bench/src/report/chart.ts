import { type ScenarioResult, TARGET_LABELS, type Target } from '../results.ts';

const WIDTH = 720;
const HEIGHT = 420;
const MARGIN = { top: 48, right: 24, bottom: 64, left: 64 };
const COLORS: Record<Target, string> = { 'ours-1': '#1b7f3b', 'ours-2': '#4363d8', stock: '#d1495b' };
const DASH: Record<Target, string> = { 'ours-1': '', 'ours-2': '6 4', stock: '2 3' };
const Y_TICKS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Keystroke p99 against rooms, one line per target, as a standalone SVG (no dependency): rooms on
 * evenly spaced categories, latency on a log scale so 1 ms and 100 ms both read.
 */
export function p99Chart(scenarios: readonly ScenarioResult[], title: string): string {
  const rooms = [...new Set(scenarios.map((s) => s.rooms))].sort((a, b) => a - b);
  const targets = [...new Set(scenarios.map((s) => s.target))];
  const values = scenarios.map((s) => s.keystroke.p99).filter((v) => v > 0);
  const low = Math.min(...Y_TICKS.filter((t) => t <= Math.min(1, ...values)));
  const high = Y_TICKS.find((t) => t >= Math.max(10, ...values)) ?? Math.max(...values);
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (rooms.length === 1 ? plotW / 2 : (i / (rooms.length - 1)) * plotW);
  const y = (ms: number) =>
    MARGIN.top +
    plotH -
    ((Math.log10(Math.max(ms, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * plotH;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  );
  for (const tick of Y_TICKS.filter((t) => t >= low && t <= high)) {
    const ty = y(tick).toFixed(1);
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${ty}" y2="${ty}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 8}" y="${ty}" text-anchor="end" dominant-baseline="middle">${tick}</text>`,
    );
  }
  for (const [i, count] of rooms.entries()) {
    parts.push(
      `<text x="${x(i).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 20}" text-anchor="middle">${count}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 24}" text-anchor="middle">rooms (2 clients each, typing)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle">keystroke → other client, p99 (ms, log scale)</text>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${MARGIN.top + plotH}" y2="${MARGIN.top + plotH}" stroke="#333"/>`,
  );
  for (const [n, target] of targets.entries()) {
    const points = rooms.flatMap((count, i) => {
      const scenario = scenarios.find((s) => s.target === target && s.rooms === count);
      return scenario && scenario.keystroke.count > 0 ? [[x(i), y(scenario.keystroke.p99)] as const] : [];
    });
    const color = COLORS[target];
    if (points.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="${DASH[target]}" points="${points
          .map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`)
          .join(' ')}"/>`,
      );
    for (const [px, py] of points)
      parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${color}"/>`);
    const ly = MARGIN.top + 8 + n * 18;
    parts.push(
      `<line x1="${MARGIN.left + 12}" x2="${MARGIN.left + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2" stroke-dasharray="${DASH[target]}"/>`,
      `<text x="${MARGIN.left + 46}" y="${ly}" dominant-baseline="middle">${escapeXml(TARGET_LABELS[target])}</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
