import assert from 'node:assert/strict';
import { describeKindJourney, sampleUser } from '../../../test/support/kind-journey.js';
import { cardExecute, USERS } from '../../../test/support/teams-activities.js';
import { dataOffSite } from './kind.js';

const JORDAN = sampleUser('jordan-ellis', '00000000-0000-0000-0000-0000000000033', 'Jordan Ellis');
const answers = {
  data: 'Year 6 reading scores',
  whose: 'Pupils in 6B',
  reason: 'Writing reports at home over half term',
  protection: 'On my encrypted school laptop only',
  returnBy: '2025-03-10',
  risks: 'Laptop lost in transit: it is encrypted and kept with me',
  encrypted: 'true',
};

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
      const request = await raise(USERS.alex, { ...answers, returnBy: day(1) });
      await t.post(cardExecute(USERS.isaiah, 'request-decide', { requestId: request.id, decision: 'approve' }, t.serviceUrl));
      assert.equal((await t.bot.services.requests.getRequest(request.id)).status, 'approved');
      const since = mark();
      clock.advanceDays(2);
      await t.bot.runScheduledWork();
      const card = await cardTo(USERS.alex, since, /was due back on/);
      assert.match(JSON.stringify(card), /securely delete/);
      assert.ok((await t.bot.services.requests.getRequest(request.id)).expiryNotifiedAt);
    });
  },
);
