import assert from 'node:assert/strict';
import { readAudit } from '../../../src/domain/requests/audit.js';
import { REQUESTS } from '../../../src/domain/requests/request.js';
import type { ApprovalRequest } from '../../../src/domain/requests/request.js';
import { RequestService } from '../../../src/domain/requests/request-service.js';
import type { Trust } from '../../../src/domain/trust/trust.js';
import { FakeClock } from '../../support/fake-clock.js';
import { ADELE, ALEX, ISAIAH, MEGAN, rejectionOf, sampleTrust, softwareRequest as software, TempStore, TOM, withSecondItManager } from './fixtures.js';

const sharing = {
  kind: 'password_sharing',
  sharedWithPersonId: TOM,
  system: 'Class email account',
  reason: 'Cover while I am on a course',
  from: '2025-03-03',
  until: '2025-03-05',
};

describe('scheduled work: reminders, escalation, password expiry, retention', () => {
  let temp: TempStore;
  let clock: FakeClock;
  let trust: Trust;
  const start = '2025-03-03T09:00:00.000Z';

  beforeEach(async () => {
    temp = await TempStore.create();
    clock = new FakeClock(start);
    trust = await sampleTrust();
  });
  afterEach(() => temp.dispose());

  /** A fresh service on the store file, as after a restart of the bot. */
  async function restarted(withTrust = trust): Promise<RequestService> {
    return new RequestService({ store: await temp.reopen(), trust: withTrust, clock });
  }

  it('when the approver stays silent, then they are reminded after 24h, and after 48h the fallback gets it, across a restart', async () => {
    let service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, software);

    clock.advanceHours(23.9);
    assert.deepEqual(await service.runDueWork(), []);

    clock.set('2025-03-04T09:00:00.000Z');
    assert.deepEqual(await service.runDueWork(), [{ to: MEGAN, kind: 'reminder', requestId: request.id }]);
    assert.deepEqual(await service.runDueWork(), [], 'a reminder is sent once');

    service = await restarted();
    assert.deepEqual(await service.runDueWork(), [], 'the restart remembers the reminder');
    assert.ok((await rejectionOf(service.decide({ personId: ISAIAH }, { requestId: request.id, decision: 'approve' }))) instanceof Error);

    clock.set('2025-03-05T09:00:00.000Z');
    assert.deepEqual(await service.runDueWork(), [{ to: ISAIAH, kind: 'escalated', requestId: request.id }]);
    assert.deepEqual(await service.runDueWork(), []);

    service = await restarted();
    assert.deepEqual(await service.runDueWork(), [], 'the restart remembers the escalation');
    assert.deepEqual((await service.waitingFor(ISAIAH)).map((r) => r.id), [request.id]);
    assert.deepEqual((await service.waitingFor(MEGAN)).map((r) => r.id), [request.id], 'the first approver may still decide');

    const decided = await service.decide({ personId: ISAIAH }, { requestId: request.id, decision: 'approve' });
    assert.equal(decided.value.decision?.byId, ISAIAH);
    assert.deepEqual(
      decided.notifications.map((n) => [n.to, n.kind]).sort(),
      [
        [ALEX, 'decided'],
        [MEGAN, 'status_changed'],
      ],
    );
    const actions = (await readAudit(temp.store, request.id)).map((e) => e.action);
    assert.deepEqual(actions, ['request.submitted', 'request.reminded', 'request.escalated', 'request.approved']);
  });

  it('when the bot was down past both deadlines, then it escalates once rather than reminding and escalating', async () => {
    const service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, software);
    clock.advanceDays(5);
    const again = await restarted();
    assert.deepEqual(await again.runDueWork(), [{ to: ISAIAH, kind: 'escalated', requestId: request.id }]);
    assert.deepEqual(await again.runDueWork(), []);
  });

  it('when two instances run due work at once, then each reminder is sent by only one of them', async () => {
    const one = new RequestService({ store: temp.store, trust, clock });
    const two = new RequestService({ store: temp.store, trust, clock });
    await one.submitRequest({ personId: ALEX }, software);
    clock.advanceHours(25);
    const [a, b] = await Promise.all([one.runDueWork(), two.runDueWork()]);
    assert.equal(a.length + b.length, 1);
  });

  it('when there is no distinct fallback, then escalation time brings a last reminder to the approvers', async () => {
    const service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, sharing);
    assert.deepEqual(request.fallbackIds, []);
    clock.advanceHours(24);
    assert.equal((await service.runDueWork()).filter((n) => n.kind === 'reminder').length, 2);
    clock.advanceHours(24);
    const last = await service.runDueWork();
    assert.deepEqual(last.map((n) => [n.to, n.kind]).sort(), [
      [ADELE, 'reminder'],
      [ISAIAH, 'reminder'],
    ]);
  });

  it('when the approver delegated, then reminders go to the delegate', async () => {
    const withKai = await sampleTrust(withSecondItManager);
    const service = new RequestService({ store: temp.store, trust: withKai, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, software);
    await service.delegate({ personId: MEGAN }, { toId: 'kai-moore', until: '2025-03-14' });
    clock.advanceHours(24);
    assert.deepEqual(await service.runDueWork(), [
      { to: 'kai-moore', kind: 'reminder', requestId: request.id, onBehalfOf: MEGAN },
    ]);
  });

  it('when a decided request reaches the reminder time, then nothing is sent', async () => {
    const service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, software);
    await service.decide({ personId: MEGAN }, { requestId: request.id, decision: 'approve' });
    clock.advanceDays(3);
    assert.deepEqual(await service.runDueWork(), []);
  });

  it('when an approved password share reaches the end of its last day, then the owner is told once to change the password', async () => {
    let service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, sharing);
    await service.decide({ personId: ADELE }, { requestId: request.id, decision: 'approve' });

    clock.set('2025-03-05T23:59:00.000Z');
    assert.deepEqual(await service.runDueWork(), []);
    service = await restarted();
    clock.set('2025-03-06T00:00:00.000Z');
    assert.deepEqual(await service.runDueWork(), [{ to: ALEX, kind: 'password_expiry', requestId: request.id }]);
    service = await restarted();
    assert.deepEqual(await service.runDueWork(), []);
    const storedRequest = (await temp.store.get<ApprovalRequest>(REQUESTS, request.id))!.value;
    assert.equal(storedRequest.kind === 'password_sharing' && storedRequest.expiryNotifiedAt, '2025-03-06T00:00:00.000Z');
  });

  it('when a rejected password share reaches its end date, then no expiry reminder is sent', async () => {
    const service = new RequestService({ store: temp.store, trust, clock });
    const { value: request } = await service.submitRequest({ personId: ALEX }, sharing);
    await service.decide({ personId: ADELE }, { requestId: request.id, decision: 'reject', comment: 'No' });
    clock.advanceDays(10);
    assert.deepEqual(await service.runDueWork(), []);
  });

  describe('retention', () => {
    it('when a closed request passes freeTextDays, then its reasons and comments go and its skeleton and audit stay', async () => {
      const service = new RequestService({ store: temp.store, trust, clock });
      const { value: rejected } = await service.submitRequest(
        { personId: ALEX },
        { ...software, device: 'Classroom PC 4' },
      );
      await service.decide({ personId: MEGAN }, { requestId: rejected.id, decision: 'reject', comment: 'Use the licensed editor' });
      const { value: pending } = await service.submitRequest({ personId: ALEX }, { ...software, software: 'GIMP' });
      const auditBefore = await readAudit(temp.store, rejected.id);

      clock.advanceDays(364);
      assert.deepEqual(await service.purgeExpiredFreeText(), []);
      clock.advanceDays(1);
      assert.deepEqual(await service.purgeExpiredFreeText(), [rejected.id]);
      assert.deepEqual(await service.purgeExpiredFreeText(), [], 'purged once');

      const after = (await temp.store.get<ApprovalRequest>(REQUESTS, rejected.id))!.value;
      assert.equal(after.kind, 'software');
      assert.equal(after.status, 'rejected');
      assert.equal(after.requesterId, ALEX);
      assert.equal(after.decision?.byId, MEGAN);
      assert.equal(after.decision?.comment, undefined);
      assert.equal(after.kind === 'software' && after.details.software, 'Audacity');
      assert.equal(after.kind === 'software' && after.details.reason, undefined);
      assert.equal(after.kind === 'software' && after.details.device, undefined);
      assert.equal(after.purgedAt, '2026-03-03T09:00:00.000Z');
      await temp.store.flush();
      const onDisk = JSON.stringify((await temp.store.get<ApprovalRequest>(REQUESTS, rejected.id))!.value);
      assert.ok(!onDisk.includes('podcast') && !onDisk.includes('licensed editor'));

      const auditAfter = await readAudit(temp.store, rejected.id);
      assert.deepEqual(auditAfter.slice(0, auditBefore.length), auditBefore, 'audit ids kept');
      assert.equal(auditAfter.at(-1)?.action, 'request.free_text_purged');

      const stillPending = (await temp.store.get<ApprovalRequest>(REQUESTS, pending.id))!.value;
      assert.equal(stillPending.kind === 'software' && stillPending.details.reason, software.reason, 'open requests keep their text');
    });

    it('when an approved password share is still running, then retention counts from the end of sharing', async () => {
      const shortRetention = await sampleTrust((json) => {
        json.retention = { freeTextDays: 1 };
      });
      const service = new RequestService({ store: temp.store, trust: shortRetention, clock });
      const { value: request } = await service.submitRequest({ personId: ALEX }, sharing);
      await service.decide({ personId: ADELE }, { requestId: request.id, decision: 'approve' });
      clock.set('2025-03-06T12:00:00.000Z');
      assert.deepEqual(await service.purgeExpiredFreeText(), [], 'ended at 2025-03-06T00:00Z, one day not yet passed');
      clock.set('2025-03-07T00:00:00.000Z');
      assert.deepEqual(await service.purgeExpiredFreeText(), [request.id]);
    });
  });
});
