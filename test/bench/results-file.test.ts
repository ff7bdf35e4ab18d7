/** The shared results file: each bench rewrites only its own section (bench/results-file.ts). */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, percentile, writeSection } from '../../bench/results-file.js';

describe('bench results file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'results-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a bench writes its section, then the hand-kept text and the other benches\' sections stay as they were', () => {
    const file = path.join(dir, 'results.md');
    const others = '# Benchmarks\n\nkept by hand\n\n<!-- bench:qa start -->\nqa figures\n<!-- bench:qa end -->\n\n## Declining\n\nkept too\n';
    writeFileSync(file, others);
    writeSection('answering', ['## Policy answering', 'first run'], file);
    writeSection('answering', ['## Policy answering', 'second run costs $1 and $& stays literal'], file);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.startsWith(others.trimEnd()), 'everything written before is unchanged');
    assert.equal(text.match(/bench:answering start/g)?.length, 1, 'one section, replaced in place');
    assert.match(text, /second run costs \$1 and \$& stays literal/);
    assert.doesNotMatch(text, /first run/);
  });

  it('when timings are summarised, then the median of an even count is the mean of the middle two and p95 is a sample', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, 1, 3]), 3);
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 0.95), 96);
  });
});
