import assert from 'node:assert/strict';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { usePlaygroundSession } from '../support/playground.js';
import { USERS } from '../support/teams-activities.js';

// The real bot, the real Microsoft 365 Agents Playground and a real Chromium, all on loopback.
// The UI acts as Alex; Megan's Approve is an Action.Execute sent as her through the Playground's API.

describe('A software request in the Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(120_000);
  const session = usePlaygroundSession({ viewport: { width: 1280, height: 1000 } });

  before(async function () {
    // Megan has Policy Desk installed, so the approval card can reach her.
    await session.pg.sendAs(USERS.megan, 'hi');
    // Her welcome card must be on screen before Alex starts, or it could be taken for his reply.
    await session.ui.waitForCardContaining('Hi Megan', { anywhere: true });
  });

  it('when Alex types "I need Audacity installed", fills in the form and sends it, then his card says it went to Megan', async function () {
    await session.ui.say('I need Audacity installed');
    const form = await session.ui.waitForCardContaining("I'll send this to Megan Bowen to approve");
    assert.match(await form.innerText(), /4\.2 Software, hardware and removable media/);
    await form.getByLabel('Which device (optional)').fill('My classroom laptop');
    await form.getByLabel('Why do you need it?').fill('Recording Year 9 podcasts for the media project');
    await form.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/request-form.png');

    await session.ui.clickCardButton('Next');
    const summary = await session.ui.waitForCardContaining('Check your software install request');
    assert.match(await summary.innerText(), /Recording Year 9 podcasts/);
    await session.ui.clickCardButton('Send request');
    const sent = await session.ui.waitForCardContaining('Sent to Megan Bowen');
    const text = await sent.innerText();
    assert.match(text, /Waiting for a decision from Megan Bowen/);
    assert.match(text, /Cancel request/);
    await sent.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/request-sent.png');
  });

  it('when Megan approves with a comment, then Alex sees the decision', async function () {
    const [request] = (await session.pg.bot.services.store.list<ApprovalRequest>('requests')).filter((r) => r.status === 'pending');
    assert.ok(request, 'the request was stored');
    const response = await session.pg.invokeAs(USERS.megan, 'request-decide', { requestId: request.id, decision: 'approve', comment: 'Installed tonight' });
    assert.equal(response.status, 200);
    assert.match(JSON.stringify(response.body), /You approved this/);

    const decided = await session.ui.waitForCardContaining('Megan Bowen approved your software install request', { anywhere: true });
    assert.match(await decided.innerText(), /Comment: Installed tonight/);
    assert.equal((await session.pg.bot.services.requests.getRequest(request.id)).status, 'approved');

    // Both earlier copies (Alex's and Megan's) were updated in place: no Approve or Cancel left anywhere.
    await session.ui.page.waitForFunction(() => {
      const buttons = Array.from(document.querySelectorAll('.ac-adaptiveCard button')).map((b) => (b as HTMLElement).innerText.trim());
      return !buttons.includes('Approve') && !buttons.includes('Cancel request');
    });
    const cardTexts = await session.ui.page.locator('.ac-adaptiveCard').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
    // Each copy is written for its reader: Megan's own says she approved it.
    assert.equal(cardTexts.filter((t) => /Approved by Megan Bowen/.test(t)).length, 2, "Alex's copy and the decision message");
    assert.equal(cardTexts.filter((t) => /Approved by you/.test(t)).length, 1, "Megan's copy");
    await decided.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/request-approved.png');
  });

  it('when the conversation has run, then the page threw no uncaught errors', function () {
    assert.deepEqual(session.ui.pageErrors, []);
  });
});
