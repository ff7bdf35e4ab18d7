import assert from 'node:assert/strict';
import { describeKindJourney, sampleUser } from '../../../test/support/kind-journey.js';
import { USERS } from '../../../test/support/teams-activities.js';
import { systemAccess } from './kind.js';

/** A finance lead, holding a role the sample trust does not have: added for this test, as a trust would. */
const KAI = sampleUser('kai-moore', '00000000-0000-0000-0000-0000000000041', 'Kai Moore');
const answers = { system: 'Arbor', access: 'Read-only attendance for 4B', reason: 'Covering as form tutor this term', until: '2025-07-18' };

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
    registerRow: /Alex Wilber,Oakfield Primary School,Arbor,Read-only attendance for 4B,Covering as form tutor this term,2025-07-18,approved,Patti Fernandez/,
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
      const finance = await raise(USERS.alex, { ...answers, system: 'PS Financials', access: 'Budget reports', until });
      assert.deepEqual(finance.approverIds, ['kai-moore']);
      const other = await raise(USERS.alex, { ...answers, system: 'The library catalogue', access: 'Librarian', until });
      assert.deepEqual(other.approverIds, ['isaiah-langer']);
      assert.equal(t.bot.services.trust.roleLabel('finance_lead'), 'Finance lead');
    });
  },
);
