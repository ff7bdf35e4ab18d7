import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot, samplePolicyPath } from '../domain/policy/policy-fixtures.js';
import { requireShared } from '../support/shared-data.js';

const cli = path.join(projectRoot, 'dist', 'src', 'cli', 'policy-desk.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: projectRoot, timeout: 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('policy-desk command line', () => {
  it('when question lines are piped in, then one JSON answer line comes out per question with the quoted clause', () => {
    const input = [
      JSON.stringify({ id: 'q1', question: 'how do I get Zoom installed on my classroom PC?' }),
      '',
      JSON.stringify({ id: 'q2', question: 'when do we get paid this month?' }),
    ].join('\n');
    const r = run(['ask', '--policy', samplePolicyPath], input);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].id, 'q1');
    assert.equal(lines[0].answered, true);
    assert.equal(lines[0].passages[0].section, '4.2 Software, hardware and removable media');
    assert.match(lines[0].passages[0].text, /authorisation of the IT manager/);
    assert.ok(lines[0].passages.length <= 5);
    assert.equal(lines[1].id, 'q2');
    assert.equal(lines[1].answered, false);
  });

  it('when a question is given on the command line without --policy, then the sample policy answers it readably', () => {
    const r = run(['ask', 'lost my laptop what do i do']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /9\.1 Lost or stolen equipment/);
    assert.match(r.stdout, /IT manager immediately/);
    assert.match(r.stdout, /lost device request/);
  });

  it('when sections is run on a policy, then one JSON line per citable section comes out, titled as answers cite it', () => {
    const r = run(['sections', '--policy', samplePolicyPath]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.length >= 11, `${lines.length} sections`);
    for (const l of lines) assert.deepEqual(Object.keys(l), ['id', 'title', 'text']);
    assert.equal(new Set(lines.map((l) => l.id)).size, lines.length, 'ids are unique');
    // Each numbered clause is cited on its own, under its section's title.
    const software = lines.find((l) => l.title === '4.1 Software, hardware and removable media');
    assert.ok(software, lines.map((l) => l.title).join(' | '));
    assert.match(software.text, /^4\.1 /);
    assert.doesNotMatch(software.text, /^4\.2 /m);
    assert.equal(run(['sections', '--policy', samplePolicyPath, 'what about passwords']).code, 2);
  });

  it('when the command is wrong, then it prints usage and exits with 2', () => {
    const r = run(['tell']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage:/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(run(['ask', '--policy']).code, 2);
  });

  it('when the policy file does not exist, then a friendly error names it and the exit code is 1', () => {
    const r = run(['ask', '--policy', '/nowhere/policy.docx', 'hello']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot load policy: \/nowhere\/policy\.docx/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  it('when given a directory of real policies, then every policy is indexed and answers cite them', function () {
    const sharedPoliciesDir = requireShared(this, 'policies');
    const r = run(['ask', '--policy', sharedPoliciesDir], JSON.stringify({ id: 'x', question: 'can I install software on my laptop?' }) + '\n');
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.equal(a.answered, true);
    assert.match(a.passages[0].text, /software/i);
  });
});
