import assert from 'node:assert/strict';
import { streamEventText, usePlaygroundSession } from '../support/playground.js';
import { USERS } from '../support/teams-activities.js';

// The real bot, the real Microsoft 365 Agents Playground and a real Chromium, all on loopback.
// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1.

const CAPABILITIES = [
  'Ask a policy question',
  'Request a software install',
  'Ask to share a password',
  'Declare a personal device',
  'Report a lost or stolen device',
  'My requests',
];

describe('First contact in the Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(120_000);
  // 2x pixels, so the card close-up is crisp; the full-window screenshot stays 1280x900.
  const session = usePlaygroundSession({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, hideLogPanel: false });

  it('when Alex types "hi" in the compose box, then a welcome card greets Alex by name with every capability as a button', async function () {
    await session.ui.say('hi');
    const card = await session.ui.waitForCardContaining('Hi Alex');

    const text = await card.innerText();
    assert.match(text, /Oakfield Learning Trust/);
    assert.match(text, /Staff at Oakfield Primary School/);
    for (const name of CAPABILITIES) {
      assert.equal(await card.getByRole('button', { name, exact: true }).count(), 1, `the card has no "${name}" button`);
    }
    assert.doesNotMatch(text, /Hi Megan/);

    await session.ui.hideLogPanel();
    await card.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/welcome.png');
    // The Playground's layout has a fixed minimum width (about 800 px), so a 390 px "phone" view
    // would cut the card off; a close-up of the card is the small image instead.
    await session.ui.screenshot('docs/screenshots/welcome-card.png', { element: card, scale: 'device' });
  });

  it('when Alex clicks "Ask a policy question" on the card, then the bot asks for the question in Alex\'s own words', async function () {
    await session.ui.clickCardButton('Ask a policy question');
    const reply = await session.ui.waitForMessageContaining(/type your question/i);
    assert.equal(await reply.locator('.ac-adaptiveCard').count(), 0, 'the reply should be a plain message, not another card');
    assert.match(await reply.innerText(), /in your own words/i);
  });

  it('when Megan Bowen messages the bot through the Playground API, then her own welcome card reaches the stream and the chat on screen', async function () {
    const stream = await session.pg.openStream();
    try {
      await session.pg.sendAs(USERS.megan, 'hi');
      const event = await stream.waitFor((e) => e.action === 'createMessage' && /Hi Megan/.test(streamEventText(e)));
      assert.equal(event.actionConversationId, session.pg.config.personalChat.id);
      assert.match(streamEventText(event), /IT manager \(trust-wide\)/);

      const card = await session.ui.waitForCardContaining('Hi Megan', { anywhere: true });
      assert.match(await card.innerText(), /IT manager \(trust-wide\)/);
      // She is remembered for proactive messages (approvals), under her own identity.
      const known = await session.pg.bot.services.directory.find(USERS.megan.aadObjectId);
      assert.equal(known?.teamsUserId, USERS.megan.id);
    } finally {
      stream.close();
    }
  });

  it('when the whole conversation has run, then the Playground page threw no uncaught errors', function () {
    assert.deepEqual(session.ui.pageErrors, []);
  });
});
