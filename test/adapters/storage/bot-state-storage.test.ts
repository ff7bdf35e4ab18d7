import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, TestAdapter } from 'botbuilder';
import { BotStateStorage } from '../../../src/adapters/storage/bot-state-storage.js';
import { LowdbStore } from '../../../src/adapters/storage/lowdb-store.js';
import { VersionConflictError } from '../../../src/domain/ports.js';

describe('BotStateStorage over LowdbStore', function () {
  const dirs: string[] = [];
  let file: string;
  let storage: BotStateStorage;

  beforeEach(async function () {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-bot-state-'));
    dirs.push(dir);
    file = path.join(dir, 'db.json');
    storage = new BotStateStorage(await LowdbStore.open(file));
  });

  after(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('when an item is written, then read returns it with an eTag, and missing keys are left out', async function () {
    await storage.write({ 'conv/1': { step: 2, answers: ['a'] } });
    const items = await storage.read(['conv/1', 'conv/missing']);
    assert.deepEqual(Object.keys(items), ['conv/1']);
    const { eTag, ...value } = items['conv/1'];
    assert.deepEqual(value, { step: 2, answers: ['a'] });
    assert.equal(typeof eTag, 'string');
    assert.notEqual(eTag, '');
  });

  it('when an item is written with its current eTag, then it is saved with a new eTag', async function () {
    await storage.write({ k: { n: 1 } });
    const before = (await storage.read(['k'])).k;
    await storage.write({ k: { ...before, n: 2 } });
    const afterWrite = (await storage.read(['k'])).k;
    assert.equal(afterWrite.n, 2);
    assert.notEqual(afterWrite.eTag, before.eTag);
  });

  it("when an item is written with a stale eTag, then the write is refused and the newer value stays", async function () {
    await storage.write({ k: { n: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, n: 2 } });
    await assert.rejects(storage.write({ k: { ...stale, n: 3 } }), VersionConflictError);
    assert.equal((await storage.read(['k'])).k.n, 2);
  });

  it("when an item is written with eTag '*' or none, then the last writer wins", async function () {
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '*' } });
    assert.equal((await storage.read(['k'])).k.n, 2);
    await storage.write({ k: { n: 3 } });
    const { eTag, ...value } = (await storage.read(['k'])).k;
    assert.deepEqual(value, { n: 3 });
    assert.notEqual(eTag, '*');
  });

  it('when items are deleted, then read no longer returns them and deleting a missing key is fine', async function () {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'never-there']);
    const items = await storage.read(['a', 'b']);
    assert.deepEqual(Object.keys(items), ['b']);
  });

  it('when ConversationState saves through it, then the next turn and a restarted store see the state', async function () {
    const conversationState = new ConversationState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const adapter = new TestAdapter(async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`turn ${count}`);
      await conversationState.saveChanges(context);
    });
    await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2');

    // Same conversation, new storage over the same file (a bot restart).
    const restarted = new ConversationState(new BotStateStorage(await LowdbStore.open(file)));
    const restartedTurns = restarted.createProperty<number>('turns');
    const adapterAfterRestart = new TestAdapter(async (context) => {
      const count = (await restartedTurns.get(context, 0)) + 1;
      await context.sendActivity(`turn ${count}`);
    }, adapter.conversation);
    await adapterAfterRestart.send('back').assertReply('turn 3');
  });
});
