import assert from 'node:assert/strict';
import { describeKindJourney, sampleUser } from '../../../test/support/kind-journey.js';
import { cardExecute, cardSubmit, message, USERS } from '../../../test/support/teams-activities.js';
import { cardText } from '../../../test/support/connector.js';
import type { BotUnderTest } from '../../../test/support/bot-harness.js';
import { dataOffSite } from './kind.js';

const JORDAN = sampleUser('jordan-ellis', '00000000-0000-0000-0000-0000000000033', 'Jordan Ellis');
const answers = {
  data: 'Year 6 reading scores',
  whose: 'Pupils in 6B',
  reason: 'Writing reports at home over half term',
  protection: 'On my encrypted school laptop only',
  from: '2025-03-05',
  returnBy: '2025-03-10',
  risks: 'Laptop lost in transit: it is encrypted and kept with me',
  encrypted: 'true',
};

/** Alex's tap on a data-off-site form or summary. */
async function submitAs(t: BotUnderTest, data: Record<string, unknown>): Promise<void> {
  assert.equal((await t.post(cardSubmit(USERS.alex, { verb: 'flow-form', flow: dataOffSite.name, ...data }, t.serviceUrl))).status, 200);
}

describeKindJourney(
  {
    kind: dataOffSite,
    requester: USERS.alex,
    answers,
    approver: USERS.isaiah,
    fallback: JORDAN,
    bystander: USERS.megan,
    exporter: USERS.megan,
    clause: /7\.1 .*Taking personal data off site, on paper or on a device, needs the approval of the headteacher/s,
    registerRow: /Alex Wilber,Oakfield Primary School,Year 6 reading scores,Pupils in 6B,.*2025-03-10,.*yes,approved,Isaiah Langer/,
  },
  (world) => {
    it('when the day the data should be back has passed, then the requester is told once to return or delete it', async function () {
      const { t, clock, raise, cardTo, mark } = world();
      const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      const request = await raise(USERS.alex, { ...answers, from: '', returnBy: day(1) });
      await t.post(cardExecute(USERS.isaiah, 'request-decide', { requestId: request.id, decision: 'approve' }, t.serviceUrl));
      assert.equal((await t.bot.services.requests.getRequest(request.id)).status, 'approved');
      const since = mark();
      clock.advanceDays(2);
      await t.bot.runScheduledWork();
      const card = await cardTo(USERS.alex, since, /was due back on/);
      assert.match(JSON.stringify(card), /securely delete/);
      assert.ok((await t.bot.services.requests.getRequest(request.id)).expiryNotifiedAt);
    });

    it('when Alex says the day the data leaves ("home on 5/4, back 8/4"), then the form is prefilled with both days and the summary and the headteacher\'s card show when it leaves', async function () {
      const { t, clock, cardTo, mark } = world();
      const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000);
      const dm = (d: Date) => `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      const [leaves, back] = [day(2), day(5)];
      let since = mark();
      assert.equal((await t.post(message(USERS.alex, `I need to take the year 6 reading scores home on ${dm(leaves)} to write reports, back ${dm(back)}`, t.serviceUrl))).status, 200);
      const form = JSON.stringify(await cardTo(USERS.alex, since, /"id":"returnBy"/));
      assert.match(form, new RegExp(`"id":"from"[^}]*"value":"${iso(leaves)}"`));
      assert.match(form, new RegExp(`"id":"returnBy"[^}]*"value":"${iso(back)}"`));
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: iso(leaves), returnBy: iso(back) });
      const shown = new RegExp(`Leaves on.*${leaves.getUTCDate()} .*Back by.*${back.getUTCDate()} `, 's');
      assert.match(cardText(await cardTo(USERS.alex, since, /Check your/)), shown);
      since = mark();
      await submitAs(t, { step: 'summary', flowAction: 'confirm' });
      assert.match(cardText(await cardTo(USERS.isaiah, since, /request-decide/)), shown);
    });

    it('when the data would leave after it comes back, or the day it leaves has passed, then Alex is told so; left empty, the request goes without it', async function () {
      const { raise, t, clock, cardTo, mark } = world();
      const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      let since = mark();
      await submitAs(t, { verb: 'start-flow', flow: dataOffSite.id });
      await cardTo(USERS.alex, since, /"flowAction":"submit"/);
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: day(9), returnBy: day(8) });
      await cardTo(USERS.alex, since, /must be on or after the day it leaves/);
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: day(-1), returnBy: day(8) });
      await cardTo(USERS.alex, since, /Check your/);
      since = mark();
      await submitAs(t, { step: 'summary', flowAction: 'confirm' });
      await cardTo(USERS.alex, since, /data leaves school is already in the past/);
      const request = await raise(USERS.alex, { ...answers, from: '', returnBy: day(8) });
      assert.equal(request.details.from, undefined);
    });
  },
);
