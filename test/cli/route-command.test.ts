import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../domain/policy/policy-fixtures.js';

const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'policy-desk.js');

function route(args: string[], input: string) {
  const r = spawnSync(process.execPath, [cli, 'route', ...args], { input, encoding: 'utf8', cwd: projectRoot, timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('policy-desk route', function () {
  this.timeout(30000);

  it('when message lines are piped in, then one intent line comes out per message, with slots from the sample trust, and nothing else on stdout', () => {
    const input = [
      JSON.stringify({ id: 'm1', text: 'Can Adele Vance use my login to take the register tomorrow while I am on a trip?' }),
      'not json',
      JSON.stringify({ id: 'm2', text: 'thanks!' }),
      JSON.stringify({ id: 'm3', text: 'my phone was stolen on the bus' }),
    ].join('\n');
    const r = route(['--now', '2026-12-01T10:00:00Z'], input);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.id, l.intent]),
      [
        ['m1', 'password-sharing'],
        ['m2', 'thanks'],
        ['m3', 'lost-device'],
      ],
    );
    assert.deepEqual(lines[0].slots, { to: 'Adele Vance', from: '2026-12-02', until: '2026-12-02' });
    assert.deepEqual(lines[2].slots, { device: 'phone', lostOrStolen: 'stolen' });
    for (const l of lines) assert.ok(l.confidence >= 0 && l.confidence <= 1);
    assert.match(r.stderr, /line 2: not JSON, skipped/);
  });

  it('when an unknown option is given, then it exits 2 with the usage', () => {
    const r = route(['--bogus'], '');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option "--bogus"[\s\S]*policy-desk route/);
  });
});
