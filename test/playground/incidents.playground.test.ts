import assert from 'node:assert/strict';
import type { Incident } from '../../src/domain/incidents/incident.js';
import { INCIDENTS } from '../../src/domain/incidents/incident.js';
import { type PlaygroundPage, usePlaygroundSession } from '../support/playground.js';
import { USERS } from '../support/teams-activities.js';

// The real bot, the real Microsoft 365 Agents Playground and a real Chromium, all on loopback, in a
// phone-sized window. The UI always acts as Alex; Megan's acknowledgement is a custom activity.

/**
 * The Playground is a desktop tool: its chat column has a minimum width of 600 px, and a message
 * is as wide as its card wants. Teams mobile shows cards in a column the width of the screen, so
 * the test lifts those minimums and caps each message at the column's width (style rules for the
 * layout classes that carry them); the cards are then laid out, and tapped, at 390 px by the
 * Playground's own Adaptive Cards renderer.
 */
async function fitChatToPhoneWidth(ui: PlaygroundPage): Promise<void> {
  const width = ui.page.viewportSize()!.width;
  const rules = await ui.page.evaluate((max) => {
    const rule = (el: Element, body: string) => `.${CSS.escape(el.classList[0])} { ${body} }`;
    const found = new Set<string>();
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (parseFloat(getComputedStyle(el).minWidth) > max && el.classList.length > 0) found.add(rule(el, 'min-width: 0 !important;'));
    }
    // From a card up to the chat column: nothing wider than its parent.
    for (let el = document.querySelector('.ac-adaptiveCard'); el && el !== document.body; el = el.parentElement) {
      if (el.classList.length > 0) found.add(rule(el, 'max-width: 100% !important; min-width: 0 !important; flex-shrink: 1 !important; box-sizing: border-box;'));
    }
    return [...found].join('\n');
  }, width);
  await ui.page.addStyleTag({ content: `${rules}\nbody { overflow-x: hidden; }` });
  const right = await ui.page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.ac-adaptiveCard')).map((c) => c.getBoundingClientRect().right)));
  assert.ok(right <= width, `the cards still overflow a ${width} px screen (right edge at ${right} px)`);
}

describe('Reporting a lost laptop in the Microsoft 365 Agents Playground, on a phone-sized screen', function () {
  this.timeout(120_000);
  const session = usePlaygroundSession({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });

  before(async function () {
    await fitChatToPhoneWidth(session.ui);
    // Megan has Policy Desk installed, so the alert can reach her.
    await session.pg.sendAs(USERS.megan, 'hi');
  });

  it('when Alex taps through the report (no typing), then the checklist comes back and Megan is alerted', async function () {
    // The welcome card came on installation: from here on Alex only taps.
    await session.ui.waitForCardContaining('Hi Alex', { anywhere: true });
    await session.ui.clickCardButton('Report a lost or stolen device');
    await session.ui.waitForCardContaining("What's missing? Tap one.");
    await session.ui.clickCardButton('Laptop');
    await session.ui.waitForCardContaining('Was your laptop lost, or stolen?');
    await session.ui.clickCardButton("Lost or can't find it");
    const dataCard = await session.ui.waitForCardContaining('Could personal or confidential data be on it');
    await dataCard.scrollIntoViewIfNeeded();
    await session.ui.screenshot('docs/screenshots/lost-device-phone.png');
    await session.ui.clickCardButton('No');
    const confirm = await session.ui.waitForCardContaining('Check and send');
    assert.match(await confirm.innerText(), /tell the IT manager straight away/);
    await session.ui.clickCardButton('Send report');

    const checklist = await session.ui.waitForCardContaining('Report sent: lost laptop');
    const text = await checklist.innerText();
    assert.match(text, /I've told Megan Bowen \(IT manager\)\./);
    assert.match(text, /Change your school account password now/);
    await session.ui.waitForCardContaining(/Lost laptop.*Reported by Alex Wilber/, { anywhere: true });
    await checklist.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await session.ui.screenshot('docs/screenshots/lost-device-checklist-phone.png');

    const incidents = await session.pg.bot.services.store.list<Incident>(INCIDENTS);
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0].item, 'laptop');
    assert.equal(incidents[0].circumstance, 'lost');
    assert.equal(incidents[0].dataInvolved, 'no');
  });

  it('when Megan acknowledges (as a custom activity), then Alex is told she is handling it', async function () {
    const [incident] = await session.pg.bot.services.store.list<Incident>(INCIDENTS);
    await session.pg.executeAs(USERS.megan, 'incident-acknowledge', { incidentId: incident.id });
    const told = await session.ui.waitForCardContaining('Megan Bowen is handling your report', { anywhere: true });
    assert.match(await told.innerText(), /took on your report of a lost laptop/);
    const stored = await session.pg.bot.services.incidents.getIncident(incident.id);
    assert.equal(stored.status, 'acknowledged');
    assert.equal(stored.acknowledgement?.byId, 'megan-bowen');
  });

  it('when the conversation has run, then the page threw no uncaught errors', function () {
    assert.deepEqual(session.ui.pageErrors, []);
  });
});
