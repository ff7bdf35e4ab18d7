import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { LAYOUT } from '../../../src/adapters/storage/store-layout.js';
import type { StoreIndex } from '../../../src/domain/ports.js';
import { BY_OWNER, BY_TAG, CONTRACT_INDEXES, describeStoreContract } from './store-contract.js';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function freshFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-lowdb-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'store');
}

describeStoreContract('LowdbStore on disk, keeping the indexes', () => {
  let folder = '';
  return {
    async open() {
      folder = await freshFolder();
      return LowdbStore.open(folder, { indexes: CONTRACT_INDEXES });
    },
    reopen: () => LowdbStore.open(folder, { indexes: CONTRACT_INDEXES }),
  };
});

describeStoreContract('LowdbStore on disk, scanning (no indexes declared)', () => {
  let folder = '';
  return {
    async open() {
      folder = await freshFolder();
      return LowdbStore.open(folder);
    },
    reopen: () => LowdbStore.open(folder),
  };
});

describe('LowdbStore folder', function () {
  let folder: string;
  let reports: string[];
  const open = (indexes: readonly StoreIndex<never>[] = CONTRACT_INDEXES) =>
    LowdbStore.open(folder, { indexes, report: (message) => reports.push(message) });

  beforeEach(async () => {
    folder = await freshFolder();
    reports = [];
  });

  it('when a document and a log entry are written, then each is its own file: a JSON document and a JSON line', async function () {
    const store = await open();
    const version = await store.put('requests', 'r1', { title: 'Audacity' });
    await store.append('audit', { what: 'submitted' });
    await store.append('audit', { what: 'approved' });
    await store.close();
    const documentFile = path.join(folder, LAYOUT.documents, 'requests', LAYOUT.shard('r1'), 'r1.json');
    assert.deepEqual(JSON.parse(await readFile(documentFile, 'utf8')), { id: 'r1', version, value: { title: 'Audacity' } });
    const log = await readFile(path.join(folder, LAYOUT.logs, 'audit.jsonl'), 'utf8');
    assert.equal(log, '{"what":"submitted"}\n{"what":"approved"}\n');
  });

  it('when an id is too long for a file name, then it is stored under a hash and still round-trips', async function () {
    const store = await open();
    const id = `msteams/conversations/${'x'.repeat(400)}`;
    await store.put('bot-state', id, { step: 3 });
    assert.deepEqual((await store.get('bot-state', id))?.value, { step: 3 });
    const [stored] = await Promise.all([store.list('bot-state')]);
    assert.deepEqual(stored, [{ step: 3 }]);
  });

  it("when a crash cut the audit log's last line short, then the store opens, reports it, keeps every whole entry and appends after them", async function () {
    let store = await open();
    await store.append('audit', { i: 1 });
    await store.append('audit', { i: 2 });
    await store.close();
    await appendFile(path.join(folder, LAYOUT.logs, 'audit.jsonl'), '{"i":3,"acto');
    store = await open();
    assert.equal(reports.length, 1, reports.join('\n'));
    assert.match(reports[0], /audit\.jsonl: the last line was cut short by a crash/);
    await store.append('audit', { i: 4 });
    assert.deepEqual(await store.readLog('audit'), [{ i: 1 }, { i: 2 }, { i: 4 }]);
    const setAside = (await readdir(path.join(folder, LAYOUT.logs))).filter((name) => name.includes('.torn-'));
    assert.equal(setAside.length, 1);
  });

  it('when a damaged line sits inside a log, then reading skips and reports it rather than failing', async function () {
    let store = await open();
    await store.append('audit', { i: 1 });
    await store.close();
    await appendFile(path.join(folder, LAYOUT.logs, 'audit.jsonl'), 'not json\n{"i":2}\n');
    store = await open();
    assert.deepEqual(await store.readLog('audit'), [{ i: 1 }, { i: 2 }]);
    assert.ok(reports.some((r) => /line 2 is damaged/.test(r)), reports.join('\n'));
  });

  it('when a crash came between journalling a write and writing the document, then reopening indexes what the document holds', async function () {
    let store = await open();
    await store.put('things', 'a', { owner: 'alex' });
    await store.close();
    // The journal says 'a' moved to Ghost at a version never written (the process died before the rename).
    // Journal lines: P, id, then the version and each (index, key) pair.
    await appendFile(path.join(folder, LAYOUT.indexes, 'things.jsonl'), 'P\ta\tnever\u0002by-owner\u0001ghost\n');
    await appendFile(path.join(folder, LAYOUT.indexes, 'things.jsonl'), 'P\tb\tnever\u0002by-owner\u0001ghost\n');
    store = await open();
    assert.deepEqual(await store.find(BY_OWNER, 'ghost'), []);
    assert.deepEqual(await store.find(BY_OWNER, 'alex'), [{ owner: 'alex' }]);
    const version = (await store.get('things', 'a'))!.version;
    await store.put('things', 'a', { owner: 'megan' }, version);
    assert.equal(await store.count('things'), 1);
  });

  it('when an index definition changes between runs, then the index is rebuilt from the documents', async function () {
    let store = await open([BY_OWNER]);
    await store.put('things', 'a', { owner: 'alex' });
    await store.put('things', 'b', { owner: 'megan' });
    await store.close();
    const byInitial: StoreIndex<{ owner: string }> = { collection: 'things', name: 'by-owner', keys: (d) => d.owner.slice(0, 1) };
    store = await open([byInitial as StoreIndex<never>]);
    assert.deepEqual(await store.find(byInitial, 'm'), [{ owner: 'megan' }]);
    assert.deepEqual(await store.find(byInitial, 'alex'), []);
  });

  it('when many writes supersede each other, then after a restart the index answers with the latest of each', async function () {
    let store = await open([BY_OWNER]);
    for (let i = 0; i < 300; i++) await store.put('things', `t${i % 3}`, { owner: `o${i % 7}` });
    await store.close();
    store = await open([BY_OWNER]);
    const expected = ['t0', 't1', 't2'].map((_, n) => `o${(297 + n) % 7}`).sort();
    const found = (await Promise.all(expected.map((o) => store.find(BY_OWNER, o)))).flat().map((d) => (d as { owner: string }).owner);
    assert.deepEqual(found.sort(), expected);
  });

  it('when documents are deleted and others take their place, then the indexes answer alike before and after two restarts', async function () {
    const owned = (owner: string, tags: string[]) => ({ owner, tags });
    const expect = async (store: LowdbStore) => {
      const owners = async (owner: string) => ((await store.find(BY_OWNER, owner)) as { owner: string; tags: string[] }[]).map((d) => d.tags.join('+')).sort();
      assert.deepEqual(await owners('alex'), ['a', 'c+x']);
      assert.deepEqual(await owners('megan'), ['d+x+y']);
      assert.deepEqual(((await store.find(BY_TAG, 'x')) as { owner: string }[]).map((d) => d.owner).sort(), ['alex', 'megan']);
      assert.deepEqual(await store.find(BY_OWNER, 'ghost'), []);
      assert.equal(await store.count('things'), 3);
    };
    let store = await open();
    for (const [id, owner, tags] of [['a', 'alex', ['a']], ['b', 'ghost', ['x']], ['c', 'ghost', ['x']], ['e', 'ghost', []]] as const) {
      await store.put('things', id, owned(owner, [...tags]));
    }
    await store.delete('things', 'b');
    await store.delete('things', 'e');
    await store.put('things', 'c', owned('alex', ['c', 'x']));
    await store.put('things', 'd', owned('megan', ['d', 'x', 'y']));
    await expect(store);
    await store.close();
    for (let restart = 0; restart < 2; restart++) {
      store = await open();
      await expect(store);
      await store.close();
    }
    const journal = await readFile(path.join(folder, LAYOUT.indexes, 'things.jsonl'), 'utf8');
    assert.match(journal, /^S\t\w+\nN\t3\t/, 'the journal starts with a snapshot of the three documents');
    assert.deepEqual(reports, []);
  });

  it('when the journal is from before snapshots (a line per document), then it is read and rewritten as a snapshot', async function () {
    let store = await open([BY_OWNER]);
    await store.put('things', 'a', { owner: 'alex' });
    await store.put('things', 'b', { owner: 'megan' });
    await store.close();
    const file = path.join(folder, LAYOUT.indexes, 'things.jsonl');
    const signature = (await readFile(file, 'utf8')).split('\n')[0];
    await writeFile(file, `${signature}\nP\ta\tv1\u0002by-owner\u0001alex\nP\tb\tv2\u0002by-owner\u0001megan\nC\n`);
    store = await open([BY_OWNER]);
    assert.deepEqual(await store.find(BY_OWNER, 'megan'), [{ owner: 'megan' }]);
    await store.close();
    assert.match(await readFile(file, 'utf8'), /^S\t\w+\nN\t2\t/);
    // A snapshot that still lists versions after the ids: read, versions skipped.
    await writeFile(file, `${signature}\nN\t2\t3\t5\na\nb\nv1\nv2\nK\tby-owner\talex\t0\nK\tby-owner\tmegan\t1\nC\n`);
    store = await open([BY_OWNER]);
    assert.deepEqual(await store.find(BY_OWNER, 'alex'), [{ owner: 'alex' }]);
    assert.deepEqual(reports, []);
  });

  it('when the index snapshot is damaged, then start-up reports it and rebuilds the indexes from the documents', async function () {
    let store = await open([BY_OWNER]);
    await store.put('things', 'a', { owner: 'alex' });
    await store.close();
    store = await open([BY_OWNER]); // the tail is checked and the journal compacted into a snapshot
    await store.close();
    const file = path.join(folder, LAYOUT.indexes, 'things.jsonl');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/\nK\t[^\n]*\n/, '\nK\tby-owner\n'));
    store = await open([BY_OWNER]);
    assert.deepEqual(await store.find(BY_OWNER, 'alex'), [{ owner: 'alex' }]);
    assert.ok(reports.some((r) => /key line is damaged; rebuilding the indexes from the documents/.test(r)), reports.join('\n'));
  });

  it('when the index journal cannot be written, then the put fails and the document keeps its old value', async function () {
    let store = await open([BY_OWNER]);
    await store.put('things', 'a', { owner: 'alex' });
    await store.close();
    store = await open([BY_OWNER]);
    // The journal is opened at the first write after start-up: a folder in its place makes that fail.
    const journal = path.join(folder, LAYOUT.indexes, 'things.jsonl');
    await rm(journal);
    await mkdir(journal);
    await assert.rejects(store.put('things', 'a', { owner: 'megan' }));
    assert.deepEqual((await store.get('things', 'a'))?.value, { owner: 'alex' });
    assert.deepEqual(await store.find(BY_OWNER, 'alex'), [{ owner: 'alex' }]);
    const shard = path.join(folder, LAYOUT.documents, 'things', LAYOUT.shard('a'));
    assert.deepEqual(await readdir(shard), ['a.json'], 'no temporary file is left behind');
  });

  it('when the same process opens the folder again, then the earlier store is closed first and the new one sees its writes', async function () {
    const first = await open();
    void first.put('things', 'a', { owner: 'alex' });
    const second = await open();
    assert.deepEqual(await second.find(BY_OWNER, 'alex'), [{ owner: 'alex' }]);
  });

  it('when a lock file names a process that no longer exists, then it is taken over and reported', async function () {
    const store = await open();
    await store.close();
    await writeFile(`${folder}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 'earlier' }));
    await open();
    assert.ok(reports.some((r) => /process \d+ stopped without closing the store/.test(r)), reports.join('\n'));
    assert.equal(JSON.parse(await readFile(`${folder}.lock`, 'utf8')).pid, process.pid);
  });
});
