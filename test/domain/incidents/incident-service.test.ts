import assert from 'node:assert/strict';
import { INCIDENTS, incidentChecklist } from '../../../src/domain/incidents/incident.js';
import type { Incident, ReportIncidentInput } from '../../../src/domain/incidents/incident.js';
import { IncidentService } from '../../../src/domain/incidents/incident-service.js';
import { readAudit } from '../../../src/domain/requests/audit.js';
import {
  AlreadyAcknowledgedError,
  IncidentClosedError,
  NotAllowedError,
  NotFoundError,
  ValidationError,
} from '../../../src/domain/requests/errors.js';
import { RequestService } from '../../../src/domain/requests/request-service.js';
import { FakeClock } from '../../support/fake-clock.js';
import {
  ALEX,
  ISAIAH,
  JORDAN,
  LYNNE,
  MEGAN,
  PATTI,
  PRIYA,
  rejectionOf,
  sampleTrust,
  TempStore,
  TOM,
  withSecondItManager,
} from '../requests/fixtures.js';

describe('incident service', () => {
  let temp: TempStore;
  let clock: FakeClock;
  let service: IncidentService;

  beforeEach(async () => {
    temp = await TempStore.create();
    clock = new FakeClock('2025-03-03T09:00:00.000Z');
    service = new IncidentService({ store: temp.store, trust: await sampleTrust(), clock });
  });
  afterEach(() => temp.dispose());

  const recipients = (notifications: { to: string; kind: string; dataBreach?: boolean }[]) =>
    notifications.map((n) => `${n.to}:${n.kind}${n.dataBreach ? ':data' : ''}`).sort();

  describe('who is told', () => {
    it('when a laptop is lost with no personal data, then only the IT manager is alerted and there is no 72-hour clock', async () => {
      const { value, notifications, checklist } = await service.reportIncident(
        { personId: ALEX, conversationId: 'conv-alex' },
        { item: 'laptop', circumstance: 'lost', dataInvolved: 'no' },
      );
      assert.deepEqual(recipients(notifications), [`${MEGAN}:incident_alert`]);
      assert.equal(value.mayInvolveData, false);
      assert.equal(value.breachReportDeadline, undefined);
      assert.equal(value.status, 'open');
      assert.equal(value.policyReference, '9.1');
      assert.deepEqual(checklist.map((c) => c.id), ['change_password', 'do_not_recover']);
    });

    it('when a stolen phone may hold personal data, then the DPC and headteacher are told too with the 72-hour deadline', async () => {
      const { value, notifications, checklist } = await service.reportIncident(
        { personId: ALEX },
        { item: 'phone', circumstance: 'stolen', dataInvolved: 'yes', location: 'Bus stop outside school' },
      );
      assert.deepEqual(recipients(notifications), [
        `${ISAIAH}:incident_alert:data`,
        `${MEGAN}:incident_alert`,
        `${PATTI}:incident_alert:data`,
      ]);
      assert.equal(value.breachReportDeadline, '2025-03-06T09:00:00.000Z');
      assert.deepEqual(value.recipientIds, [MEGAN]);
      assert.deepEqual([...value.dataRecipientIds].sort(), [ISAIAH, PATTI].sort());
      assert.deepEqual(
        checklist.map((c) => [c.id, c.done]),
        [
          ['change_password', false],
          ['report_to_police', false],
          ['note_data', false],
          ['do_not_recover', false],
        ],
      );
    });

    it('when the reporter is not sure about data, then the data breach people are told as if it were yes', async () => {
      const { value, notifications } = await service.reportIncident({ personId: ALEX }, { item: 'usb_stick', circumstance: 'lost' });
      assert.equal(value.dataInvolved, 'unsure');
      assert.equal(value.mayInvolveData, true);
      assert.equal(notifications.filter((n) => 'dataBreach' in n && n.dataBreach).length, 2);
    });

    it('when an ID badge is lost, then the IT manager and that school operations manager are told', async () => {
      const a = await service.reportIncident({ personId: ALEX }, { item: 'id_badge', circumstance: 'lost', dataInvolved: 'no' });
      assert.deepEqual(recipients(a.notifications), [`${LYNNE}:incident_alert`, `${MEGAN}:incident_alert`]);
      assert.deepEqual(a.checklist.map((c) => c.id), ['change_password', 'replacement_badge']);
      assert.equal(a.value.policyReference, '9.4');
      const b = await service.reportIncident({ personId: TOM }, { item: 'id_badge', circumstance: 'lost', dataInvolved: 'no' });
      assert.deepEqual(recipients(b.notifications), [`${MEGAN}:incident_alert`, `${PRIYA}:incident_alert`]);
    });

    it('when the IT manager loses their own laptop, then someone else is told (the CEO for trust-wide staff)', async () => {
      const { value, notifications } = await service.reportIncident(
        { personId: MEGAN },
        { item: 'laptop', circumstance: 'lost', dataInvolved: 'no' },
      );
      assert.deepEqual(recipients(notifications), [`${JORDAN}:incident_alert`]);
      assert.ok(!value.recipientIds.includes(MEGAN));
    });

    it('when the IT manager is away and delegated, then the delegate gets the alert on their behalf', async () => {
      const trust = await sampleTrust(withSecondItManager);
      await new RequestService({ store: temp.store, trust, clock }).delegate(
        { personId: MEGAN },
        { toId: 'kai-moore', until: '2025-03-10' },
      );
      const withKai = new IncidentService({ store: temp.store, trust, clock });
      const { value, notifications } = await withKai.reportIncident({ personId: ALEX }, { item: 'laptop', circumstance: 'lost', dataInvolved: 'no' });
      assert.deepEqual(notifications, [{ to: 'kai-moore', kind: 'incident_alert', incidentId: value.id, onBehalfOf: MEGAN }]);
      await withKai.acknowledge({ personId: 'kai-moore' }, value.id);
    });

    it('when the report has bad input, then friendly messages come back and nothing is stored', async () => {
      const error = await rejectionOf(
        service.reportIncident({ personId: ALEX }, { item: 'car', circumstance: 'stolen', crimeReference: '=HYPERLINK("x")' } as unknown as ReportIncidentInput),
      );
      assert.ok(error instanceof ValidationError);
      assert.ok(error.problems.includes('Please choose what was lost or stolen.'));
      assert.ok(error.problems.some((p) => /crime reference has only letters/.test(p)));
      const future = await rejectionOf(
        service.reportIncident({ personId: ALEX }, { item: 'phone', circumstance: 'lost', noticedOn: '2025-03-04' }),
      );
      assert.match((future as Error).message, /future/);
      assert.deepEqual(await temp.store.list(INCIDENTS), []);
    });
  });

  describe('acknowledging, crime reference, closing', () => {
    async function stolenPhone() {
      return (await service.reportIncident({ personId: ALEX }, { item: 'phone', circumstance: 'stolen', dataInvolved: 'yes' })).value;
    }

    it('when the IT manager acknowledges, then the reporter is told and the others card updates; a second acknowledgement is refused', async () => {
      const incident = await stolenPhone();
      clock.advanceHours(1);
      const { value, notifications } = await service.acknowledge({ personId: MEGAN, conversationId: 'conv-megan' }, incident.id);
      assert.equal(value.status, 'acknowledged');
      assert.deepEqual(value.acknowledgement, { byId: MEGAN, at: '2025-03-03T10:00:00.000Z' });
      assert.deepEqual(recipients(notifications), [
        `${ALEX}:incident_acknowledged`,
        `${ISAIAH}:status_changed`,
        `${PATTI}:status_changed`,
      ]);
      const before = await temp.store.get(INCIDENTS, incident.id);
      const again = await rejectionOf(service.acknowledge({ personId: PATTI }, incident.id));
      assert.ok(again instanceof AlreadyAcknowledgedError);
      assert.equal((again.current as Incident).acknowledgement?.byId, MEGAN);
      assert.deepEqual(await temp.store.get(INCIDENTS, incident.id), before);
    });

    it('when someone not alerted acknowledges, or the id is forged, then it is refused', async () => {
      const incident = await stolenPhone();
      for (const personId of [ALEX, TOM, LYNNE]) {
        assert.ok((await rejectionOf(service.acknowledge({ personId }, incident.id))) instanceof NotAllowedError, personId);
      }
      assert.ok((await rejectionOf(service.acknowledge({ personId: MEGAN }, 'nope'))) instanceof NotFoundError);
      assert.ok(
        (await rejectionOf(service.acknowledge({ personId: MEGAN }, '7d3c1b1e-0000-4000-8000-000000000000'))) instanceof NotFoundError,
      );
      assert.equal((await service.getIncident(incident.id)).status, 'open');
    });

    it('when the reporter adds the crime reference later, then it is stored, the checklist ticks it and the IT manager hears', async () => {
      const incident = await stolenPhone();
      clock.advanceDays(1);
      const { value, notifications } = await service.addCrimeReference(
        { personId: ALEX },
        { incidentId: incident.id, crimeReference: ' CR/12345/25 ' },
      );
      assert.equal(value.crimeReference, 'CR/12345/25');
      assert.equal(value.crimeReferenceAddedAt, '2025-03-04T09:00:00.000Z');
      assert.ok(notifications.some((n) => n.to === MEGAN && n.kind === 'crime_reference_added'));
      assert.equal(incidentChecklist(value).find((c) => c.id === 'report_to_police')?.done, true);
      assert.ok((await rejectionOf(service.addCrimeReference({ personId: TOM }, { incidentId: incident.id, crimeReference: 'X1' }))) instanceof NotAllowedError);
    });

    it('when someone handling the report (not its reporter) sends a crime reference, even a malformed one, then it is refused as not theirs to add', async () => {
      const incident = await stolenPhone();
      for (const crimeReference of ['CR/1/25', '<b>bad</b>']) {
        const error = await rejectionOf(service.addCrimeReference({ personId: MEGAN }, { incidentId: incident.id, crimeReference }));
        assert.ok(error instanceof NotAllowedError, String(error));
      }
      assert.equal((await service.getIncident(incident.id)).crimeReference, undefined);
    });

    it("when the reporter asks for their own report, then they get it; anyone else's is refused", async () => {
      const incident = await stolenPhone();
      assert.equal((await service.ownIncident(ALEX, incident.id)).id, incident.id);
      assert.ok((await rejectionOf(service.ownIncident(MEGAN, incident.id))) instanceof NotAllowedError);
    });

    it('when a report is closed, then the reporter is told and nothing more can change', async () => {
      const incident = await stolenPhone();
      await service.acknowledge({ personId: MEGAN }, incident.id);
      const { value, notifications } = await service.closeIncident({ personId: PATTI }, incident.id);
      assert.equal(value.status, 'closed');
      assert.ok(notifications.some((n) => n.to === ALEX && n.kind === 'incident_closed'));
      assert.ok((await rejectionOf(service.addCrimeReference({ personId: ALEX }, { incidentId: incident.id, crimeReference: 'CR1' }))) instanceof IncidentClosedError);
      assert.ok((await rejectionOf(service.acknowledge({ personId: MEGAN }, incident.id))) instanceof IncidentClosedError);
      assert.deepEqual(
        (await readAudit(temp.store, incident.id)).map((e) => [e.actorId, e.action]),
        [
          [ALEX, 'incident.reported'],
          [MEGAN, 'incident.acknowledged'],
          [PATTI, 'incident.closed'],
        ],
      );
    });

    it('when two people acknowledge at once, then exactly one acknowledgement stands', async () => {
      const incident = await stolenPhone();
      const results = await Promise.allSettled([
        service.acknowledge({ personId: MEGAN }, incident.id),
        service.acknowledge({ personId: PATTI }, incident.id),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.ok(lost?.reason instanceof AlreadyAcknowledgedError);
    });

    it('when people list incidents, then reporters see theirs and responders see the unacknowledged ones', async () => {
      const incident = await stolenPhone();
      assert.deepEqual((await service.myIncidents(ALEX)).map((i) => i.id), [incident.id]);
      assert.deepEqual((await service.waitingFor(PATTI)).map((i) => i.id), [incident.id]);
      assert.deepEqual(await service.waitingFor(LYNNE), []);
      assert.deepEqual((await service.respondersNow(incident)).sort(), [ISAIAH, MEGAN, PATTI].sort());
      await service.acknowledge({ personId: MEGAN }, incident.id);
      assert.deepEqual(await service.waitingFor(PATTI), []);
    });
  });

  describe('scheduled work', () => {
    it('when nobody acknowledges for a day, then everyone alerted is reminded once, across a restart', async () => {
      const { value } = await service.reportIncident({ personId: ALEX }, { item: 'laptop', circumstance: 'lost', dataInvolved: 'no' });
      clock.advanceHours(23);
      assert.deepEqual(await service.runDueWork(), []);
      clock.advanceHours(1);
      const again = new IncidentService({ store: await temp.reopen(), trust: await sampleTrust(), clock });
      assert.deepEqual(await again.runDueWork(), [{ to: MEGAN, kind: 'incident_reminder', incidentId: value.id }]);
      assert.deepEqual(await again.runDueWork(), []);
    });

    it('when a closed incident passes freeTextDays, then its description and location go and the crime reference stays', async () => {
      const { value } = await service.reportIncident(
        { personId: ALEX },
        { item: 'laptop', circumstance: 'stolen', dataInvolved: 'yes', description: 'Dell with pupil reports', location: 'Car park', crimeReference: 'CR99' },
      );
      await service.closeIncident({ personId: MEGAN }, value.id);
      clock.advanceDays(364);
      assert.deepEqual(await service.purgeExpiredFreeText(), []);
      clock.advanceDays(1);
      assert.deepEqual(await service.purgeExpiredFreeText(), [value.id]);
      const after = (await temp.store.get<Incident>(INCIDENTS, value.id))!.value;
      assert.equal(after.description, undefined);
      assert.equal(after.location, undefined);
      assert.equal(after.crimeReference, 'CR99');
      assert.equal(after.item, 'laptop');
      assert.ok(after.purgedAt);
      assert.equal((await readAudit(temp.store, value.id)).at(-1)?.action, 'incident.free_text_purged');
    });
  });
});
