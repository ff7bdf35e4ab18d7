/**
 * bench/results.md is shared by every bench: each owns one section between
 * `<!-- bench:NAME start -->` and `<!-- bench:NAME end -->` and rewrites only that, so a run of one
 * bench never drops what another recorded.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';

export const RESULTS_MD = path.join(PROJECT_ROOT, 'bench', 'results.md');

/** `lines` wrapped in the section's markers. */
export function markedSection(name: string, lines: readonly string[]): string {
  return [`<!-- bench:${name} start -->`, ...lines, `<!-- bench:${name} end -->`].join('\n');
}

/** Replaces the section `name` of `file` with `lines` (appended when the file has no such section yet). */
export function writeSection(name: string, lines: readonly string[], file = RESULTS_MD): void {
  const section = markedSection(name, lines);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const marked = new RegExp(`<!-- bench:${name} start -->[\\s\\S]*<!-- bench:${name} end -->`);
  // A function replacement: the section's own text may hold `$` sequences.
  writeFileSync(file, marked.test(old) ? old.replace(marked, () => section) : `${old.trimEnd()}\n\n${section}\n`);
}

/** The median of `xs` (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The `p` quantile of `xs` (0–1), the nearest rank at or below it. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}
