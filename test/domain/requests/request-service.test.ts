import assert from 'node:assert/strict';
import type { AuditEntry } from '../../../src/domain/requests/audit.js';
import { readAudit } from '../../../src/domain/requests/audit.js';
import {
  AlreadyDecidedError,
  NotAllowedError,
  NotFoundError,
  RequestCancelledError,
  RequestKindDisabledError,
  ValidationError,
} from '../../../src/domain/requests/errors.js';
import { REQUESTS } from '../../../src/domain/requests/request.js';
import type { ApprovalRequest } from '../../../src/domain/requests/request.js';
import { RequestService } from '../../../src/domain/requests/request-service.js';
import { FakeClock } from '../../support/fake-clock.js';
import {
  ADELE,
  ALEX,
  ConflictCountingStore,
  ISAIAH,
  LYNNE,
  MEGAN,
  rejectionOf,
  sampleTrust,
  softwareRequest as software,
  TempStore,
  TOM,
} from './fixtures.js';

const sharing = {
  kind: 'password_sharing',
  sharedWithPersonId: TOM,
  system: 'Class email account',
  reason: 'Cover while I am on a course',
  from: '2025-03-03',
  until: '2025-03-07',
};
const device = {
  kind: 'personal_device',
  device: 'My own iPhone 13',
  accesses: 'School email and calendar',
  screenLock: true,
  encryption: 'true',
  updates: true,
};

describe('request service', () => {
  let temp: TempStore;
  let clock: FakeClock;
  let service: RequestService;

  beforeEach(async () => {
    temp = await TempStore.create();
    clock = new FakeClock('2025-03-03T09:00:00.000Z');
    service = new RequestService({ store: temp.store, trust: await sampleTrust(), clock });
  });
  afterEach(() => temp.dispose());

  async function stored(id: string) {
    return temp.store.get<ApprovalRequest>(REQUESTS, id);
  }

  /** Asserts a refusal left the request and the audit trail exactly as they were. */
  async function assertRefusedUnchanged(id: string, attempt: () => Promise<unknown>, type: Function) {
    const before = await stored(id);
    const auditBefore = (await readAudit(temp.store)).length;
    const error = await rejectionOf(attempt());
    assert.ok(error instanceof type, `expected ${type.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
    assert.deepEqual(await stored(id), before, 'stored request unchanged');
    assert.equal((await readAudit(temp.store)).length, auditBefore, 'nothing audited');
    return error;
  }

  describe('submitting', () => {
    it('when staff ask for software, then a pending request is stored and the IT manager is asked', async () => {
      const { value, notifications } = await service.submitRequest({ personId: ALEX, conversationId: 'conv-1' }, software);
      assert.equal(value.status, 'pending');
      assert.equal(value.kind, 'software');
      assert.equal(value.school, 'school-a');
      assert.equal(value.policyReference, '4.2');
      assert.match(value.id, /^[0-9a-f-]{36}$/);
      assert.deepEqual(notifications, [{ to: MEGAN, kind: 'approval_needed', requestId: value.id }]);
      assert.deepEqual((await stored(value.id))?.value, value);
    });

    it('when password sharing names a person in the trust, then their name is recorded and nothing else is kept', async () => {
      const { value } = await service.submitRequest({ personId: ALEX }, { ...sharing, password: 'Hunter2!' });
      assert.equal(value.kind, 'password_sharing');
      assert.equal(value.kind === 'password_sharing' && value.details.sharedWithName, 'Tom Reed');
      const onDisk = await temp.onDiskText();
      assert.ok(onDisk.includes('Class email account'));
      assert.ok(!onDisk.includes('Hunter2!'), 'a password sent by mistake is never stored');
    });

    it('when a personal device is declared with all three confirmations (toggle strings too), then it is accepted', async () => {
      const { value } = await service.submitRequest({ personId: ALEX }, device);
      assert.equal(value.kind, 'personal_device');
      assert.deepEqual(
        value.kind === 'personal_device' && [value.details.screenLock, value.details.encryption, value.details.updates],
        [true, true, true],
      );
    });

    it('when a confirmation is missing or false, then the declaration is refused with a message naming it', async () => {
      const error = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...device, encryption: 'false', updates: undefined }));
      assert.ok(error instanceof ValidationError);
      assert.ok(error.problems.some((p) => /encrypted/.test(p)));
      assert.ok(error.problems.some((p) => /security updates/.test(p)));
      assert.deepEqual(await temp.store.list(REQUESTS), []);
    });

    it('when input is missing, too long or of an unknown kind, then friendly validation messages come back', async () => {
      const tooLong = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...software, reason: 'x'.repeat(1001) }));
      assert.ok(tooLong instanceof ValidationError);
      assert.deepEqual(tooLong.problems, ['Why you need it is too long: please keep it to 1000 characters.']);
      const blank = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...software, software: '   ' }));
      assert.deepEqual((blank as ValidationError).problems, ['Please fill in the name of the software.']);
      const unknown = await rejectionOf(service.submitRequest({ personId: ALEX }, { kind: 'coffee' }));
      assert.deepEqual((unknown as ValidationError).problems, ['Please choose what kind of request this is.']);
      const badLink = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...software, url: 'javascript:alert(1)' }));
      assert.match((badLink as ValidationError).message, /https:\/\//);
    });

    it('when the sharing dates are backwards, in the past, or for oneself, then they are refused', async () => {
      const backwards = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...sharing, from: '2025-03-07', until: '2025-03-03' }));
      assert.match((backwards as Error).message, /on or after the first day/);
      const past = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...sharing, from: '2025-02-01', until: '2025-02-02' }));
      assert.match((past as Error).message, /already in the past/);
      const self = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...sharing, sharedWithPersonId: ALEX }));
      assert.match((self as Error).message, /not yourself/);
      const nobody = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...sharing, sharedWithPersonId: undefined }));
      assert.match((nobody as Error).message, /who will use the account/);
    });

    it('when someone not in the trust or for another school submits, then it is refused', async () => {
      assert.ok((await rejectionOf(service.submitRequest({ personId: 'stranger' }, software))) instanceof NotAllowedError);
      const otherSchool = await rejectionOf(service.submitRequest({ personId: ALEX }, { ...software, school: 'school-b' }));
      assert.ok(otherSchool instanceof ValidationError);
    });

    it('when the trust forbids password sharing, then submitting one is refused with the policy reference', async () => {
      const forbidding = new RequestService({
        store: temp.store,
        clock,
        trust: await sampleTrust((json) => {
          json.routing.password_sharing = { enabled: false, approverRole: 'slt', sameSchool: true, policyReference: '3.4' };
        }),
      });
      const error = await rejectionOf(forbidding.submitRequest({ personId: ALEX }, sharing));
      assert.ok(error instanceof RequestKindDisabledError);
      assert.equal(error.policyReference, '3.4');
      assert.deepEqual(await temp.store.list(REQUESTS), []);
    });
  });

  describe('deciding', () => {
    it('when the approver approves, then the requester is told and others holding a card see the new status', async () => {
      const request = await service.submitRequest({ personId: ALEX }, sharing);
      clock.advanceHours(1);
      const { value, notifications } = await service.decide(
        { personId: ADELE, conversationId: 'conv-adele' },
        { requestId: request.value.id, decision: 'approve', comment: 'Fine for this week' },
      );
      assert.equal(value.status, 'approved');
      assert.deepEqual(value.decision, { outcome: 'approved', byId: ADELE, at: '2025-03-03T10:00:00.000Z', comment: 'Fine for this week' });
      assert.deepEqual(
        [...notifications].sort((a, b) => a.kind.localeCompare(b.kind)),
        [
          { to: ALEX, kind: 'decided', requestId: value.id },
          { to: MEGAN, kind: 'it_informed', requestId: value.id },
          { to: ISAIAH, kind: 'status_changed', requestId: value.id },
        ],
      );
      assert.equal(value.kind === 'password_sharing' && value.itInformedAt, '2025-03-03T10:00:00.000Z');
    });

    it('when the approver rejects without a reason, then it is refused; with one, it is recorded', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      const error = await assertRefusedUnchanged(
        request.value.id,
        () => service.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'reject', comment: '  ' }),
        ValidationError,
      );
      assert.match((error as Error).message, /reason for rejecting/);
      const { value } = await service.decide(
        { personId: MEGAN },
        { requestId: request.value.id, decision: 'reject', comment: 'Use the approved alternative' },
      );
      assert.equal(value.status, 'rejected');
      assert.equal(value.decision?.comment, 'Use the approved alternative');
    });

    it('when someone who is not an approver decides, then it is refused with the current state and nothing changes', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      for (const personId of [LYNNE, TOM, ADELE]) {
        const error = await assertRefusedUnchanged(
          request.value.id,
          () => service.decide({ personId }, { requestId: request.value.id, decision: 'approve' }),
          NotAllowedError,
        );
        assert.equal((error as NotAllowedError<ApprovalRequest>).current?.status, 'pending');
      }
    });

    it('when the fallback approver decides before escalation, then it is refused', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      await assertRefusedUnchanged(
        request.value.id,
        () => service.decide({ personId: ISAIAH }, { requestId: request.value.id, decision: 'approve' }),
        NotAllowedError,
      );
    });

    it('when the requester tries to approve their own request, then it is refused even if they hold the approver role', async () => {
      const request = await service.submitRequest({ personId: ADELE }, { ...sharing, sharedWithPersonId: ALEX });
      assert.deepEqual(request.value.approverIds, [ISAIAH]);
      const error = await assertRefusedUnchanged(
        request.value.id,
        () => service.decide({ personId: ADELE }, { requestId: request.value.id, decision: 'approve' }),
        NotAllowedError,
      );
      assert.match((error as Error).message, /your own request/);
    });

    it('when the request id is forged or unknown, then NotFoundError is thrown', async () => {
      for (const requestId of ['../../etc/passwd', '7d3c1b1e-0000-4000-8000-000000000000', 42, undefined]) {
        const error = await rejectionOf(service.decide({ personId: MEGAN }, { requestId, decision: 'approve' }));
        assert.ok(error instanceof NotFoundError, `for ${String(requestId)}`);
      }
    });

    it('when a second decision arrives (same or other approver, stale card), then the first one stands', async () => {
      const request = await service.submitRequest({ personId: ALEX }, sharing);
      await service.decide({ personId: ADELE }, { requestId: request.value.id, decision: 'approve' });
      for (const personId of [ADELE, ISAIAH]) {
        const error = await assertRefusedUnchanged(
          request.value.id,
          () => service.decide({ personId }, { requestId: request.value.id, decision: 'reject', comment: 'No' }),
          AlreadyDecidedError,
        );
        const current = (error as AlreadyDecidedError<ApprovalRequest>).current;
        assert.equal(current.status, 'approved');
        assert.equal(current.decision?.byId, ADELE);
      }
    });

    it('when the request was cancelled, then a decision is refused with RequestCancelledError', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      await service.cancel({ personId: ALEX }, request.value.id);
      const error = await assertRefusedUnchanged(
        request.value.id,
        () => service.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'approve' }),
        RequestCancelledError,
      );
      assert.equal((error as RequestCancelledError<ApprovalRequest>).current.status, 'cancelled');
    });

    it('when two approvers decide at the same moment, then exactly one decision wins and the other sees it', async () => {
      const counting = new ConflictCountingStore(temp.store);
      const racing = new RequestService({ store: counting, trust: await sampleTrust(), clock });
      const otherInstance = new RequestService({ store: counting, trust: await sampleTrust(), clock });
      const request = await racing.submitRequest({ personId: ALEX }, sharing);
      const results = await Promise.allSettled([
        racing.decide({ personId: ADELE }, { requestId: request.value.id, decision: 'approve' }),
        otherInstance.decide({ personId: ISAIAH }, { requestId: request.value.id, decision: 'reject', comment: 'Not now' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(lost[0].reason instanceof AlreadyDecidedError, String(lost[0].reason));
      assert.ok(counting.conflicts >= 1, 'the two writes really collided');
      const winner = (won[0] as PromiseFulfilledResult<{ value: ApprovalRequest }>).value.value;
      const final = (await stored(request.value.id))!.value;
      assert.deepEqual(final.decision, winner.decision);
      assert.deepEqual((lost[0].reason as AlreadyDecidedError<ApprovalRequest>).current.decision, winner.decision);
      const decisions = (await readAudit(temp.store, request.value.id)).filter((e) => /approved|rejected/.test(e.action));
      assert.equal(decisions.length, 1, 'one decision audited');
    });

    it('when the requester cancels while an approver decides, then only one of them takes effect', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      const results = await Promise.allSettled([
        service.cancel({ personId: ALEX }, request.value.id),
        service.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'approve' }),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const final = (await stored(request.value.id))!.value;
      assert.ok(final.status === 'cancelled' || final.status === 'approved');
      assert.equal((await readAudit(temp.store, request.value.id)).length, 2);
    });
  });

  describe('cancelling and listing', () => {
    it('when the requester cancels, then approvers holding a card are told; nobody else may cancel', async () => {
      const request = await service.submitRequest({ personId: ALEX }, sharing);
      await assertRefusedUnchanged(request.value.id, () => service.cancel({ personId: ADELE }, request.value.id), NotAllowedError);
      const { value, notifications } = await service.cancel({ personId: ALEX }, request.value.id);
      assert.equal(value.status, 'cancelled');
      assert.equal(value.cancelledAt, '2025-03-03T09:00:00.000Z');
      assert.deepEqual(notifications.map((n) => [n.to, n.kind]).sort(), [
        [ADELE, 'status_changed'],
        [ISAIAH, 'status_changed'],
      ]);
      await assertRefusedUnchanged(request.value.id, () => service.cancel({ personId: ALEX }, request.value.id), RequestCancelledError);
    });

    it('when a decided request is cancelled, then it is refused with the decision', async () => {
      const request = await service.submitRequest({ personId: ALEX }, software);
      await service.decide({ personId: MEGAN }, { requestId: request.value.id, decision: 'approve' });
      await assertRefusedUnchanged(request.value.id, () => service.cancel({ personId: ALEX }, request.value.id), AlreadyDecidedError);
    });

    it('when people look at their lists, then they see their own requests and what waits for them', async () => {
      const first = await service.submitRequest({ personId: ALEX }, software);
      clock.advanceHours(1);
      const second = await service.submitRequest({ personId: ALEX }, sharing);
      clock.advanceHours(1);
      const toms = await service.submitRequest({ personId: TOM }, device);
      assert.deepEqual((await service.myRequests(ALEX)).map((r) => r.id), [second.value.id, first.value.id]);
      assert.deepEqual((await service.waitingFor(MEGAN)).map((r) => r.id), [first.value.id, toms.value.id]);
      assert.deepEqual((await service.waitingFor(ADELE)).map((r) => r.id), [second.value.id]);
      assert.deepEqual(await service.waitingFor(ALEX), []);
      assert.deepEqual((await service.approversNow(second.value)).sort(), [ADELE, ISAIAH].sort());
      await service.decide({ personId: MEGAN }, { requestId: first.value.id, decision: 'approve' });
      assert.deepEqual((await service.waitingFor(MEGAN)).map((r) => r.id), [toms.value.id]);
      assert.deepEqual(await service.approversNow(await service.getRequest(first.value.id)), []);
    });
  });

  describe('audit', () => {
    it('when a request is submitted and decided, then each change is appended with who, what, when and where, and no free text', async () => {
      const request = await service.submitRequest({ personId: ALEX, conversationId: 'conv-alex' }, sharing);
      clock.advanceHours(2);
      await service.decide(
        { personId: ISAIAH, conversationId: 'conv-isaiah' },
        { requestId: request.value.id, decision: 'reject', comment: 'Ask the office for a cover login' },
      );
      const entries = await readAudit(temp.store, request.value.id);
      const shape = (e: AuditEntry) => [e.actorId, e.action, e.at, e.conversationId, e.from, e.to, e.subject];
      assert.deepEqual(entries.map(shape), [
        [ALEX, 'request.submitted', '2025-03-03T09:00:00.000Z', 'conv-alex', undefined, 'pending', 'request'],
        [ISAIAH, 'request.rejected', '2025-03-03T11:00:00.000Z', 'conv-isaiah', 'pending', 'rejected', 'request'],
      ]);
      const log = JSON.stringify(await readAudit(temp.store));
      assert.ok(!log.includes('cover login'), 'no comments in the audit trail');
      assert.ok(!log.includes('course'), 'no reasons in the audit trail');
      assert.ok(entries.every((e) => /^[0-9a-f-]{36}$/.test(e.id)));
    });
  });
});
