import { readFileSync } from 'node:fs';
import { summarizeGcTrace } from './gcTrace.ts';

const [file, from, to] = process.argv.slice(2);
if (!file) {
  console.error(
    'usage: pnpm bench:gc FILE [FROM_MS [TO_MS]]   (a --trace-gc log; ms after the server started)',
  );
  process.exit(2);
}
const summary = summarizeGcTrace(
  readFileSync(file, 'utf8'),
  from === undefined ? 0 : Number(from),
  to === undefined ? Number.POSITIVE_INFINITY : Number(to),
);
const round = (n: number) => Math.round(n * 100) / 100;
console.log(
  JSON.stringify(Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, round(v)])), null, 2),
);
