/** Paths shared by the policy tests: the project root and the sample policy (../shared: see test/support/shared-data.ts). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || dir.endsWith(`${path.sep}dist`)) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

export const projectRoot = findRoot();
export const samplePolicyPath = path.join(projectRoot, 'samples', 'information-security-policy.md');

/** The question-set scorer's normalisation (lower case, no punctuation, single spaces). */
export { normalise } from '../../../bench/evidence-match.js';
