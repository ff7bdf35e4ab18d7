import type { DocumentStore } from '../../domain/ports.js';
import { VersionConflictError } from '../../domain/ports.js';
import type { Person } from '../../domain/trust/trust.js';
import type { BotServices } from './bot-services.js';
import { asAttachment, type AdaptiveCardJson } from './card-renderer.js';
import type { NotifyResult } from './notifier.js';

const COLLECTION = 'card-copies';

/** One card the bot sent about a record: whose chat it is in and the message id to update. */
export interface CardCopy {
  aadObjectId: string;
  activityId: string;
  sentAt: string;
}

interface CardCopiesDoc {
  copies: CardCopy[];
}

/**
 * Remembers every card sent about a request or incident (`subject` is e.g. "request"), so that
 * after a decision every copy can be updated to the current state.
 */
export class CardCopies {
  constructor(private readonly store: DocumentStore) {}

  async record(subject: string, id: string, aadObjectId: string, activityId: string, at: Date = new Date()): Promise<void> {
    const key = `${subject}:${id}`;
    const copy: CardCopy = { aadObjectId: aadObjectId.toLowerCase(), activityId, sentAt: at.toISOString() };
    for (let attempt = 0; ; attempt++) {
      const stored = await this.store.get<CardCopiesDoc>(COLLECTION, key);
      const copies = stored?.value.copies ?? [];
      if (copies.some((c) => c.activityId === activityId && c.aadObjectId === copy.aadObjectId)) return;
      try {
        await this.store.put<CardCopiesDoc>(COLLECTION, key, { copies: [...copies, copy] }, stored?.version ?? null);
        return;
      } catch (err) {
        // Two cards about the same record sent at once: read again and add ours.
        if (err instanceof VersionConflictError && attempt < 20) continue;
        throw err;
      }
    }
  }

  /** Every copy sent about the record, oldest first; only one person's with `aadObjectId`. */
  async list(subject: string, id: string, aadObjectId?: string): Promise<CardCopy[]> {
    const copies = (await this.store.get<CardCopiesDoc>(COLLECTION, `${subject}:${id}`))?.value.copies ?? [];
    return aadObjectId ? copies.filter((c) => c.aadObjectId === aadObjectId.toLowerCase()) : copies;
  }
}

/** Which record a card is about: the subject its copies are kept under ("request", "incident") and its id. */
export interface CardSubject {
  subject: string;
  id: string;
}

/** Sends a record's card (rendered for `person`) to them and, with `track`, keeps the copy so it can be updated later. */
export async function sendCardCopy(
  services: Pick<BotServices, 'store' | 'clock' | 'notifier'>,
  about: CardSubject,
  person: Person,
  card: AdaptiveCardJson,
  track = true,
): Promise<NotifyResult> {
  const sent = await services.notifier.sendToUser(person.aadObjectId, { attachments: [asAttachment(card)] });
  if (sent.delivered && sent.activityId && track) {
    await new CardCopies(services.store).record(about.subject, about.id, person.aadObjectId, sent.activityId, services.clock.now());
  }
  return sent;
}

/**
 * Updates every stored copy of a record's card (only those held by `personIds` when given) to the
 * current state, each rendered for the person holding it. Returns how many were updated.
 */
export async function refreshCardCopies(
  services: Pick<BotServices, 'store' | 'trust' | 'notifier'>,
  about: CardSubject,
  render: (holder: Person | undefined) => Promise<AdaptiveCardJson>,
  personIds?: readonly string[],
): Promise<number> {
  let updated = 0;
  for (const copy of await new CardCopies(services.store).list(about.subject, about.id)) {
    const holder = services.trust.findByAadObjectId(copy.aadObjectId);
    if (personIds && (!holder || !personIds.includes(holder.id))) continue;
    const card = await render(holder);
    // The connector ignores an update without its activity type (the Playground drops it silently).
    if (await services.notifier.updateForUser(copy.aadObjectId, copy.activityId, { attachments: [asAttachment(card)] })) updated++;
  }
  return updated;
}
