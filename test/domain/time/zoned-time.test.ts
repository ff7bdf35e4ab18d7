import assert from 'node:assert/strict';
import { dateInZone, isoInZone, isTimeZone } from '../../../src/domain/time/zoned-time.js';
import { trustSchema } from '../../../src/domain/trust/trust.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config.js';

describe('Times in the trust time zone', function () {
  const cases: Array<[string, string, string]> = [
    ['winter (GMT)', '2025-01-15T09:00:00.000Z', '2025-01-15T09:00:00+00:00'],
    ['summer (BST)', '2025-07-01T09:00:00.000Z', '2025-07-01T10:00:00+01:00'],
    ['the minute before the clocks go forward', '2025-03-30T00:59:00.000Z', '2025-03-30T00:59:00+00:00'],
    ['the minute the clocks go forward', '2025-03-30T01:00:00.000Z', '2025-03-30T02:00:00+01:00'],
    ['the hour that repeats when the clocks go back (first time)', '2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00+01:00'],
    ['the hour that repeats when the clocks go back (second time)', '2025-10-26T01:30:00.000Z', '2025-10-26T01:30:00+00:00'],
    ['late on a summer night (next day in London)', '2025-06-30T23:30:00.000Z', '2025-07-01T00:30:00+01:00'],
  ];
  for (const [when, utc, local] of cases) {
    it(`when the instant is in ${when}, then Europe/London gives ${local}`, function () {
      assert.equal(isoInZone(utc), local);
      assert.equal(Date.parse(local), Date.parse(utc), 'the local form names the same instant');
    });
  }

  it('when another zone is asked for, then its offset is used (negative and half-hour offsets too)', function () {
    assert.equal(isoInZone('2025-01-15T09:00:00Z', 'America/New_York'), '2025-01-15T04:00:00-05:00');
    assert.equal(isoInZone('2025-01-15T09:00:00Z', 'Asia/Kolkata'), '2025-01-15T14:30:00+05:30');
    assert.equal(dateInZone('2025-06-30T23:30:00Z'), '2025-07-01');
  });

  it('when the trust file names no time zone, then Europe/London applies; an unknown zone is refused by key', async function () {
    const sample = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
    delete sample.timeZone;
    assert.equal(trustSchema.parse(sample).timeZone, 'Europe/London');
    const bad = trustSchema.safeParse({ ...sample, timeZone: 'Europe/Narnia' });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0].path, ['timeZone']);
    assert.equal(isTimeZone('Europe/Narnia'), false);
  });
});
