import assert from 'node:assert/strict';
import { BlobStore } from '../../src/adapters/storage/blob-store.js';
import { startAzuriteBlob, type AzuriteBlob } from '../support/azurite.js';
import { startBot, type BotUnderTest } from '../support/bot-harness.js';
import { cardOf, cardText } from '../support/connector.js';
import { message, USERS } from '../support/teams-activities.js';

// Production shape: two bot instances sharing state through Azure Blob Storage (Azurite here).
describe('Two bot instances on Azure Blob Storage (Azurite), through the real server over HTTP', function () {
  this.timeout(60_000);
  let azurite: AzuriteBlob;
  let first: BotUnderTest;
  let second: BotUnderTest;

  before(async () => {
    azurite = await startAzuriteBlob();
    const env = { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER: 'policy-desk-http' };
    first = await startBot(env);
    second = await startBot(env);
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
    await azurite?.stop();
  });

  it('when Alex talks to one instance, then the other can message Alex, and a question is stored where both see it', async function () {
    await first.post(message(USERS.alex, 'hi', first.serviceUrl));
    assert.match(cardText(cardOf(await first.connector.waitFor((c) => Boolean(cardOf(c))))), /Hi Alex/);

    // The conversation reference was written to Blob Storage by the first instance.
    const sent = await second.bot.services.notifier.sendToUser(USERS.alex.aadObjectId, { type: 'message', text: 'From the other instance' });
    assert.equal(sent.delivered, true);
    await first.connector.waitFor((c) => c.body.text === 'From the other instance');

    await second.post(message(USERS.alex, 'am I allowed to install software on my school laptop?', first.serviceUrl));
    await first.connector.waitFor((c) => /4\.2/.test(cardText(cardOf(c))));
    const store = await BlobStore.connect(azurite.connectionString, 'policy-desk-http');
    const questions = await store.list<{ text: string }>('questions');
    assert.ok(questions.some((q) => q.text === 'am I allowed to install software on my school laptop?'));
  });

  it('when Teams re-delivers a message to the other instance, then only one instance answers it', async function () {
    const activity = message(USERS.alex, 'help', first.serviceUrl);
    const since = first.connector.calls.length;
    await first.post(activity);
    await second.post(activity);
    await first.connector.waitFor((c) => Boolean(cardOf(c)), since);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(first.connector.calls.slice(since).filter((c) => Boolean(cardOf(c))).length, 1);
  });
});
