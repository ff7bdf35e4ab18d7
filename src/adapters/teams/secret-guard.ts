import type { Middleware, TurnContext } from 'botbuilder';
import { redactSecrets, redactSecretsDeep, type SecretKind } from '../../domain/secrets/secret-redaction.js';
import type { AnswerPassage } from '../../domain/policy/policy-types.js';
import type { Logger } from '../../logger.js';

/** Keys the bot itself writes into card data: never user text, and ids must survive intact. */
const BOT_WRITTEN_KEYS = new Set(['verb', 'flow', 'step', 'flowAction', 'requestId', 'incidentId', 'questionId', 'role', 'decision', 'view', 'idempotencyKey']);

export interface SecretGuardDeps {
  /** Whether the turn answers a flow about passwords (a lone password-shaped word there is a password). */
  inCredentialFlow(context: TurnContext): Promise<boolean>;
  /** The policy's clause on keeping passwords to yourself, quoted in the notice. */
  passwordClause(): AnswerPassage | undefined;
  logger: Logger;
}

/**
 * Bot Framework middleware, first in the pipeline: removes secrets from what the person typed
 * (message text, its HTML copy, card inputs) before any route, dialog, store or log sees the
 * activity, then tells the person what happened. Teams keeps their own message; the bot cannot
 * delete it, so the notice asks them to.
 */
export class SecretGuard implements Middleware {
  constructor(private readonly deps: SecretGuardDeps) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const found = await this.redact(context);
    if (found.length > 0) {
      this.deps.logger.info({ activityId: context.activity.id, secrets: found.length, kinds: [...new Set(found)] }, 'removed secrets from an incoming activity');
      await context.sendActivity(this.notice(found));
    }
    await next();
  }

  private async redact(context: TurnContext): Promise<SecretKind[]> {
    const activity = context.activity;
    if (activity.type !== 'message' && activity.type !== 'invoke') return [];
    const credentialContext = await this.deps.inCredentialFlow(context);
    const found: SecretKind[] = [];
    if (typeof activity.text === 'string') {
      const r = redactSecrets(activity.text, { credentialContext });
      activity.text = r.text;
      found.push(...r.found);
    }
    if (activity.value !== undefined) {
      const r = redactSecretsDeep(activity.value, { credentialContext }, BOT_WRITTEN_KEYS);
      activity.value = r.value;
      found.push(...r.found);
    }
    // Teams also sends the message as HTML; its copy must go too. The count is already known from the text.
    if (activity.attachments?.length) activity.attachments = redactSecretsDeep(activity.attachments, { credentialContext }, new Set(['contentType'])).value;
    return found;
  }

  private notice(found: SecretKind[]): string {
    const what = found.includes('card-number') ? 'a card number' : found.every((k) => k === 'pin') ? 'a PIN' : 'a password';
    const lines = [
      `🔒 Your message looked like it contained ${what}, so I removed it before saving or showing anything: nobody sees it from me.`,
      "Teams still shows your own message and I can't delete it for you: please **delete it now** (hover or long-press it, then *Delete*), and **change that password** (or PIN) straight away.",
    ];
    const clause = this.deps.passwordClause();
    if (clause) lines.push(`Your policy (${clause.section}): _"${clause.text}"_`);
    lines.push("I've carried on with the rest of your message.");
    return lines.join('\n\n');
  }
}
