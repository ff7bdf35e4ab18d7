import assert from 'node:assert/strict';
import type { QuestionRecord } from '../../src/domain/questions/question-service.js';
import { usePlaygroundSession } from '../support/playground.js';
import { USERS } from '../support/teams-activities.js';

// The real bot, the real Microsoft 365 Agents Playground and a real Chromium, all on loopback.
// The UI always acts as Alex; Megan's reply is sent through the Playground's own API.

describe('Policy questions in the Microsoft 365 Agents Playground, driven in Chromium', function () {
  this.timeout(120_000);
  const session = usePlaygroundSession({ viewport: { width: 1280, height: 1000 } });

  before(async function () {
    // Megan has Policy Desk installed, so hand-offs can reach her.
    await session.pg.sendAs(USERS.megan, 'hi');
  });

  it('when Alex asks about installing software, then the card quotes clause 4.2 and "Yes" thanks Alex in place', async function () {
    await session.ui.say('am I allowed to install software on my school laptop?');
    const card = await session.ui.waitForCardContaining('4.2 Software');
    const text = await card.innerText();
    assert.match(text, /may only be installed on Trust equipment with the authorisation of the IT manager/);
    assert.match(text, /Was this helpful\?/);
    await card.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/answer.png');

    await session.ui.clickCardButton('Yes');
    await session.ui.waitForCardContaining('Thanks: you found this helpful.', { anywhere: true });
  });

  it('when Alex asks something the policy does not cover and asks the IT manager, then Megan\'s reply comes back to Alex', async function () {
    await session.ui.say("what's the wifi password for the staff network?");
    const card = await session.ui.waitForCardContaining("The policy doesn't cover this");
    assert.match(await card.innerText(), /won't guess/);
    await card.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/not-covered.png');

    await session.ui.clickCardButton('Ask the IT manager (Megan Bowen)');
    await session.ui.waitForCardContaining('Sent to Megan Bowen (IT manager)', { anywhere: true });
    await session.ui.waitForCardContaining('A policy question for you', { anywhere: true });

    const questions = await session.pg.bot.services.store.list<QuestionRecord>('questions');
    const question = questions.find((q) => q.text.includes('wifi password'))!;
    const reply = await session.pg.invokeAs(USERS.megan, 'handoff-reply', { questionId: question.id, reply: "It's on the notice in the staff room: I can't put it in chat." });
    assert.equal(reply.status, 200);

    const answer = await session.ui.waitForCardContaining('Megan Bowen answered your question', { anywhere: true });
    assert.match(await answer.innerText(), /notice in the staff room/);
    await answer.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/handoff-reply.png');
  });

  it('when the conversation has run, then the page threw no uncaught errors', function () {
    assert.deepEqual(session.ui.pageErrors, []);
  });
});
