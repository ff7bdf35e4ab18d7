import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { DocumentStore } from '../../domain/ports.js';
import type { AdaptiveCardJson } from './card-renderer.js';
import { purgeClaimsBefore } from './dated-claims.js';
import { VERBS } from './verbs.js';

const COLLECTION = 'taps';
/** The card-data field that carries a button's idempotency key. */
export const TAP_KEY = 'tapKey';
const KEY_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
/** A claim older than this belongs to a turn that died (a crashed instance): another may take it over. */
const STALE_CLAIM_MS = 2 * 60 * 1000;
/** How long a repeated tap waits for the first one to finish; well inside Teams' 15 seconds. */
const WAIT_MS = 8_000;

let repeatableVerbs: ReadonlySet<string> | undefined;

/** Verbs that only show or reopen something; every other verb's buttons count once. Built on first use: verbs.ts and the card renderer import each other. */
function isRepeatable(verb: string): boolean {
  repeatableVerbs ??= new Set([VERBS.startFlow, VERBS.requestShow, VERBS.requestRefresh, VERBS.incidentRefresh, VERBS.teachOpen, VERBS.teachReport]);
  return repeatableVerbs.has(verb);
}

export const ALREADY_SENT = 'Already sent: here it is.';
const STILL_WORKING = "Already received: I'm still working on your first tap. I'll reply here when it's done.";

interface TapRecord {
  id: string;
  at: string;
  state: 'pending' | 'done';
  /** What the first tap's invoke answered (Action.Execute). */
  invokeResponse?: { status: number; body?: unknown };
  /** What the first tap replied in the chat (Action.Submit), without ids. */
  replies?: Partial<Activity>[];
}

/**
 * Gives each button that changes something an idempotency key when its card is rendered (a
 * `tapKey` in the action's data), so the same tap can be recognised however often it arrives.
 */
export function stampTapKeys(card: AdaptiveCardJson): AdaptiveCardJson {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit' || o.type === 'Action.Execute') {
      const data = o.data && typeof o.data === 'object' && !Array.isArray(o.data) ? (o.data as Record<string, unknown>) : undefined;
      const verb = o.type === 'Action.Execute' ? o.verb : data?.verb;
      if (typeof verb === 'string' && !isRepeatable(verb)) o.data = { ...data, [TAP_KEY]: randomUUID() };
    }
    // The refresh action re-renders the card for each viewer: it is not a tap.
    for (const [key, value] of Object.entries(o)) if (key !== 'refresh') walk(value);
  };
  walk(card);
  return card;
}

/** The idempotency key a card tap carries, if it is a well-formed one. */
export function tapKeyOf(activity: Partial<Activity>): string | undefined {
  const value = activity.value as Record<string, any> | undefined;
  let data: unknown;
  if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') data = value?.action?.data;
  else if (activity.type === ActivityTypes.Message) data = value;
  const key = data && typeof data === 'object' ? (data as Record<string, unknown>)[TAP_KEY] : undefined;
  return typeof key === 'string' && KEY_PATTERN.test(key) ? key : undefined;
}

/**
 * Every tap counts once. The first arrival of a tap key claims it with a create-only write (atomic
 * in every store, so this holds across bot instances), runs the turn and stores what it answered;
 * a repeated or concurrent arrival creates nothing and gets that first answer back.
 */
export class TapGuard {
  constructor(
    private readonly store: DocumentStore,
    private readonly now: () => Date = () => new Date(),
    private readonly waitMs = WAIT_MS,
  ) {}

  /** Runs `turn` once per tap key; taps without a key (typed messages, refreshes) just run. */
  async run(context: TurnContext, turn: () => Promise<unknown>): Promise<void> {
    const key = tapKeyOf(context.activity);
    const person = context.activity.from?.aadObjectId || context.activity.from?.id;
    if (!key || !person) {
      await turn();
      return;
    }
    const id = `${person}|${key}`.slice(0, 200);
    if (!(await this.claim(id))) {
      await this.answerRepeat(context, id);
      return;
    }
    const record: TapRecord = { id, at: this.now().toISOString(), state: 'done', replies: [] };
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const sent of activities) {
        if (sent.type === ActivityTypes.InvokeResponse) record.invokeResponse = sent.value as TapRecord['invokeResponse'];
        else if (sent.type === ActivityTypes.Message || sent.type === undefined) record.replies!.push(replayable(sent));
      }
      return next();
    });
    try {
      await turn();
    } catch (err) {
      // The tap did not complete: let the person try again.
      await this.store.delete(COLLECTION, id).catch(() => undefined);
      throw err;
    }
    await this.store.put<TapRecord>(COLLECTION, id, record);
  }

  /** Forgets taps older than `maxAgeMs` (a card's buttons are not tapped twice days apart by accident). */
  async purgeOlderThan(maxAgeMs: number, now = this.now()): Promise<number> {
    return purgeClaimsBefore<TapRecord>(this.store, COLLECTION, new Date(now.getTime() - maxAgeMs), (tap) => tap.id);
  }

  private async claim(id: string): Promise<boolean> {
    const pending: TapRecord = { id, at: this.now().toISOString(), state: 'pending' };
    try {
      await this.store.put<TapRecord>(COLLECTION, id, pending, null);
      return true;
    } catch (err) {
      if ((err as Error).name !== 'VersionConflictError') throw err;
    }
    const current = await this.store.get<TapRecord>(COLLECTION, id);
    if (current?.value.state !== 'pending' || this.now().getTime() - Date.parse(current.value.at) < STALE_CLAIM_MS) return false;
    try {
      await this.store.put<TapRecord>(COLLECTION, id, pending, current.version);
      return true;
    } catch (err) {
      if ((err as Error).name === 'VersionConflictError') return false;
      throw err;
    }
  }

  /** The first tap's answer, once it has one. */
  private async answerRepeat(context: TurnContext, id: string): Promise<void> {
    const first = await this.waitForFirst(id);
    const invoke = context.activity.type === ActivityTypes.Invoke;
    if (!first || first.state !== 'done') {
      await reply(context, invoke, STILL_WORKING);
      return;
    }
    if (invoke) {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: withNotice(first.invokeResponse) });
      return;
    }
    await context.sendActivity(ALREADY_SENT);
    if (first.replies?.length) await context.sendActivities(first.replies);
  }

  private async waitForFirst(id: string): Promise<TapRecord | undefined> {
    const deadline = Date.now() + this.waitMs;
    let pause = 10;
    for (;;) {
      const doc = await this.store.get<TapRecord>(COLLECTION, id);
      if (!doc || doc.value.state === 'done' || Date.now() >= deadline) return doc?.value;
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 200);
    }
  }
}

async function reply(context: TurnContext, invoke: boolean, text: string): Promise<void> {
  if (!invoke) {
    await context.sendActivity(text);
    return;
  }
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } },
  });
}

/** The first invoke answer with "Already sent" on top, so the person knows nothing new happened. */
function withNotice(response: TapRecord['invokeResponse']): TapRecord['invokeResponse'] {
  const body = response?.body as { type?: string; value?: unknown } | undefined;
  if (!response || !body) return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: ALREADY_SENT } };
  if (typeof body.value === 'string') return { ...response, body: { ...body, value: `${ALREADY_SENT} ${body.value}` } };
  const card = body.value as AdaptiveCardJson | undefined;
  if (card && Array.isArray(card.body)) {
    const notice = { type: 'TextBlock', text: ALREADY_SENT, wrap: true, weight: 'Bolder', color: 'Accent' };
    return { ...response, body: { ...body, value: { ...card, body: [notice, ...card.body] } } };
  }
  return response;
}

/** A sent activity as it can be sent again: its content, not its ids or addresses. */
function replayable(activity: Partial<Activity>): Partial<Activity> {
  const { type, text, textFormat, attachments, attachmentLayout, summary, suggestedActions } = activity;
  return JSON.parse(JSON.stringify({ type: type ?? ActivityTypes.Message, text, textFormat, attachments, attachmentLayout, summary, suggestedActions }));
}
