import { z } from 'zod';

/**
 * Checks the versions resolved in pnpm-lock.yaml against a table of minimum safe versions
 * (security/min-versions.json). The registry here answers no audit requests, so this is our
 * audit: small, offline, and strict.
 */

export const FloorTableSchema = z.object({
  floors: z.array(
    z.object({
      package: z.string().min(1),
      min: z.string().regex(/^\d+\.\d+\.\d+$/, 'a plain x.y.z version'),
      advisories: z.array(z.string().regex(/^(CVE-\d{4}-\d{4,}|GHSA(-[0-9a-z]{4}){3})$/)).min(1),
      why: z.string().optional(),
    }),
  ),
});
export type FloorTable = z.infer<typeof FloorTableSchema>;
export type Floor = FloorTable['floors'][number];

export interface ResolvedPackage {
  name: string;
  version: string;
}

export interface BelowFloor {
  name: string;
  version: string;
  min: string;
  advisories: readonly string[];
}

/**
 * The `name@version` keys of the lockfile's `packages:` section (lockfile v9): every copy that
 * resolves, each once. Keys are read line by line; no YAML parser is in the tree, and the keys
 * are the only part needed.
 */
export function parseLockfilePackages(lockfile: string): ResolvedPackage[] {
  const out: ResolvedPackage[] = [];
  let inPackages = false;
  for (const line of lockfile.split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inPackages = line.trimEnd() === 'packages:';
      continue;
    }
    if (!inPackages) continue;
    // Exactly two spaces: a package key; deeper lines are its fields.
    const key = /^ {2}(?:'([^']+)'|([^\s'][^\s]*)):\s*$/.exec(line);
    const spec = key?.[1] ?? key?.[2];
    if (!spec) continue;
    // The version follows the last '@' that is not the scope's leading one.
    const at = spec.lastIndexOf('@');
    if (at <= 0) continue;
    out.push({ name: spec.slice(0, at), version: spec.slice(at + 1) });
  }
  return out;
}

interface SemVer {
  core: [number, number, number];
  pre: string[];
}

function parseVersion(version: string): SemVer | null {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (!match) return null;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    pre: match[4] ? match[4].split('.') : [],
  };
}

/** Semver precedence: negative when a < b, zero when equal, positive when a > b. Null: not semver. */
export function compareVersions(a: string, b: string): number | null {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return null;
  for (let i = 0; i < 3; i++) {
    const diff = (x.core[i] ?? 0) - (y.core[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  // A pre-release sorts before its release (1.0.0-beta < 1.0.0).
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Math.sign(Number(p) - Number(q));
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/**
 * Every resolved copy of a floored package that is below its floor. A version that cannot be
 * compared (a git or tarball dependency) counts as below: nothing proves it carries the fix.
 */
export function findBelowFloor(resolved: readonly ResolvedPackage[], floors: readonly Floor[]): BelowFloor[] {
  const byName = new Map(floors.map((floor) => [floor.package, floor]));
  const found: BelowFloor[] = [];
  for (const { name, version } of resolved) {
    const floor = byName.get(name);
    if (!floor) continue;
    const order = compareVersions(version, floor.min);
    if (order === null || order < 0)
      found.push({ name, version, min: floor.min, advisories: floor.advisories });
  }
  return found;
}

export const describeBelowFloor = (finding: BelowFloor): string =>
  `${finding.name}@${finding.version} is below the floor ${finding.min} (fixes ${finding.advisories.join(', ')})`;
