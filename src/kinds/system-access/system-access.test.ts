import assert from 'node:assert/strict';
import { describeKindJourney, sampleUser } from '../../../test/support/kind-journey.js';
import { cardSubmit, message, USERS } from '../../../test/support/teams-activities.js';
import { cardText } from '../../../test/support/connector.js';
import type { BotUnderTest } from '../../../test/support/bot-harness.js';
import { systemAccess } from './kind.js';

/** A finance lead, holding a role the sample trust does not have: added for this test, as a trust would. */
const KAI = sampleUser('kai-moore', '00000000-0000-0000-0000-0000000000041', 'Kai Moore');
const answers = { system: 'Arbor', access: 'Read-only attendance for 4B', reason: 'Covering as form tutor this term', from: '2025-03-04', until: '2025-07-18' };

/** Alex's tap on a system-access card (a flow-form step unless `data` names another verb). */
async function submitAs(t: BotUnderTest, data: Record<string, unknown>): Promise<void> {
  assert.equal((await t.post(cardSubmit(USERS.alex, { verb: 'flow-form', flow: systemAccess.name, ...data }, t.serviceUrl))).status, 200);
}

describeKindJourney(
  {
    kind: systemAccess,
    requester: USERS.alex,
    answers,
    // The sample trust names the Data Protection Champion as the authoriser for Arbor (the MIS).
    approver: USERS.patti,
    fallback: USERS.isaiah,
    bystander: USERS.megan,
    exporter: USERS.megan,
    clause: /3\.8 .*the authoriser the Trust names for that system has confirmed/s,
    registerRow: /Alex Wilber,Oakfield Primary School,Arbor,Read-only attendance for 4B,Covering as form tutor this term,2025-03-04,2025-07-18,approved,Patti Fernandez/,
    trustChange: (trust) => {
      trust.roles.push({ id: 'finance_lead', label: 'Finance lead' });
      trust.people.push({ id: 'kai-moore', name: 'Kai Moore', email: 'kaim@example.com', aadObjectId: KAI.aadObjectId, roles: [{ role: 'finance_lead' }] });
      trust.routing.system_access.authorisers.push({ value: 'Finance system', aliases: ['PS Financials'], approverRole: 'finance_lead', fallbackRole: 'headteacher' });
    },
  },
  (world) => {
    it('when the system is one a new role authorises, then it goes to that role; a system the trust names nobody for goes to the headteacher', async function () {
      const { raise, t, clock } = world();
      const until = new Date(clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
      const finance = await raise(USERS.alex, { ...answers, system: 'PS Financials', access: 'Budget reports', from: '', until });
      assert.deepEqual(finance.approverIds, ['kai-moore']);
      const other = await raise(USERS.alex, { ...answers, system: 'The library catalogue', access: 'Librarian', from: '', until });
      assert.deepEqual(other.approverIds, ['isaiah-langer']);
      assert.equal(t.bot.services.trust.roleLabel('finance_lead'), 'Finance lead');
    });

    it('when Alex says when access starts ("from 5/4 till 8/4"), then the form is prefilled with both days and the summary and the authoriser\'s card show the first day', async function () {
      const { t, clock, cardTo, mark } = world();
      const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000);
      const [from, until] = [day(2), day(5)];
      let since = mark();
      const typed = `I need read-only access to Arbor from ${from.getUTCDate()}/${from.getUTCMonth() + 1} till ${until.getUTCDate()}/${until.getUTCMonth() + 1} to cover the attendance officer`;
      assert.equal((await t.post(message(USERS.alex, typed, t.serviceUrl))).status, 200);
      const form = JSON.stringify(await cardTo(USERS.alex, since, /Ask for access to the MIS or another system/));
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      assert.match(form, new RegExp(`"id":"from"[^}]*"value":"${iso(from)}"`));
      assert.match(form, new RegExp(`"id":"until"[^}]*"value":"${iso(until)}"`));
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: iso(from), until: iso(until) });
      const shown = new RegExp(`From.*${from.getUTCDate()} .*Until.*${until.getUTCDate()} `, 's');
      assert.match(cardText(await cardTo(USERS.alex, since, /Check your/)), shown);
      since = mark();
      await submitAs(t, { step: 'summary', flowAction: 'confirm' });
      assert.match(cardText(await cardTo(USERS.patti, since, /request-decide/)), shown);
    });

    it('when the first day is after the last day or already past, then Alex is told so and nothing is sent; left empty, the request goes without it', async function () {
      const { raise, t, clock, cardTo, mark } = world();
      const day = (offset: number) => new Date(clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      const started = mark();
      let since = started;
      await submitAs(t, { verb: 'start-flow', flow: systemAccess.id });
      await cardTo(USERS.alex, since, /"flowAction":"submit"/);
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: day(9), until: day(8) });
      await cardTo(USERS.alex, since, /must be on or after the first day/);
      since = mark();
      await submitAs(t, { step: 'form', flowAction: 'submit', ...answers, from: day(-1), until: day(8) });
      await cardTo(USERS.alex, since, /Check your/);
      since = mark();
      await submitAs(t, { step: 'summary', flowAction: 'confirm' });
      await cardTo(USERS.alex, since, /first day you need access is already in the past/);
      assert.ok(!t.connector.calls.slice(started).some((c) => c.conversationId === `a:personal-${USERS.patti.id}`), 'nothing reached the authoriser');
      const request = await raise(USERS.alex, { ...answers, from: '', until: day(8) });
      assert.equal(request.details.from, undefined);
    });
  },
);
