import path from 'node:path';
import { loadPolicyIndex } from './policy-files/policy-index-loader.js';
import { answerQuestion } from '../domain/policy/answer.js';
import { findPasswordSharingRule } from '../domain/policy/password-sharing.js';
import type { PolicyIndex } from '../domain/policy/policy-index.js';
import type { PasswordSharingRule, PolicyAnswer } from '../domain/policy/policy-types.js';
import type { Trust } from '../domain/trust/trust.js';
import { summariseOutline, type OutlineSummary } from '../domain/policy/outline.js';

/**
 * The trust's policy documents, indexed for answering. `reload()` builds a new index from the
 * files and swaps it in only when it loaded cleanly, so a bad edit never leaves staff without
 * answers.
 */
export class PolicyLibrary {
  private constructor(
    private readonly files: string[],
    private index: PolicyIndex,
    private loadedAt: Date,
  ) {}

  /** Policy files: POLICY_FILES when set, else those the trust file names (relative to it). */
  static filesFor(trust: Trust, trustFile: string, override?: string[]): string[] {
    return override?.length ? override : trust.data.policies.map((p) => path.resolve(path.dirname(trustFile), p));
  }

  static async load(files: string[]): Promise<PolicyLibrary> {
    return new PolicyLibrary(files, await loadPolicyIndex(files), new Date());
  }

  answer(question: string): PolicyAnswer {
    return answerQuestion(this.index, question);
  }

  get current(): PolicyIndex {
    return this.index;
  }

  /** How answers name the policy: its own title when the document has one. */
  title(): string {
    const title = this.index.documents.find((d) => d.title)?.title;
    return title ? `the ${title.replace(/^the\s+/i, '')}` : 'the Information Security Policy';
  }

  /** What the policy says about sharing passwords: forbidden outright, or allowed with authorisation. */
  passwordSharingRule(): PasswordSharingRule {
    return findPasswordSharingRule(this.index);
  }

  passwordSharingForbidden(): boolean {
    return this.passwordSharingRule().forbidden;
  }

  /** Re-reads the files; throws (keeping the old index) when any of them cannot be loaded. */
  async reload(): Promise<{ documents: number; passages: number; outline: OutlineSummary }> {
    this.index = await loadPolicyIndex(this.files);
    this.loadedAt = new Date();
    return { ...this.summary(), outline: summariseOutline(this.index.documents) };
  }

  summary(): { documents: number; passages: number } {
    return { documents: this.index.documents.length, passages: this.index.passages.length };
  }

  get lastLoaded(): Date {
    return this.loadedAt;
  }
}
