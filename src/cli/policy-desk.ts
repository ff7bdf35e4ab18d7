#!/usr/bin/env node
/**
 * policy-desk: answers policy questions from the command line.
 *
 *   policy-desk ask [--policy <file-or-dir>] "question"    prints a readable answer
 *   policy-desk ask [--policy <file-or-dir>] < q.jsonl     one JSON answer line per question line
 *   policy-desk route [--trust <file>] < m.jsonl           one intent line per message line
 *   policy-desk sections [--policy <file-or-dir>]          the recovered outline, one JSON line per citable section
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { PolicyFileError, loadPolicies } from '../adapters/policy-files/policy-file-loader.js';
import { outlineOf } from '../domain/policy/outline.js';
import { loadPolicyIndex } from '../adapters/policy-files/policy-index-loader.js';
import type { PolicyIndex } from '../domain/policy/policy-index.js';
import { answerQuestion } from '../domain/policy/answer.js';
import { askAnswerLine } from './ask-lines.js';
import { readJsonlItems } from './jsonl-input.js';
import { ROUTE_USAGE, runRoute } from './route-command.js';

const USAGE = `usage:
  policy-desk ask [--policy <file-or-dir>] "your question"
  policy-desk ask [--policy <file-or-dir>] < questions.jsonl   (one {"id","question"} object a line)
${ROUTE_USAGE}
  policy-desk sections [--policy <file-or-dir>]   the outline the bot cites: one {"id","title","text"} line per section

--policy defaults to samples/information-security-policy.md`;

class UsageError extends Error {}

function defaultPolicy(): string {
  // dist/src/cli -> project root
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const root of [path.resolve(here, '../../..'), path.resolve(here, '../..'), process.cwd()]) {
    const candidate = path.join(root, 'samples', 'information-security-policy.md');
    if (existsSync(candidate)) return candidate;
  }
  return path.join(process.cwd(), 'samples', 'information-security-policy.md');
}

function parseArgs(argv: string[]): { command: 'ask' | 'sections'; policy: string; question?: string } {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    process.exit(0);
  }
  if (command !== 'ask' && command !== 'sections') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  let policy: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--policy' || a === '-p') {
      policy = rest[++i];
      if (!policy) throw new UsageError('--policy needs a file or directory');
    } else if (a.startsWith('--policy=')) {
      policy = a.slice('--policy='.length);
    } else if (a.startsWith('-') && a.length > 1) {
      throw new UsageError(`unknown option "${a}"`);
    } else {
      words.push(a);
    }
  }
  const question = words.join(' ').trim();
  if (command === 'sections' && question) throw new UsageError('sections takes no question');
  return { command, policy: policy ?? defaultPolicy(), question: question || undefined };
}

function printReadable(index: PolicyIndex, question: string): void {
  const a = answerQuestion(index, question);
  if (!a.answered) {
    console.log('The policy does not cover this question.');
    if (a.passages[0]) console.log(`Closest clause: ${a.passages[0].section} (${a.passages[0].source})`);
    console.log(`Suggested contact: ${a.handoffRole === 'dpc' ? 'Data Protection Champion' : 'IT manager'}`);
    return;
  }
  a.passages.slice(0, 3).forEach((p, i) => {
    console.log(`${i === 0 ? 'Answer' : 'See also'} — ${p.section} (${p.source}):`);
    if (p.leadIn) console.log(`  ${p.leadIn}`);
    console.log(`  "${p.text}"`);
  });
  if (a.nextStep) console.log(`Next step: start a ${a.nextStep.replace('_', ' ')} request.`);
}

async function batch(index: PolicyIndex): Promise<void> {
  for await (const q of readJsonlItems('question', 'no "question" text')) {
    process.stdout.write(JSON.stringify(askAnswerLine(q.id, answerQuestion(index, q.text))) + '\n');
  }
}

async function main(): Promise<number> {
  let args;
  try {
    if (process.argv[2] === 'route') {
      return await runRoute(process.argv.slice(3), (message) => {
        throw new UsageError(message);
      });
    }
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`policy-desk: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args.command === 'sections') {
    for (const doc of await loadPolicies(args.policy)) for (const entry of outlineOf(doc)) process.stdout.write(JSON.stringify(entry) + '\n');
    return 0;
  }
  const index = await loadPolicyIndex(args.policy);
  if (args.question) printReadable(index, args.question);
  else if (process.stdin.isTTY) {
    console.error(`policy-desk: give a question, or question lines on standard input\n${USAGE}`);
    return 2;
  } else await batch(index);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof PolicyFileError) console.error(`policy-desk: cannot load policy: ${err.message}`);
    else console.error(`policy-desk: ${(err as Error)?.message ?? String(err)}`);
    process.exitCode = 1;
  },
);
