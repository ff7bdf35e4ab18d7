import assert from 'node:assert/strict';
import { RateLimiter } from '../../../src/adapters/teams/rate-limiter.js';

describe('RateLimiter (per-person token buckets, on a fake clock)', function () {
  let now: number;
  const limiter = () => new RateLimiter({ burst: 3, perMinute: 60 }, () => now);
  beforeEach(() => (now = 1_000_000));

  it('when a person uses their burst, then the next is refused with a wait, and only the first refusal says so', function () {
    const rl = limiter();
    assert.deepEqual([1, 2, 3].map(() => rl.take('alex').allowed), [true, true, true]);
    const refused = rl.take('alex');
    assert.deepEqual(refused, { allowed: false, firstRefusal: true, retryAfterSeconds: 1 });
    assert.equal(rl.take('alex').firstRefusal, false);
    assert.equal(rl.waitFor('alex'), 1, 'later messages are refused before any work');
    assert.equal(rl.take('megan').allowed, true, 'someone else is not affected');
  });

  it('when time passes, then tokens come back at the steady rate, and a person who calmed down is told again next time', function () {
    const rl = limiter();
    for (let i = 0; i < 4; i++) rl.take('alex');
    now += 1000;
    assert.equal(rl.waitFor('alex'), 0);
    assert.equal(rl.take('alex').allowed, true);
    assert.equal(rl.take('alex').firstRefusal, false, 'still the same episode: not told twice');
    now += 3000;
    assert.equal(rl.take('alex').allowed, true);
    rl.take('alex');
    rl.take('alex');
    assert.equal(rl.take('alex').firstRefusal, true, 'a new episode after the allowance was full again');
  });

  it('when the first refusal has not been told yet, then waitFor lets it through to the turn that tells the person', function () {
    const rl = limiter();
    for (let i = 0; i < 3; i++) rl.take('alex');
    assert.equal(rl.waitFor('alex'), 0);
    assert.equal(rl.take('alex').firstRefusal, true);
    assert.ok(rl.waitFor('alex') > 0);
  });
});
