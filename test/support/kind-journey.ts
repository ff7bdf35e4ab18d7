import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import type { AuditEntry } from '../../src/domain/requests/audit.js';
import type { AnyRequestKind } from '../../src/domain/requests/request-kind.js';
import { exportRegister } from '../../src/domain/requests/registers.js';
import type { ApprovalRequest } from '../../src/domain/requests/request.js';
import { startBot, type BotUnderTest } from './bot-harness.js';
import { assertValidTeamsCard } from './card-checks.js';
import { cardOf, cardText } from './connector.js';
import { FakeClock } from './fake-clock.js';
import { cardExecute, cardSubmit, message, type TeamsUser } from './teams-activities.js';

/** A person of the sample trust as Teams identifies them (ids learned from their first message). */
export function sampleUser(personId: string, aadObjectId: string, name: string): TeamsUser {
  return { id: `29:${personId}`, aadObjectId, name };
}

/** What a kind's end-to-end test says about it; the journey does the rest through the real server. */
export interface KindJourney {
  kind: AnyRequestKind;
  /** Who asks. */
  requester: TeamsUser;
  /** Form answers as the card sends them. */
  answers: Record<string, string>;
  /** Who should get the request, and who after escalation. */
  approver: TeamsUser;
  fallback: TeamsUser;
  /** Someone who must not be able to decide it. */
  bystander: TeamsUser;
  /** Someone with the trust's export role who downloads the register. */
  exporter: TeamsUser;
  /** The clause shown on the form and the approval card. */
  clause: RegExp;
  /** What the register's row for the approved request must contain. */
  registerRow: RegExp;
  /** Edits to a copy of the sample trust (e.g. a new role). */
  trustChange?: (trust: any) => void;
}

/** A running journey, for a kind's own extra tests. */
export interface JourneyWorld {
  t: BotUnderTest;
  clock: FakeClock;
  /** Raises the kind's request as `user` through the welcome button, the form and the summary. */
  raise(user: TeamsUser, answers: Record<string, string>): Promise<ApprovalRequest>;
  /** The next card sent to `user` after connector call `since` whose JSON matches. */
  cardTo(user: TeamsUser, since: number, match: RegExp | string): Promise<any>;
  mark(): number;
}

/**
 * Describes a kind end to end through the real restify server and teams-ai app: the welcome
 * button, its form with the clause, the summary, the approver's card, the server's checks (no
 * self-approval, no bystanders), the decision, audit, the register CSV, reminders and escalation
 * to the fallback, and the retention purge of its personal free text. `more` adds the kind's own tests.
 */
export function describeKindJourney(j: KindJourney, more?: (world: () => JourneyWorld) => void): void {
  describe(`${j.kind.title}: end to end through the real server over HTTP`, function () {
    let t: BotUnderTest;
    let dir: string;
    const clock = new FakeClock('2025-03-03T09:00:00.000Z');
    const chatOf = (user: TeamsUser) => `a:personal-${user.id}`;
    const mark = () => t.connector.calls.length;

    before(async function () {
      dir = await mkdtemp(path.join(os.tmpdir(), `policy-desk-${j.kind.name}-`));
      const trust = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
      j.trustChange?.(trust);
      await writeFile(path.join(dir, 'trust.json'), JSON.stringify(trust));
      t = await startBot(
        { TRUST_FILE: path.join(dir, 'trust.json'), POLICY_FILES: path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md') },
        clock,
      );
      const everyone = [...new Map([j.requester, j.approver, j.fallback, j.bystander, j.exporter].map((u) => [u.id, u])).values()];
      for (const user of everyone) await t.post(message(user, 'hi', t.serviceUrl));
      await t.connector.waitFor(() => t.connector.sent.length >= everyone.length);
    });
    after(async () => {
      await t?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    async function submit(user: TeamsUser, data: Record<string, unknown>) {
      assert.equal((await t.post(cardSubmit(user, data, t.serviceUrl))).status, 200);
    }
    async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>) {
      const res = await t.post(cardExecute(user, verb, data, t.serviceUrl));
      assert.equal(res.status, 200);
      return res.body as { value: any };
    }
    async function cardTo(user: TeamsUser, since: number, match: RegExp | string): Promise<any> {
      const call = await t.connector.waitFor(
        (c) => c.method === 'POST' && c.conversationId === chatOf(user) && Boolean(cardOf(c)) && new RegExp(match).test(JSON.stringify(cardOf(c))),
        since,
      );
      const card = cardOf(call)!;
      assertValidTeamsCard(card);
      return card;
    }
    async function raise(user: TeamsUser, answers: Record<string, string>): Promise<ApprovalRequest> {
      const flow = j.kind.name;
      let since = mark();
      await submit(user, { verb: 'start-flow', flow: j.kind.id });
      await cardTo(user, since, /"flowAction":"submit"/);
      since = mark();
      await submit(user, { verb: 'flow-form', flow, step: 'form', flowAction: 'submit', ...answers });
      const summary = await cardTo(user, since, /Check your|Please check/);
      assert.doesNotMatch(cardText(summary), /Please check/, cardText(summary));
      since = mark();
      await submit(user, { verb: 'flow-form', flow, step: 'summary', flowAction: 'confirm' });
      const card = await cardTo(user, since, /Sent to/);
      const requestId = JSON.stringify(card).match(/"requestId":"([0-9a-f-]{36})"/)![1];
      return t.bot.services.requests.getRequest(requestId);
    }
    const audit = () => t.bot.services.store.readLog<AuditEntry>('audit');

    it('when the welcome button is pressed, then the form shows the clause that requires it and who will decide', async function () {
      const since = mark();
      await submit(j.requester, { verb: 'start-flow', flow: j.kind.id });
      const form = await cardTo(j.requester, since, /"flowAction":"submit"/);
      assert.match(cardText(form), new RegExp(j.kind.formTitle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(cardText(form), j.clause);
      // A kind routed by one of its fields names its approver only once that field is known.
      if (!j.kind.routeByField) assert.match(cardText(form), new RegExp(j.approver.name));
      await t.post(message(j.requester, 'cancel', t.serviceUrl));
    });

    it('when the form is sent with nothing in it, then every required field is asked for again and nothing is stored', async function () {
      const since = mark();
      await submit(j.requester, { verb: 'start-flow', flow: j.kind.id });
      await cardTo(j.requester, since, /"flowAction":"submit"/);
      const again = mark();
      await submit(j.requester, { verb: 'flow-form', flow: j.kind.name, step: 'form', flowAction: 'submit' });
      const form = await cardTo(j.requester, again, /Please check:/);
      const required = j.kind.fields.filter((f) => f.required).length;
      assert.ok((cardText(form).match(/^• /gm) ?? []).length >= Math.min(required, 1));
      assert.deepEqual(await t.bot.services.store.list('requests'), []);
      await t.post(message(j.requester, 'cancel', t.serviceUrl));
    });

    it('when the request is sent, then only the approver may decide it (not the requester, not a bystander); the decision is told, audited and in the register', async function () {
      const since = mark();
      const request = await raise(j.requester, j.answers);
      assert.equal(request.kind, j.kind.id);
      assert.equal(request.status, 'pending');
      const approverId = t.bot.services.trust.findByAadObjectId(j.approver.aadObjectId)!.id;
      assert.deepEqual(request.approverIds, [approverId]);
      const approverCard = await cardTo(j.approver, since, request.id);
      assert.match(cardText(approverCard), /needs your decision/);
      assert.match(cardText(approverCard), j.clause);

      const own = await execute(j.requester, 'request-decide', { requestId: request.id, decision: 'approve' });
      assert.match(cardText(own.value), /can't approve or reject your own request/);
      const other = await execute(j.bystander, 'request-decide', { requestId: request.id, decision: 'approve' });
      assert.match(cardText(other.value), /not an approver for this request/);
      assert.equal((await t.bot.services.requests.getRequest(request.id)).status, 'pending');

      const decided = mark();
      const approved = await execute(j.approver, 'request-decide', { requestId: request.id, decision: 'approve', comment: 'Fine' });
      assert.match(cardText(approved.value), /You approved this/);
      await cardTo(j.requester, decided, new RegExp(`approved your ${j.kind.title.toLowerCase()}`));
      const actions = (await audit()).filter((e) => e.subjectId === request.id).map((e) => e.action);
      assert.deepEqual(actions.slice(0, 2), ['request.submitted', 'request.approved']);

      const exporterId = t.bot.services.trust.findByAadObjectId(j.exporter.aadObjectId)!.id;
      const exported = await exportRegister(t.bot.services, { personId: exporterId }, j.kind.register.key);
      const rows = exported.csv.replace(/^\uFEFF/, '').trim().split('\r\n');
      assert.equal(rows.length, 2);
      assert.match(rows[1], j.registerRow);
    });

    it('when nobody decides, then the approver is reminded and then the fallback gets it and can decide', async function () {
      const request = await raise(j.requester, j.answers);
      const { remindAfterHours, escalateAfterHours } = t.bot.services.trust.data.reminders;
      let since = mark();
      clock.advanceHours(remindAfterHours);
      await t.bot.runScheduledWork();
      const reminder = await cardTo(j.approver, since, /Reminder:/);
      assert.match(JSON.stringify(reminder), new RegExp(request.id));
      since = mark();
      clock.advanceHours(escalateAfterHours - remindAfterHours);
      await t.bot.runScheduledWork();
      await cardTo(j.fallback, since, /Passed to you/);
      const decided = await execute(j.fallback, 'request-decide', { requestId: request.id, decision: 'reject', reason: 'Not this term' });
      assert.match(cardText(decided.value), /You rejected this/);
    });

    it("when a closed request is older than the trust's retention, then its personal free text is removed and the rest kept", async function () {
      const purgeable = Object.entries(j.kind.retention as Record<string, string>).filter(([, rule]) => rule === 'purge').map(([field]) => field);
      clock.advanceDays(t.bot.services.trust.data.retention.freeTextDays + 30);
      await t.bot.runScheduledWork();
      const mine = (await t.bot.services.store.list<ApprovalRequest>('requests')).filter((r) => r.kind === j.kind.id && r.status !== 'pending');
      assert.ok(mine.length >= 2);
      for (const request of mine) {
        assert.ok(request.purgedAt, 'purged');
        for (const field of purgeable) assert.equal(request.details[field], undefined, `${field} removed`);
        assert.equal(request.decision?.comment, undefined);
        for (const [field, rule] of Object.entries(j.kind.retention as Record<string, string>)) {
          if (rule === 'keep' && j.answers[field]) assert.ok(request.details[field] !== undefined, `${field} kept`);
        }
      }
    });

    more?.(() => ({ t, clock, raise, cardTo, mark }));
  });
}
