import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobStore } from '../../../src/adapters/storage/blob-store.js';
import { VersionConflictError } from '../../../src/domain/ports.js';
import { AzuriteBlob, startAzuriteBlob } from '../../support/azurite.js';
import { BY_CLOSED_DAY, BY_OWNER, CONTRACT_INDEXES, describeStoreContract } from './store-contract.js';

/** A container name nobody has used yet in this Azurite (lowercase, 3-63 characters). */
function freshContainer(): string {
  return `test-${randomBytes(8).toString('hex')}`;
}

describe('BlobStore on a real Azurite', function () {
  let azurite: AzuriteBlob | undefined;

  before(async function () {
    this.timeout(90_000);
    // No skip: if Azurite cannot start, this hook throws and the suite fails with Azurite's output.
    azurite = await startAzuriteBlob();
    console.log(`      (Azurite blob service up on port ${azurite.port} in ${azurite.startupMillis} ms)`);
  });

  after(async function () {
    this.timeout(15_000);
    await azurite?.stop();
  });

  const connect = (container: string) => BlobStore.connect(azurite!.connectionString, container);

  describeStoreContract('BlobStore', () => {
    const container = freshContainer();
    return { open: () => connect(container), reopen: () => connect(container) };
  });

  describeStoreContract('BlobStore keeping the indexes', () => {
    const container = freshContainer();
    const open = () => BlobStore.connect(azurite!.connectionString, container, { indexes: CONTRACT_INDEXES });
    return { open, reopen: open };
  });

  describe('BlobStore indexes in the container', function () {
    const names = async (container: string, prefix: string) => {
      const client = BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(container);
      const found: string[] = [];
      for await (const blob of client.listBlobsFlat({ prefix })) found.push(blob.name);
      return found.sort();
    };

    it('when documents are put, then each key has a marker and find reads only the documents filed under it', async function () {
      const container = freshContainer();
      const store = await BlobStore.connect(azurite!.connectionString, container, { indexes: CONTRACT_INDEXES });
      await store.put('things', 'a/1', { owner: 'alex', tags: ['x'] });
      await store.put('things', 'b', { owner: 'megan' });
      assert.deepEqual(await names(container, 'indexes/things/by-owner/'), ['indexes/things/by-owner/alex/a%2F1', 'indexes/things/by-owner/megan/b']);
      // A document nothing files under 'alex' is never read: one without a marker stays unseen.
      const client = BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(container);
      const body = JSON.stringify({ owner: 'alex' });
      await client.getBlockBlobClient('collections/things/unfiled.json').upload(body, body.length);
      assert.deepEqual(await store.find(BY_OWNER, 'alex'), [{ owner: 'alex', tags: ['x'] }]);
    });

    it('when a document moves to another key, then the old key no longer finds it and the new one does', async function () {
      const container = freshContainer();
      const store = await BlobStore.connect(azurite!.connectionString, container, { indexes: CONTRACT_INDEXES });
      await store.put('things', 'a', { owner: 'alex' });
      await store.put('things', 'a', { owner: 'megan' });
      assert.deepEqual(await store.find(BY_OWNER, 'alex'), []);
      assert.deepEqual(await store.find(BY_OWNER, 'megan'), [{ owner: 'megan' }]);
    });

    it('when a deleted document left its markers, then a find an hour later removes them, and not before', async function () {
      const container = freshContainer();
      const clock = { at: new Date(), now: () => clock.at };
      const store = await BlobStore.connect(azurite!.connectionString, container, { indexes: CONTRACT_INDEXES, clock });
      await store.put('things', 'a', { owner: 'alex' });
      await store.delete('things', 'a');
      assert.deepEqual(await store.find(BY_OWNER, 'alex'), []);
      assert.deepEqual(await names(container, 'indexes/things/by-owner/'), ['indexes/things/by-owner/alex/a'], 'kept: its document may be on its way');
      clock.at = new Date(clock.at.getTime() + 2 * 60 * 60 * 1000);
      assert.deepEqual(await store.find(BY_OWNER, 'alex'), []);
      assert.deepEqual(await names(container, 'indexes/things/by-owner/'), []);
    });

    it('when a container already holds documents, then connecting with an index files them, once', async function () {
      const container = freshContainer();
      const plain = await connect(container);
      await plain.put('things', 'a', { owner: 'alex' });
      await plain.put('things', 'b', { owner: 'megan', closedOn: '2025-01-01' });
      const indexed = await BlobStore.connect(azurite!.connectionString, container, { indexes: CONTRACT_INDEXES });
      assert.deepEqual(await indexed.find(BY_OWNER, 'megan'), [{ owner: 'megan', closedOn: '2025-01-01' }]);
      assert.deepEqual(await indexed.find(BY_CLOSED_DAY, { before: '2025-02-01' }), [{ owner: 'megan', closedOn: '2025-01-01' }]);
      assert.equal((await names(container, 'indexes-built/things/')).length, CONTRACT_INDEXES.length);
    });
  });

  describe('BlobStore across two bot instances', function () {
    let container: string;
    let first: BlobStore;
    let second: BlobStore;

    beforeEach(async function () {
      container = freshContainer();
      first = await connect(container);
      second = await connect(container);
    });

    it("when one instance writes, then the other reads, lists and versions that write", async function () {
      const v1 = await first.put('requests', 'r1', { status: 'pending' }, null);
      assert.deepEqual(await second.get('requests', 'r1'), { value: { status: 'pending' }, version: v1 });
      const v2 = await second.put('requests', 'r1', { status: 'approved' }, v1);
      assert.notEqual(v2, v1);
      assert.deepEqual(await first.get('requests', 'r1'), { value: { status: 'approved' }, version: v2 });
      await assert.rejects(first.put('requests', 'r1', { status: 'rejected' }, v1), VersionConflictError);
      await first.put('requests', 'r2', { status: 'pending' });
      await second.delete('requests', 'r1');
      assert.deepEqual(await second.list('requests'), [{ status: 'pending' }]);
      assert.equal(await first.get('requests', 'r1'), undefined);
    });

    it('when both instances race on the same version, then exactly one wins each time and its value is stored', async function () {
      for (let round = 0; round < 10; round++) {
        const id = `r${round}`;
        const v1 = await first.put('requests', id, { status: 'pending' }, null);
        const results = await Promise.allSettled([
          first.put('requests', id, { status: 'approved', by: 'first' }, v1),
          second.put('requests', id, { status: 'rejected', by: 'second' }, v1),
        ]);
        const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, version: r.value }] : []));
        assert.equal(winners.length, 1, `round ${round}: ${winners.length} winners`);
        const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        assert.ok(loser.reason instanceof VersionConflictError, `round ${round}: loser got ${loser.reason}`);
        const stored = await second.get<{ by: string }>('requests', id);
        assert.equal(stored?.version, winners[0].version);
        assert.equal(stored?.value.by, winners[0].i === 0 ? 'first' : 'second');
      }
    });

    it('when both instances race to create the same document, then exactly one create succeeds', async function () {
      const results = await Promise.allSettled([
        first.put('people', 'p1', { by: 'first' }, null),
        second.put('people', 'p1', { by: 'second' }, null),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.ok(loser.reason instanceof VersionConflictError);
    });

    it('when both instances append at once, then every entry is kept and each keeps its own order', async function () {
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => first.append('audit', { by: 'first', i })),
        ...Array.from({ length: 10 }, (_, i) => second.append('audit', { by: 'second', i })),
      ]);
      const log = await first.readLog<{ by: string; i: number }>('audit');
      assert.equal(log.length, 20);
      for (const by of ['first', 'second']) {
        assert.deepEqual(
          log.filter((e) => e.by === by).map((e) => e.i),
          [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        );
      }
      assert.deepEqual(await second.readLog('audit'), log);
    });

    it('when writes are not awaited, then flush waits until the other instance can see them', async function () {
      void first.put('requests', 'r1', { title: 'Audacity' });
      void first.append('audit', { what: 'submitted' });
      await first.flush();
      assert.deepEqual((await second.get('requests', 'r1'))?.value, { title: 'Audacity' });
      assert.deepEqual(await second.readLog('audit'), [{ what: 'submitted' }]);
    });

    it('when a document was deleted by the other instance, then a put with its old version is a conflict', async function () {
      const v1 = await first.put('requests', 'r1', { status: 'pending' });
      await second.delete('requests', 'r1');
      await assert.rejects(first.put('requests', 'r1', { status: 'approved' }, v1), VersionConflictError);
      assert.equal(await first.get('requests', 'r1'), undefined);
    });
  });

  describe('BlobStore layout in the container', function () {
    it('when documents and log entries are written, then each is its own JSON blob under its prefix', async function () {
      const container = freshContainer();
      const store = await connect(container);
      await store.put('bot-state', 'msteams/conversations/a:1 b', { ok: true });
      await store.put('audit', 'same-name-as-log', { doc: true });
      await store.append('audit', { what: 'submitted' });

      const client = BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(container);
      const names: string[] = [];
      for await (const blob of client.listBlobsFlat()) names.push(blob.name);
      assert.ok(names.includes('collections/bot-state/msteams%2Fconversations%2Fa%3A1%20b.json'), names.join(', '));
      assert.ok(names.includes('collections/audit/same-name-as-log.json'), names.join(', '));
      const logNames = names.filter((n) => n.startsWith('logs/audit/'));
      assert.equal(logNames.length, 1, names.join(', '));
      assert.match(logNames[0], /^logs\/audit\/\d{15}-\d{12}-[0-9a-f]{12}\.json$/);
      const body = await client.getBlobClient(logNames[0]).downloadToBuffer();
      assert.deepEqual(JSON.parse(body.toString('utf8')), { what: 'submitted' });
      // A collection and a log of the same name do not see each other.
      assert.deepEqual(await store.list('audit'), [{ doc: true }]);
      assert.deepEqual(await store.readLog('audit'), [{ what: 'submitted' }]);
    });

    it('when connecting to a container that does not exist, then it is created, and connecting again is fine', async function () {
      const container = freshContainer();
      const client = BlobServiceClient.fromConnectionString(azurite!.connectionString).getContainerClient(container);
      assert.equal(await client.exists(), false);
      await connect(container);
      assert.equal(await client.exists(), true);
      await connect(container);
    });
  });
});
