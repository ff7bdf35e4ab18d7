import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeDirectory, syncDirectory } from '../../../src/adapters/storage/directory-sync.js';

describe('Directory sync (crash safety of file names)', function () {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-dirsync-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when several changes in one folder ask for a sync before it starts, then they share one; a later one gets its own', async function () {
    const first = syncDirectory(dir);
    const joined = syncDirectory(dir);
    assert.equal(joined, first);
    await first;
    const later = syncDirectory(dir);
    assert.notEqual(later, first);
    await later;
  });

  it('when a sync is running, then a new request waits for the next one, which still completes', async function () {
    const running = syncDirectory(dir);
    await Promise.resolve(); // let the first one start
    await new Promise((resolve) => setImmediate(resolve));
    const next = syncDirectory(dir);
    assert.notEqual(next, running);
    await Promise.all([running, next]);
  });

  it('when the folder does not exist, then the sync fails rather than pretending', async function () {
    if (process.platform === 'win32') this.skip();
    await assert.rejects(syncDirectory(path.join(dir, 'missing')), { code: 'ENOENT' });
  });

  it('when nested folders are made, then all of them exist afterwards', async function () {
    const nested = path.join(dir, 'a', 'b', 'c');
    await makeDirectory(nested);
    assert.ok((await stat(nested)).isDirectory());
    await makeDirectory(nested); // already there: nothing to do
    assert.deepEqual(await readdir(path.join(dir, 'a')), ['b']);
  });
});
