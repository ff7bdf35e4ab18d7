import assert from 'node:assert/strict';
import { NoApproverError, RequestKindDisabledError } from '../../../src/domain/requests/errors.js';
import { decidersFor, notifyTargetsFor, routeRequest } from '../../../src/domain/requests/routing.js';
import { RequestService } from '../../../src/domain/requests/request-service.js';
import type { Trust } from '../../../src/domain/trust/trust.js';
import { FakeClock } from '../../support/fake-clock.js';
import {
  ADELE,
  ALEX,
  GRACE,
  ISAIAH,
  JORDAN,
  LYNNE,
  MEGAN,
  PATTI,
  PRIYA,
  rejectionOf,
  sampleTrust,
  softwareRequest as software,
  TempStore,
  TOM,
  withSecondItManager,
} from './fixtures.js';

const sharing = {
  kind: 'password_sharing',
  sharedWithName: 'A supply teacher',
  system: 'Class email account',
  reason: 'Cover while I am on a course',
  from: '2025-03-03',
  until: '2025-03-07',
};

function person(trust: Trust, id: string) {
  const found = trust.findById(id);
  assert.ok(found, `sample trust has ${id}`);
  return found;
}

describe('request routing', () => {
  let trust: Trust;
  before(async () => {
    trust = await sampleTrust();
  });

  it('when a member of staff asks for software, then the IT manager approves with the headteacher as fallback', () => {
    const route = routeRequest(trust, 'software', person(trust, ALEX), 'school-a');
    assert.deepEqual(route.approverIds, [MEGAN]);
    assert.deepEqual(route.fallbackIds, [ISAIAH]);
    assert.equal(route.routedToFallback, false);
    assert.equal(route.policyReference, '4.2');
  });

  it('when a member of staff declares a personal device, then the IT manager approves', () => {
    const route = routeRequest(trust, 'personal_device', person(trust, ALEX), 'school-a');
    assert.deepEqual(route.approverIds, [MEGAN]);
    assert.deepEqual(route.fallbackIds, [ISAIAH]);
  });

  it('when password sharing is asked for, then only SLT members of the requester school approve', () => {
    const a = routeRequest(trust, 'password_sharing', person(trust, ALEX), 'school-a');
    assert.deepEqual([...a.approverIds].sort(), [ADELE, ISAIAH].sort());
    assert.deepEqual(a.fallbackIds, [], 'the headteacher is already an approver');
    const b = routeRequest(trust, 'password_sharing', person(trust, TOM), 'school-b');
    assert.deepEqual([...b.approverIds].sort(), [GRACE, PRIYA].sort());
  });

  it('when an SLT member asks for password sharing, then the other SLT members approve, never themself', () => {
    const route = routeRequest(trust, 'password_sharing', person(trust, ADELE), 'school-a');
    assert.deepEqual(route.approverIds, [ISAIAH]);
  });

  it('when the requester is the only approver, then the request goes to the fallback role', async () => {
    const schoolItManager = await sampleTrust((json) => {
      json.people.find((p) => p.id === MEGAN)!.roles = [{ role: 'it_manager', school: 'school-a' }];
    });
    const route = routeRequest(schoolItManager, 'software', person(schoolItManager, MEGAN), 'school-a');
    assert.deepEqual(route.approverIds, [ISAIAH]);
    assert.equal(route.routedToFallback, true);
    assert.deepEqual(route.fallbackIds, []);
  });

  it('when trust-wide staff are their own approver and belong to no school, then the CEO approves', () => {
    const route = routeRequest(trust, 'software', person(trust, MEGAN), undefined);
    assert.deepEqual(route.approverIds, [JORDAN]);
    assert.equal(route.routedToFallback, true);
  });

  it('when nobody but the requester holds either role, then NoApproverError is thrown', async () => {
    const lonely = await sampleTrust((json) => {
      json.people = json.people.filter((p) => p.id !== ISAIAH && p.id !== ADELE);
      json.people.find((p) => p.id === ALEX)!.roles = [{ role: 'slt', school: 'school-a' }];
    });
    assert.throws(() => routeRequest(lonely, 'password_sharing', person(lonely, ALEX), 'school-a'), NoApproverError);
  });

  it('when a school forbids password sharing, then requests from that school are refused with the clause, others still route', async () => {
    const forbidding = await sampleTrust((json) => {
      json.schools.find((s) => s.id === 'school-b')!.routing = {
        password_sharing: { enabled: false, approverRole: 'slt', sameSchool: true, policyReference: '5.1' },
      };
    });
    assert.equal(forbidding.route('password_sharing', 'school-b').enabled, false);
    const error = (() => {
      try {
        routeRequest(forbidding, 'password_sharing', person(forbidding, TOM), 'school-b');
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof RequestKindDisabledError);
    assert.equal(error.policyReference, '5.1');
    assert.match(error.message, /5\.1/);
    assert.deepEqual(routeRequest(forbidding, 'password_sharing', person(forbidding, ALEX), 'school-a').approverIds.length, 2);
  });

  it('when the trust file says nothing about incidents or registers, then the policies defaults apply', async () => {
    const silent = await sampleTrust((json) => {
      delete (json as Partial<typeof json>).incidents;
      delete (json as Partial<typeof json>).registers;
    });
    assert.deepEqual(silent.incidentRoute('device').notifyRoles, ['it_manager']);
    assert.deepEqual(silent.incidentRoute('id_badge').notifyRoles, ['it_manager', 'ops_manager']);
    assert.deepEqual(silent.incidentRoute('device').dataBreachRoles, ['dpc', 'headteacher']);
    assert.equal(silent.breachReportHours, 72);
    assert.deepEqual(silent.registerExportRoles, ['it_manager', 'slt']);
  });

  it('when the trust file sets incident routing, then it is used', async () => {
    const custom = await sampleTrust((json) => {
      json.incidents = { breachReportHours: 48, id_badge: { notifyRoles: ['ops_manager'], dataBreachRoles: ['dpc'] } };
    });
    assert.deepEqual(custom.incidentRoute('id_badge').notifyRoles, ['ops_manager']);
    assert.deepEqual(custom.incidentRoute('device').notifyRoles, ['it_manager'], 'unset keys keep the default');
    assert.equal(custom.breachReportHours, 48);
  });

  it('when a school routing override names an unknown role, then the trust file is rejected', async () => {
    await assert.rejects(
      sampleTrust((json) => {
        (json.schools[0] as Record<string, unknown>).routing = { software: { approverRole: 'janitor' } };
      }),
      /schools\[0\]\.routing\.software\.approverRole/,
    );
  });

  it('when holders are asked for with and without sameSchool, then trust-wide holders count only without it', () => {
    assert.deepEqual(trust.holdersOf('it_manager', 'school-a').map((p) => p.id), [MEGAN]);
    assert.deepEqual(trust.holdersOf('it_manager', 'school-a', { sameSchool: true }), []);
    assert.deepEqual(trust.holdersOf('dpc', undefined).map((p) => p.id), [PATTI]);
    assert.deepEqual(trust.holdersOf('ops_manager', 'school-a').map((p) => p.id), [LYNNE]);
  });

  it('when approvers are away, then their delegate decides and gets the card, but the requester never does', () => {
    const delegations = new Map([[MEGAN, 'kai-moore']]);
    assert.deepEqual(decidersFor([MEGAN], ALEX, delegations).sort(), ['kai-moore', MEGAN].sort());
    assert.deepEqual(notifyTargetsFor([MEGAN], ALEX, delegations), [{ to: 'kai-moore', onBehalfOf: MEGAN }]);
    const toRequester = new Map([[MEGAN, ALEX]]);
    assert.deepEqual(decidersFor([MEGAN], ALEX, toRequester), [MEGAN]);
    assert.deepEqual(notifyTargetsFor([MEGAN], ALEX, toRequester), [{ to: MEGAN }]);
    const cycle = new Map([
      [MEGAN, 'kai-moore'],
      ['kai-moore', MEGAN],
    ]);
    assert.deepEqual(decidersFor([MEGAN], ALEX, cycle).sort(), ['kai-moore', MEGAN].sort());
  });
});

describe('delegation', () => {
  let temp: TempStore;
  let clock: FakeClock;
  let service: RequestService;
  beforeEach(async () => {
    temp = await TempStore.create();
    clock = new FakeClock('2025-03-03T09:00:00.000Z');
    service = new RequestService({ store: temp.store, trust: await sampleTrust(withSecondItManager), clock });
  });
  afterEach(() => temp.dispose());

  it('when an approver delegates, then pending and new requests reach the delegate, who may decide on their behalf', async () => {
    const pending = await service.submitRequest({ personId: ALEX }, software);
    assert.deepEqual(pending.notifications, [{ to: MEGAN, kind: 'approval_needed', requestId: pending.value.id }]);

    const handed = await service.delegate({ personId: MEGAN, conversationId: 'conv-megan' }, { toId: 'kai-moore', until: '2025-03-10' });
    assert.equal(handed.value.toId, 'kai-moore');
    assert.deepEqual(handed.notifications, [
      { to: 'kai-moore', kind: 'approval_needed', requestId: pending.value.id, onBehalfOf: MEGAN },
    ]);

    clock.set('2025-03-03T09:05:00.000Z'); // so "oldest first" below has an order to follow
    const fresh = await service.submitRequest({ personId: ALEX }, { ...software, software: 'GIMP' });
    assert.deepEqual(fresh.notifications, [
      { to: 'kai-moore', kind: 'approval_needed', requestId: fresh.value.id, onBehalfOf: MEGAN },
    ]);
    assert.deepEqual((await service.waitingFor('kai-moore')).map((r) => r.id), [pending.value.id, fresh.value.id]);

    const decided = await service.decide({ personId: 'kai-moore' }, { requestId: fresh.value.id, decision: 'approve' });
    assert.equal(decided.value.decision?.byId, 'kai-moore');
    assert.equal(decided.value.decision?.onBehalfOf, MEGAN);
  });

  it('when the delegation has ended, then the delegate can no longer decide', async () => {
    await service.delegate({ personId: MEGAN }, { toId: 'kai-moore', until: '2025-03-04' });
    const request = await service.submitRequest({ personId: ALEX }, software);
    clock.set('2025-03-05T00:00:00.000Z');
    assert.deepEqual(await service.waitingFor('kai-moore'), []);
    const error = await rejectionOf(
      service.decide({ personId: 'kai-moore' }, { requestId: request.value.id, decision: 'approve' }),
    );
    assert.equal((error as Error).name, 'NotAllowedError');
  });

  it('when someone delegates to a person without their role, to themself or into a loop, then it is refused', async () => {
    const notSameRole = await rejectionOf(service.delegate({ personId: MEGAN }, { toId: ALEX, until: '2025-03-10' }));
    assert.equal((notSameRole as Error).name, 'ValidationError');
    assert.match((notSameRole as Error).message, /Alex Wilber doesn't hold the same role/);
    const self = await rejectionOf(service.delegate({ personId: MEGAN }, { toId: MEGAN, until: '2025-03-10' }));
    assert.equal((self as Error).name, 'ValidationError');
    const past = await rejectionOf(service.delegate({ personId: MEGAN }, { toId: 'kai-moore', until: '2025-03-01' }));
    assert.match((past as Error).message, /already in the past/);
    await service.delegate({ personId: MEGAN }, { toId: 'kai-moore', until: '2025-03-10' });
    const loop = await rejectionOf(service.delegate({ personId: 'kai-moore' }, { toId: MEGAN, until: '2025-03-10' }));
    assert.match((loop as Error).message, /handed their approvals to you/);
  });

  it('when an SLT member delegates to another SLT member of the same school, then it is accepted; another school is not', async () => {
    const ok = await service.delegate({ personId: ADELE }, { toId: ISAIAH, until: '2025-03-10' });
    assert.equal(ok.value.toId, ISAIAH);
    const otherSchool = await rejectionOf(service.delegate({ personId: ADELE }, { toId: PRIYA, until: '2025-03-10' }));
    assert.equal((otherSchool as Error).name, 'ValidationError');
  });

  it('when the approver ends their delegation early, then requests come back to them only', async () => {
    await service.delegate({ personId: MEGAN }, { toId: 'kai-moore', until: '2025-03-10' });
    const ended = await service.endDelegation({ personId: MEGAN });
    assert.equal(ended?.toId, 'kai-moore');
    assert.equal(await service.delegationOf(MEGAN), undefined);
    const request = await service.submitRequest({ personId: ALEX }, software);
    assert.deepEqual(request.notifications.map((n) => n.to), [MEGAN]);
  });

  it('when a password-sharing request is made, then the SLT members of the school get the card', async () => {
    const request = await service.submitRequest({ personId: ALEX }, sharing);
    assert.deepEqual(request.notifications.map((n) => n.to).sort(), [ADELE, ISAIAH].sort());
    assert.ok(request.notifications.every((n) => n.kind === 'approval_needed'));
  });
});
