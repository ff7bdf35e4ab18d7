import assert from 'node:assert/strict';
import { collect, DocumentStore, StoreIndex, VersionConflictError } from '../../../src/domain/ports.js';

interface Owned {
  owner: string;
  tags?: string[];
  closedOn?: string;
}

/** The indexes the contract tests query; a store may keep them (lowdb does) or scan (Blob does). */
export const BY_OWNER: StoreIndex<Owned> = { collection: 'things', name: 'by-owner', keys: (d) => d.owner };
export const BY_TAG: StoreIndex<Owned> = { collection: 'things', name: 'by-tag', keys: (d) => d.tags };
export const BY_CLOSED_DAY: StoreIndex<Owned> = { collection: 'things', name: 'closed-day', keys: (d) => d.closedOn };
export const CONTRACT_INDEXES = [BY_OWNER, BY_TAG, BY_CLOSED_DAY] as const;


/**
 * The storage contract: every DocumentStore implementation runs these same tests.
 * `open` returns a fresh store; `reopen` returns a new instance over the same data (a restart).
 */
export function describeStoreContract(
  name: string,
  fixture: () => { open(): Promise<DocumentStore>; reopen(): Promise<DocumentStore> },
): void {
  describe(`${name} (DocumentStore contract)`, function () {
    let store: DocumentStore;
    let reopen: () => Promise<DocumentStore>;

    beforeEach(async function () {
      const f = fixture();
      store = await f.open();
      reopen = f.reopen;
    });

    it('when a document is put, then get returns it with a version', async function () {
      const version = await store.put('requests', 'r1', { title: 'Audacity' });
      assert.deepEqual(await store.get('requests', 'r1'), { value: { title: 'Audacity' }, version });
    });

    it('when a document is missing, then get returns undefined', async function () {
      assert.equal(await store.get('requests', 'nope'), undefined);
    });

    it('when the stored version has moved on, then a put with the old version is refused', async function () {
      const v1 = await store.put('requests', 'r1', { status: 'pending' }, null);
      await store.put('requests', 'r1', { status: 'approved' }, v1);
      await assert.rejects(store.put('requests', 'r1', { status: 'rejected' }, v1), VersionConflictError);
      assert.deepEqual((await store.get('requests', 'r1'))?.value, { status: 'approved' });
    });

    it('when a document already exists, then a create-only put (null version) is refused', async function () {
      await store.put('requests', 'r1', { n: 1 }, null);
      await assert.rejects(store.put('requests', 'r1', { n: 2 }, null), VersionConflictError);
    });

    it('when two writers race with the same version, then exactly one wins', async function () {
      const v1 = await store.put('requests', 'r1', { status: 'pending' });
      const results = await Promise.allSettled([
        store.put('requests', 'r1', { status: 'approved' }, v1),
        store.put('requests', 'r1', { status: 'rejected' }, v1),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    });

    it('when a returned value is changed by the caller, then the stored copy is not', async function () {
      await store.put('people', 'p1', { roles: ['staff'] });
      const doc = await store.get<{ roles: string[] }>('people', 'p1');
      doc!.value.roles.push('slt');
      assert.deepEqual((await store.get('people', 'p1'))?.value, { roles: ['staff'] });
    });

    it('when documents are listed and deleted, then list reflects it', async function () {
      await store.put('c', 'a', { n: 1 });
      await store.put('c', 'b', { n: 2 });
      await store.delete('c', 'a');
      await store.delete('c', 'never-there');
      assert.deepEqual(await store.list('c'), [{ n: 2 }]);
      assert.deepEqual(await store.list('empty'), []);
    });

    it('when entries are appended to a log, then they read back oldest first', async function () {
      for (let i = 0; i < 5; i++) await store.append('audit', { i });
      assert.deepEqual(await store.readLog('audit'), [0, 1, 2, 3, 4].map((i) => ({ i })));
    });

    it('when the store is reopened after a flush, then documents and logs survive', async function () {
      await store.put('requests', 'r1', { title: 'Scratch' });
      await store.append('audit', { what: 'submitted' });
      await store.flush();
      const again = await reopen();
      assert.deepEqual((await again.get('requests', 'r1'))?.value, { title: 'Scratch' });
      assert.deepEqual(await again.readLog('audit'), [{ what: 'submitted' }]);
    });

    it('when documents are found by an index, then only those filed under the key come back, as changed and deleted', async function () {
      await store.put('things', 'a', { owner: 'alex', tags: ['x', 'y'] });
      await store.put('things', 'b', { owner: 'megan', tags: ['y'] });
      await store.put('things', 'c', { owner: 'alex' });
      assert.equal((await store.find(BY_OWNER, 'alex')).length, 2);
      assert.deepEqual((await store.find(BY_TAG, 'y')).map((d) => d.owner).sort(), ['alex', 'megan']);
      await store.put('things', 'a', { owner: 'megan' });
      await store.delete('things', 'c');
      assert.deepEqual(await store.find(BY_OWNER, 'alex'), []);
      assert.deepEqual((await store.find(BY_OWNER, 'megan')).length, 2);
      assert.deepEqual(await store.find(BY_TAG, 'x'), []);
      assert.deepEqual(await store.find(BY_OWNER, 'nobody'), []);
    });

    it('when an index is asked for keys before a value, then every key sorting before it matches', async function () {
      await store.put('things', 'a', { owner: 'a', closedOn: '2025-01-31' });
      await store.put('things', 'b', { owner: 'b', closedOn: '2025-02-01' });
      await store.put('things', 'c', { owner: 'c', closedOn: '2025-02-02' });
      await store.put('things', 'd', { owner: 'd' });
      const found = await store.find(BY_CLOSED_DAY, { before: '2025-02-02' });
      assert.deepEqual(found.map((d) => d.owner).sort(), ['a', 'b']);
    });

    it('when a collection is scanned and counted, then every document comes once', async function () {
      for (let i = 0; i < 12; i++) await store.put('scanned', `d${i}`, { i });
      await store.delete('scanned', 'd3');
      const seen = (await collect(store.scan<{ i: number }>('scanned'))).map((d) => d.i).sort((a, b) => a - b);
      assert.deepEqual(seen, [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11]);
      assert.equal(await store.count('scanned'), 11);
      assert.equal(await store.count('nothing-here'), 0);
      assert.deepEqual(await collect(store.scan('nothing-here')), []);
    });

    it('when a log is streamed, then its entries come oldest first', async function () {
      for (let i = 0; i < 7; i++) await store.append('audit', { i });
      assert.deepEqual(await collect(store.scanLog('audit')), [0, 1, 2, 3, 4, 5, 6].map((i) => ({ i })));
      assert.deepEqual(await collect(store.scanLog('no-such-log')), []);
    });

    it('when the store is reopened, then indexed lookups still find what was written before', async function () {
      await store.put('things', 'a', { owner: 'alex' });
      await store.put('things', 'b', { owner: 'megan' });
      await store.put('things', 'b', { owner: 'alex' });
      await store.flush();
      const again = await reopen();
      assert.deepEqual((await again.find(BY_OWNER, 'alex')).length, 2);
      assert.deepEqual(await again.find(BY_OWNER, 'megan'), []);
      assert.equal(await again.count('things'), 2);
    });

    it('when ids contain slashes and spaces, then they round-trip', async function () {
      const id = 'msteams/conversations/a:1 b/users/29:xyz';
      await store.put('bot-state', id, { ok: true });
      assert.deepEqual((await store.get('bot-state', id))?.value, { ok: true });
    });
  });
}
