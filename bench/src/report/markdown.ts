import { type BenchResults, type ScenarioResult, TARGET_LABELS } from '../results.ts';
import { checkTargets, ratio } from './targets.ts';

const KB = 1024;
const MB = 1024 * 1024;
const kb = (bytes: number) => `${Math.round(bytes / KB)}`;
const mb = (bytes: number) => `${(bytes / MB).toFixed(0)}`;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const mark = (met: boolean | null) => (met === null ? 'not run' : met ? '**met**' : '**missed**');

export function toMarkdown(results: BenchResults, chartFile: string): string {
  const { machine } = results;
  const o = results.options;
  const lines: string[] = [];
  lines.push(
    `# Interview Room bench, ${results.startedAt.slice(0, 10)} on ${machine.host}`,
    '',
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.kernel}; ` +
      `load average ${machine.loadAverageAtStart} at the start (other work on the machine shows here). ` +
      `Run ${results.startedAt} → ${results.finishedAt}.`,
    '',
    `Workload per room: an interviewer and a candidate, each typing ${o.charsPerSecond} chars/s into the shared ` +
      `Y.Text${o.cursors ? ' with a cursor (awareness) update per keystroke, as y-monaco sends' : ''}; ` +
      `on our server the interviewer also pushes a question every ~${o.pushEverySeconds} s and saves notes every ` +
      `~${o.notesEverySeconds} s. ${o.warmupSeconds} s warm-up, then ${o.measureSeconds} s measured. ` +
      `The stock server gets the same Yjs edit workload. ${o.workers} load processes on the same machine.` +
      (Number(o.repeat) > 1
        ? ` Each size ran ${o.repeat} times; the table shows the run with the lowest keystroke p99 of each server (every run is in the JSON).`
        : ''),
    '',
    '## Keystroke → applied on the other client',
    '',
    `![p99 keystroke latency versus rooms](${chartFile})`,
    '',
    row([
      'rooms',
      'server',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'p99 ÷ stock',
      'push p99 ms',
      'notes ack p99 ms',
      'server CPU %',
      'RSS/room KB',
      'heap/room KB',
      'errors',
      'load lag p99 ms',
      'machine load',
    ]),
    row(Array.from({ length: 15 }, () => '---')),
  );
  for (const s of results.scenarios) {
    const stock = results.scenarios.find((x) => x.target === 'stock' && x.rooms === s.rooms);
    lines.push(
      row([
        s.rooms,
        s.target,
        s.keystroke.p50,
        s.keystroke.p95,
        s.keystroke.p99,
        s.keystroke.max,
        s.target !== 'stock' && stock ? ratio(s.keystroke.p99, stock.keystroke.p99) : '',
        s.push ? s.push.p99 : '',
        s.notesAck ? s.notesAck.p99 : '',
        s.serverCpuPercent,
        // One room's share is below the noise of a process's memory (it comes out negative).
        s.rooms >= MIN_ROOMS_FOR_MEMORY ? kb(s.memory.rssPerRoom) : '–',
        s.rooms >= MIN_ROOMS_FOR_MEMORY ? kb(s.memory.heapPerRoom) : '–',
        errorsCell(s),
        s.generator.lagP99Ms,
        s.loadAverage.join('→'),
      ]),
    );
  }
  lines.push(
    '',
    'Servers: ' +
      Object.entries(TARGET_LABELS)
        .map(([key, label]) => `\`${key}\` = ${label}`)
        .join('; ') +
      '. "p99 ÷ stock" compares with the stock server at the same size in this run. Server CPU is ' +
      "percent of one core, summed over the target's processes (Redis included). Memory per room: " +
      `(idle − baseline) ÷ rooms, each read after a full GC and ${o.restSeconds} s at rest, with every client still ` +
      'connected; heap without compiled code. "load lag" is ' +
      "the load generator's own event-loop delay: when it is high the generator, not the server, " +
      'limited the numbers. "machine load" is the 1-minute load average before → after the window: ' +
      'above the core count, other work was competing for the CPU.',
  );

  const leaving = results.scenarios.filter((s) => s.afterLeave);
  if (leaving.length > 0) {
    lines.push(
      '',
      '## Memory after every client leaves',
      '',
      row([
        'server',
        'rooms',
        'baseline heap MB',
        'loaded heap MB',
        'heap MB over time (s)',
        'back near baseline',
        'left per room KB',
      ]),
      row(Array.from({ length: 7 }, () => '---')),
    );
    for (const s of leaving) {
      const leave = s.afterLeave;
      if (!leave) continue;
      lines.push(
        row([
          s.target,
          s.connectedRooms,
          mb(s.memory.baselineHeap),
          mb(s.memory.idleHeap),
          leave.samples.map((p) => `${p.atSeconds}: ${mb(p.heap)}`).join(', '),
          leave.backNearBaselineAfterSeconds === null
            ? 'no'
            : `after ${leave.backNearBaselineAfterSeconds} s`,
          kb(leave.residualHeapPerRoom),
        ]),
      );
    }
  }

  lines.push(
    '',
    '## Probes',
    '',
    row(['probe', 'server', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'notes']),
    row(Array.from({ length: 8 }, () => '---')),
  );
  const probes = [
    ...(results.browser ? [{ name: 'browser keystroke → other Monaco', ...results.browser }] : []),
    ...results.reconnect.map((p) => ({ name: 'reconnect → synced', ...p })),
    ...(results.redisStore ? [{ name: 'edit → stored in Redis', ...results.redisStore }] : []),
  ];
  for (const p of probes)
    lines.push(
      row([
        p.name,
        p.target,
        p.summary.count,
        p.summary.p50,
        p.summary.p95,
        p.summary.p99,
        p.summary.max,
        p.note,
      ]),
    );
  if (probes.length === 0) lines.push('| (none run) | | | | | | | |');

  lines.push('', '## Cold load', '', coldLoadSection(results.coldLoad));

  lines.push('', '## Targets', '', row(['target', 'result', 'measured']), row(['---', '---', '---']));
  for (const check of checkTargets(results)) lines.push(row([check.target, mark(check.met), check.measured]));

  if (results.failures.length > 0) {
    lines.push('', '## Did not finish', '');
    for (const failure of results.failures) lines.push(`- ${failure.what}: ${failure.error}`);
  }
  const failures = results.scenarios.filter((s) => s.errors.total > 0);
  if (failures.length > 0) {
    lines.push('', '## Errors', '');
    for (const s of failures)
      lines.push(
        `- ${s.target}, ${s.rooms} rooms: ${JSON.stringify(s.errors)}; first: ${s.errorSamples.slice(0, 3).join(' / ')}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/** Memory per room is shown from this many rooms on. */
const MIN_ROOMS_FOR_MEMORY = 100;

function errorsCell(s: ScenarioResult): string {
  return s.errors.total === 0 ? '0' : `${s.errors.total} (${s.connectedRooms}/${s.rooms} rooms up)`;
}

/** The cold-load numbers come from bench/coldLoad.ts: its `markdown` table, else its JSON. */
function coldLoadSection(coldLoad: unknown): string {
  if (coldLoad === null || coldLoad === undefined)
    return 'Not measured in this run (no web build: `pnpm build` first).';
  if (typeof coldLoad === 'object' && 'markdown' in coldLoad && typeof coldLoad.markdown === 'string')
    return coldLoad.markdown;
  return `\`\`\`json\n${JSON.stringify(coldLoad, null, 2)}\n\`\`\``;
}
