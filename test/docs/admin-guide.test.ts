import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * The environment variables src/config.ts reads, found in its source rather than listed here, so
 * a new variable cannot be added without the guide noticing: the keys of the zod `envSchema`
 * object, plus any direct `env.X`, `env['X']` or `process.env.X` read.
 */
export function envReadsOf(source: string): string[] {
  const names = new Set<string>();
  const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source);
  if (schema) {
    for (const m of schema[1].matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*)\s*:/gm)) names.add(m[1]);
  }
  for (const m of source.matchAll(/\b(?:process\.)?env\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)) {
    names.add(m[1] ?? m[2]);
  }
  return [...names].sort();
}

describe('The admin guide', function () {
  const guidePath = path.join(PROJECT_ROOT, 'docs', 'admin-guide.md');

  it('when src/config.ts is parsed, then every environment variable it reads is explained in the guide', async function () {
    const source = await readFile(path.join(PROJECT_ROOT, 'src', 'config.ts'), 'utf8');
    const guide = await readFile(guidePath, 'utf8');
    const reads = envReadsOf(source);
    assert.ok(reads.length >= 10, `expected to find config.ts's environment reads, found ${reads.join(', ')}`);
    const documented = new Set([...guide.matchAll(/^\|\s*`([A-Za-z_][A-Za-z0-9_]*)`\s*\|/gm)].map((m) => m[1]));
    const missing = reads.filter((name) => !documented.has(name));
    assert.deepEqual(missing, [], `add a table row for each of these to docs/admin-guide.md: ${missing.join(', ')}`);
  });

  it('when the parser meets a new read, then it is found (so the check above can fail)', function () {
    const sample = "const envSchema = z.object({\n  PORT: z.coerce.number(),\n  NEW_ONE: z.string(),\n});\nconst x = env.OTHER ?? process.env['QUOTED'];";
    assert.deepEqual(envReadsOf(sample), ['NEW_ONE', 'OTHER', 'PORT', 'QUOTED']);
  });

  it('when a reader opens the README, then it links the admin guide', async function () {
    const readme = await readFile(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    assert.match(readme, /\]\(docs\/admin-guide\.md\)/);
  });

  it('when the guide is read, then it covers registration, the package, the setup policy, the trust and policy files, storage and retention', async function () {
    const guide = await readFile(guidePath, 'utf8');
    for (const topic of [/Azure Bot/, /Entra/, /npm run package:teams/, /[Ss]etup polic/, /samples\/trust\.json/, /policy file/i, /Blob Storage/, /several instances/, /retention/i]) {
      assert.match(guide, topic);
    }
  });
});
