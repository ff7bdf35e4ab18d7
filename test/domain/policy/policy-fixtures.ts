/** Paths shared by the policy tests: the project root, the sample policy, ../shared. */
import { existsSync, readFileSync } from 'node:fs';
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
export const sharedDir = path.resolve(projectRoot, '../shared');
export const sharedPoliciesDir = path.join(sharedDir, 'policies');

/** The shared policy whose file name starts with the prefix, or undefined when ../shared is absent. */
export function sharedPolicy(prefix: string): { name: string; text: string } | undefined {
  if (!existsSync(sharedPoliciesDir)) return undefined;
  const name = ['000_2f79eff36d34080b.txt', '002_1ca261d550e808de.txt', '003_c530122b98f30b11.txt'].find((n) => n.startsWith(prefix));
  if (!name) return undefined;
  const file = path.join(sharedPoliciesDir, name);
  return existsSync(file) ? { name, text: readFileSync(file, 'utf8') } : undefined;
}

/** Same normalisation as the question-set scorer: lower case, no punctuation, single spaces. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
