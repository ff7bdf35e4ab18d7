import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JSONFile } from 'lowdb/node';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { BY_OWNER, CONTRACT_INDEXES } from './store-contract.js';

/** The single-file store as the earlier LowdbStore wrote it (lowdb's JSONFile: indented JSON). */
const LEGACY = {
  collections: {
    things: {
      t1: { value: { owner: 'alex', note: 'line one\nline "two" }, {' }, version: '4' },
      t2: { value: { owner: 'megan', nested: { list: [1, { deep: [] }], empty: {} } }, version: '7' },
    },
    'bot-state': {
      'msteams/conversations/a:1 b/users/29:xyz': { value: { dialogStack: [{ id: 'software-request' }] }, version: '9' },
      [`long/${'y'.repeat(300)}`]: { value: { ok: true }, version: '10' },
    },
    empty: {},
  },
  logs: {
    audit: [{ id: 'e1', action: 'request.submitted' }, { id: 'e2', action: 'request.approved', detail: { n: 1 } }],
    other: [],
  },
  nextVersion: 11,
};

describe('Migration from the single-file store', function () {
  let dir: string;
  let legacyFile: string;
  let folder: string;
  let reports: string[];
  const open = () => LowdbStore.open(folder, { indexes: CONTRACT_INDEXES, legacyFile, report: (m) => reports.push(m) });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-migration-'));
    legacyFile = path.join(dir, 'policy-desk.json');
    folder = path.join(dir, 'store');
    reports = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function assertMigrated(store: LowdbStore): Promise<void> {
    assert.deepEqual(await store.get('things', 't1'), { value: LEGACY.collections.things.t1.value, version: '4' });
    assert.deepEqual(await store.get('things', 't2'), { value: LEGACY.collections.things.t2.value, version: '7' });
    for (const [id, document] of Object.entries(LEGACY.collections['bot-state'])) {
      assert.deepEqual(await store.get('bot-state', id), document);
    }
    assert.deepEqual(await store.find(BY_OWNER, 'megan'), [LEGACY.collections.things.t2.value]);
    assert.deepEqual(await store.readLog('audit'), LEGACY.logs.audit);
    assert.deepEqual(await store.readLog('other'), []);
    // Versions carried over still guard writes.
    await assert.rejects(store.put('things', 't1', { owner: 'x' }, '3'));
    await store.put('things', 't1', { owner: 'x' }, '4');
  }

  it("when the old file (lowdb's indented JSON) is there at start-up, then everything moves into the folder with its versions, and the old file is kept as a backup", async function () {
    await new JSONFile(legacyFile).write(LEGACY);
    const original = await readFile(legacyFile, 'utf8');
    const store = await open();
    await assertMigrated(store);
    const backups = (await readdir(dir)).filter((name) => /^policy-desk\.json\.pre-migration-.*\.bak$/.test(name));
    assert.equal(backups.length, 1);
    assert.equal(await readFile(path.join(dir, backups[0]), 'utf8'), original);
    assert.ok(reports.some((r) => /migrating the old store file/.test(r)), reports.join('\n'));
    assert.ok(reports.some((r) => /migrating: \d+% read/.test(r)), reports.join('\n'));
    assert.ok(reports.some((r) => /kept as .*\.bak/.test(r)), reports.join('\n'));

    await store.close();
    reports = [];
    const again = await open();
    assert.deepEqual((await again.get('things', 't1'))?.value, { owner: 'x' });
    assert.deepEqual(reports, [], 'nothing is migrated twice');
  });

  it('when the old file is JSON in another layout (one line), then it is migrated all the same', async function () {
    await writeFile(legacyFile, JSON.stringify(LEGACY));
    await assertMigrated(await open());
  });

  it('when a migration was cut short by a crash, then the next start-up does it again from the start', async function () {
    await new JSONFile(legacyFile).write(LEGACY);
    await mkdir(path.join(`${folder}.migrating`, 'documents', 'things'), { recursive: true });
    await writeFile(path.join(`${folder}.migrating`, 'half-written'), 'x');
    await assertMigrated(await open());
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.migrating')), []);
  });

  it('when both the old file and a store folder in use exist, then start-up stops and says to move one away', async function () {
    const store = await LowdbStore.open(folder);
    await store.put('things', 'now', { owner: 'new' });
    await store.close();
    await new JSONFile(legacyFile).write(LEGACY);
    await assert.rejects(open(), /both the old store file .*policy-desk\.json and the store folder .*store exist; move one of them away/);
  });
});
