import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { RequestFormDialog } from '../../dialogs/request-form.dialog.js';
import type { BotServices } from '../../src/adapters/teams/bot-services.js';
import { requestFormDeps } from '../../src/adapters/teams/routes/request-flows.js';
import type { AnyRequestKind } from '../../src/domain/requests/request-kind.js';
import { composeBot, type RunningBot } from '../../src/compose.js';
import { loadConfig, PROJECT_ROOT } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { FakeClock } from '../support/fake-clock.js';
import { cardText } from '../support/connector.js';
import { assertValidTeamsCard } from '../support/card-checks.js';
import '../support/template-warnings.js';

/** The real services (lowdb in a temp dir, the sample trust and policy), without the HTTP server listening. */
export interface DialogWorld {
  services: BotServices;
  clock: FakeClock;
  stop(): Promise<void>;
}

/**
 * Builds the bot's services for dialog tests. `trustChange` edits a copy of the sample trust;
 * `policyText` replaces the sample policy. Nobody has messaged the bot, so approvers' cards come
 * back "not delivered" (as for people who never opened the app).
 */
export async function dialogWorld(options: { trustChange?: (trust: any) => void; policyText?: string } = {}): Promise<DialogWorld> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-dialogs-'));
  const env: Record<string, string> = { DATA_DIR: path.join(dir, 'data'), PORT: '1', LOG_LEVEL: 'silent' };
  const trust = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'), 'utf8'));
  options.trustChange?.(trust);
  await writeFile(path.join(dir, 'trust.json'), JSON.stringify(trust));
  env.TRUST_FILE = path.join(dir, 'trust.json');
  const policy = options.policyText ?? (await readFile(path.join(PROJECT_ROOT, 'samples', 'information-security-policy.md'), 'utf8'));
  await writeFile(path.join(dir, 'policy.md'), policy);
  env.POLICY_FILES = path.join(dir, 'policy.md');
  const config = loadConfig(env);
  const clock = new FakeClock('2025-03-03T09:00:00.000Z');
  const bot: RunningBot = await composeBot(config, createLogger('silent'), clock);
  return {
    services: bot.services,
    clock,
    async stop() {
      await bot.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The one form dialog, running a kind, wired as the bot wires it. */
export function kindDialog(world: DialogWorld, kind: AnyRequestKind): RequestFormDialog {
  return new RequestFormDialog(kind, requestFormDeps(world.services));
}

/** A Teams-like user turn for the test client: typed text or an Action.Submit's data. */
export function says(text: string): Partial<Activity> {
  return { type: 'message', text };
}

export function clicks(value: Record<string, unknown>): Partial<Activity> {
  return { type: 'message', value };
}

/** The next reply: its text, or the text of its Adaptive Card (checked to be a valid Teams card). */
export function replyText(reply: Partial<Activity> | undefined): string {
  assert.ok(reply, 'the dialog sent no reply');
  const card = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  if (card) {
    assertValidTeamsCard(card);
    return cardText(card);
  }
  return reply.text ?? '';
}

export function replyCard(reply: Partial<Activity> | undefined): Record<string, any> {
  const card = reply?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  assert.ok(card, `expected a card, got ${JSON.stringify(reply?.text)}`);
  return card;
}

/** A step of a dialog table: what the user does, and what each reply must match (in order). */
export type DialogStep = [Partial<Activity>, ...(RegExp | ((reply: Partial<Activity>) => void))[]];

/** Plays a table of turns against a dialog, checking every reply; returns the client for more checks. */
export async function playTable(dialog: Dialog, options: object, table: DialogStep[]): Promise<DialogTestClient> {
  const client = new DialogTestClient('msteams', dialog, options);
  for (const [turn, ...expected] of table) {
    // The client hands back the first reply itself; the rest are queued.
    let reply: Partial<Activity> | undefined = await client.sendActivity(turn);
    for (const [i, check] of expected.entries()) {
      if (i > 0) reply = client.getNextReply();
      if (check instanceof RegExp) assert.match(replyText(reply), check, `after ${JSON.stringify(turn.text ?? turn.value)}:\n${replyText(reply)}`);
      else check(reply!);
    }
    const extra = client.getNextReply();
    assert.equal(extra, undefined, `unexpected extra reply after ${JSON.stringify(turn.text ?? turn.value)}: ${extra && replyText(extra)}`);
  }
  return client;
}

/** Every input id in a card. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}
