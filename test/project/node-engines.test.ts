import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { PROJECT_ROOT } from '../../src/config.js';

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
}

/** The Node line the project names: .nvmrc, which package.json's engines must accept. */
async function namedNodeLine(): Promise<string> {
  return (await readFile(path.join(PROJECT_ROOT, '.nvmrc'), 'utf8')).trim();
}

describe('the Node.js version the README names', function () {
  it('when .nvmrc names a major version, then package.json engines.node accepts every release of it', async function () {
    const line = await namedNodeLine();
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    assert.match(line, /^\d+$/);
    assert.ok(semver.subset(`${line}.x`, pkg.engines.node), `engines.node "${pkg.engines.node}" rejects Node ${line}`);
  });

  it('when npm installs the locked tree on that Node line, then no package declares an engine that rejects it (no EBADENGINE)', async function () {
    const line = await namedNodeLine();
    const lock = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockedPackage>;
    };
    const rejecting = Object.entries(lock.packages)
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(`${line}.19.0`, (p.engines as { node: string }).node))
      .map(([where, p]) => `${where}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    assert.deepEqual(rejecting, []);
  });
});
