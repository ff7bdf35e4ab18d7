import { existsSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

/** ../shared beside the checkout: the real trusts' policies, the question set and official schemas. */
export const SHARED_DIR = path.resolve(PROJECT_ROOT, '../shared');

const noted = new Set<string>();

/**
 * The path of a file under ../shared, or a skip with a clear note when a fresh clone lacks it.
 * Under CI (CI=true) a missing ../shared is a failure: CI must run these tests.
 */
export function requireShared(context: Mocha.Context, relativePath: string): string {
  const file = path.join(SHARED_DIR, relativePath);
  if (existsSync(file)) return file;
  if (process.env.CI === 'true') throw new Error(`${file} is missing: CI must run the tests that use ../shared`);
  if (!noted.has(relativePath)) {
    noted.add(relativePath);
    console.log(`    (skipped: ${file} is not here; these tests run where ../shared sits beside the checkout, as in CI)`);
  }
  context.skip();
}
