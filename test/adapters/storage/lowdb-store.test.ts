import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { describeStoreContract } from './store-contract.js';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describeStoreContract('LowdbStore on disk', () => {
  let file = '';
  return {
    async open() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-lowdb-'));
      dirs.push(dir);
      file = path.join(dir, 'nested', 'db.json');
      return LowdbStore.open(file);
    },
    reopen: () => LowdbStore.open(file),
  };
});

describe('LowdbStore file', function () {
  it('when a document is written, then the JSON file on disk holds it', async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-lowdb-'));
    dirs.push(dir);
    const store = await LowdbStore.open(path.join(dir, 'db.json'));
    await store.put('requests', 'r1', { title: 'Audacity' });
    await store.flush();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'db.json'), 'utf8'));
    assert.equal(onDisk.collections.requests.r1.value.title, 'Audacity');
  });
});
