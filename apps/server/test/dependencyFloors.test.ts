import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  describeBelowFloor,
  type FloorTable,
  FloorTableSchema,
  findBelowFloor,
  parseLockfilePackages,
} from './lockfileFloors.ts';

const ROOT = new URL('../../../', import.meta.url);
const lockfile = readFileSync(fileURLToPath(new URL('pnpm-lock.yaml', ROOT)), 'utf8');
const table = FloorTableSchema.parse(
  JSON.parse(readFileSync(fileURLToPath(new URL('security/min-versions.json', ROOT)), 'utf8')),
);

describe('known CVEs: resolved dependencies against security/min-versions.json', () => {
  it('no resolved copy of a package is below its floor', () => {
    const resolved = parseLockfilePackages(lockfile);
    expect(findBelowFloor(resolved, table.floors).map(describeBelowFloor)).toEqual([]);
  });

  it('reads the real lockfile (a parser that finds nothing would pass vacuously)', () => {
    const resolved = parseLockfilePackages(lockfile);
    expect(resolved.length).toBeGreaterThan(100);
    const names = new Set(resolved.map((p) => p.name));
    for (const name of ['ws', 'socket.io-parser', 'engine.io', 'express', 'path-to-regexp', 'body-parser']) {
      expect(names, name).toContain(name);
    }
    // Floors for packages that left the tree are dead weight; list them so they get pruned.
    expect(table.floors.map((f) => f.package).filter((name) => !names.has(name))).toEqual([]);
  });

  it('fails, naming package, version, floor and advisory, when a floor is above a resolved copy', () => {
    const raised: FloorTable['floors'] = table.floors.map((floor) =>
      floor.package === 'ws' ? { ...floor, min: '99.0.0' } : floor,
    );
    const found = findBelowFloor(parseLockfilePackages(lockfile), raised).map(describeBelowFloor);
    expect(found.length).toBeGreaterThan(0);
    for (const line of found)
      expect(line).toMatch(/^ws@8\.\d+\.\d+ is below the floor 99\.0\.0 \(fixes CVE-2026-48779/);
  });
});

describe('the lockfile checker', () => {
  const synthetic = [
    "lockfileVersion: '9.0'",
    '',
    'importers:',
    '',
    '  .:',
    '    dependencies:',
    '      ws:',
    '        specifier: ^8.0.0',
    '        version: 8.17.0',
    '',
    'packages:',
    '',
    "  '@scope/thing@1.2.3':",
    '    resolution: {integrity: sha512-x}',
    '',
    '  ws@8.17.0:',
    '    resolution: {integrity: sha512-y}',
    '    engines: {node: ">=10.0.0"}',
    '',
    '  ws@8.21.0:',
    '    resolution: {integrity: sha512-z}',
    '',
    '  express@5.0.0-beta.3:',
    '    resolution: {integrity: sha512-w}',
    '',
    '  odd@https://codeload.github.com/x/odd/tar.gz/abc:',
    '    resolution: {tarball: https://codeload.github.com/x/odd/tar.gz/abc}',
    '',
    'snapshots:',
    '',
    '  ws@7.0.0:',
    '    dependencies: {}',
    '',
  ].join('\n');
  const floors: FloorTable['floors'] = [
    { package: 'ws', min: '8.21.0', advisories: ['CVE-2026-48779'] },
    { package: 'express', min: '5.0.0', advisories: ['CVE-2024-43796'] },
    { package: '@scope/thing', min: '1.2.3', advisories: ['GHSA-aaaa-bbbb-cccc'] },
    { package: 'odd', min: '1.0.0', advisories: ['CVE-2020-0001'] },
  ];

  it('reads only the keys of the packages section, scoped and quoted ones included', () => {
    expect(parseLockfilePackages(synthetic)).toEqual([
      { name: '@scope/thing', version: '1.2.3' },
      { name: 'ws', version: '8.17.0' },
      { name: 'ws', version: '8.21.0' },
      { name: 'express', version: '5.0.0-beta.3' },
      { name: 'odd', version: 'https://codeload.github.com/x/odd/tar.gz/abc' },
    ]);
  });

  it('flags each copy below its floor, a pre-release below its release, and an uncomparable version', () => {
    expect(findBelowFloor(parseLockfilePackages(synthetic), floors).map(describeBelowFloor)).toEqual([
      'ws@8.17.0 is below the floor 8.21.0 (fixes CVE-2026-48779)',
      'express@5.0.0-beta.3 is below the floor 5.0.0 (fixes CVE-2024-43796)',
      'odd@https://codeload.github.com/x/odd/tar.gz/abc is below the floor 1.0.0 (fixes CVE-2020-0001)',
    ]);
  });

  it('orders versions by semver precedence', () => {
    expect(compareVersions('8.21.0', '8.21.0')).toBe(0);
    expect(compareVersions('8.9.0', '8.21.0')).toBe(-1);
    expect(compareVersions('10.0.0', '9.99.99')).toBe(1);
    expect(compareVersions('1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-alpha.2', '1.0.0-alpha.10')).toBe(-1);
    expect(compareVersions('1.0.0-alpha', '1.0.0-alpha.1')).toBe(-1);
    expect(compareVersions('1.0.0-beta', '1.0.0-alpha.1')).toBe(1);
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(compareVersions('latest', '1.0.0')).toBeNull();
  });

  it('rejects a malformed table', () => {
    expect(
      FloorTableSchema.safeParse({ floors: [{ package: 'ws', min: '>=8', advisories: ['x'] }] }).success,
    ).toBe(false);
  });
});
