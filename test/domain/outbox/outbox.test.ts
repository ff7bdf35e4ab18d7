import assert from 'node:assert/strict';
import {
  afterAttempt,
  arrivedLate,
  DEFAULT_RETRY_POLICY,
  isDue,
  newOutboxItem,
  parseRetryAfter,
  releaseOnFirstContact,
  retryNow,
  withdraw,
  type OutboxItem,
} from '../../../src/domain/outbox/outbox.js';

const T0 = new Date('2025-03-03T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const fresh = (): OutboxItem => newOutboxItem('item-1', { personId: 'megan-bowen', aadObjectId: 'ABC' }, { type: 'handoff', questionId: 'q1' }, T0, 1);
const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 5_000, maxDelayMs: 60_000 };

describe('the outbox state machine', function () {
  it('when an item is written, then it is queued and due at once, keyed by the lower-cased object id', function () {
    const item = fresh();
    assert.equal(item.state, 'queued');
    assert.equal(item.toAadObjectId, 'abc');
    assert.ok(isDue(item, T0));
  });

  it('when Teams throttles with Retry-After, then the item waits exactly that long and the attempt is not counted towards giving up', function () {
    const item = afterAttempt(fresh(), { kind: 'retry', reason: '429', throttled: true, retryAfterMs: 20_000 }, T0, policy);
    assert.equal(item.state, 'retrying');
    assert.equal(item.attempts, 0);
    assert.equal(item.throttled, 1);
    assert.ok(!isDue(item, at(19_999)));
    assert.ok(isDue(item, at(20_000)));
  });

  it('when throttled many more times than the attempts allowed, then the item is still retrying (rate limits never drop work)', function () {
    let item = fresh();
    for (let i = 0; i < 20; i++) item = afterAttempt(item, { kind: 'retry', reason: '429', throttled: true }, at(i * 1000), policy);
    assert.equal(item.state, 'retrying');
  });

  it('when server errors repeat, then the delay doubles and after the last attempt the item is failed with the reason', function () {
    let item = afterAttempt(fresh(), { kind: 'retry', reason: 'Teams answered 500', throttled: false }, T0, policy);
    assert.equal(item.nextAttemptAt, at(5_000).toISOString());
    item = afterAttempt(item, { kind: 'retry', reason: 'Teams answered 500', throttled: false }, at(5_000), policy);
    assert.equal(item.nextAttemptAt, at(15_000).toISOString());
    item = afterAttempt(item, { kind: 'retry', reason: 'Teams answered 503', throttled: false }, at(15_000), policy);
    assert.equal(item.state, 'failed');
    assert.match(item.lastError ?? '', /503 \(gave up after 3 attempts\)/);
    assert.ok(!isDue(item, at(10 ** 9)));
  });

  it('when the person has no conversation with the bot, then the item waits for first contact and is due once they open the bot', function () {
    const waiting = afterAttempt(fresh(), { kind: 'no-conversation' }, T0, policy);
    assert.equal(waiting.state, 'waiting_for_first_contact');
    assert.ok(!isDue(waiting, at(10 ** 9)));
    const released = releaseOnFirstContact(waiting, at(60_000));
    assert.ok(isDue(released, at(60_000)));
    const sent = afterAttempt(released, { kind: 'sent' }, at(60_000), policy);
    assert.equal(sent.state, 'sent');
    assert.ok(arrivedLate(sent));
    assert.ok(!arrivedLate(afterAttempt(fresh(), { kind: 'sent' }, T0, policy)));
  });

  it('when a sent item is retried or withdrawn, then nothing changes; a failed one can be retried afresh', function () {
    const sent = afterAttempt(fresh(), { kind: 'sent' }, T0, policy);
    assert.equal(retryNow(sent, at(1)), sent);
    assert.equal(withdraw(sent, at(1)), sent);
    const failed = afterAttempt(fresh(), { kind: 'failed', reason: 'Teams answered 403' }, T0, policy);
    const again = retryNow(failed, at(1));
    assert.equal(again.state, 'queued');
    assert.equal(again.attempts, 0);
  });

  it('when Retry-After is seconds or an HTTP date, then both are read; junk is ignored', function () {
    assert.equal(parseRetryAfter('20', T0), 20_000);
    assert.equal(parseRetryAfter(at(90_000).toUTCString(), T0), 90_000);
    assert.equal(parseRetryAfter('soon', T0), undefined);
    assert.equal(parseRetryAfter(undefined, T0), undefined);
  });
});
