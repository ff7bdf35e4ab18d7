import { TurnContext, type ConversationReference } from 'botbuilder';
import type { DocumentStore } from '../../domain/ports.js';

const COLLECTION = 'conversation-references';

export interface KnownConversation {
  aadObjectId: string;
  teamsUserId: string;
  reference: Partial<ConversationReference>;
  updatedAt: string;
}

/**
 * Remembers each user's 1:1 conversation with the bot (from any activity or the install event),
 * so the bot can message them later: approval cards, decisions, reminders.
 */
export class ConversationDirectory {
  constructor(private readonly store: DocumentStore) {}

  /**
   * Records the sender's personal conversation; a no-op for group chats and channels. True when
   * the conversation is new (or changed), i.e. the bot can now reach someone it could not before.
   */
  async remember(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    const aadObjectId = activity.from?.aadObjectId;
    const isPersonal = activity.conversation?.conversationType === 'personal' || !activity.conversation?.conversationType;
    if (!aadObjectId || !activity.from?.id || !isPersonal || !activity.serviceUrl) return false;

    const key = aadObjectId.toLowerCase();
    const reference = TurnContext.getConversationReference(activity);
    const existing = await this.store.get<KnownConversation>(COLLECTION, key);
    const same =
      existing?.value.teamsUserId === activity.from.id &&
      existing.value.reference.conversation?.id === reference.conversation?.id &&
      existing.value.reference.serviceUrl === reference.serviceUrl;
    if (same) return false;

    await this.store.put<KnownConversation>(COLLECTION, key, {
      aadObjectId: key,
      teamsUserId: activity.from.id,
      reference,
      updatedAt: new Date().toISOString(),
    });
    return true;
  }

  async find(aadObjectId: string): Promise<KnownConversation | undefined> {
    return (await this.store.get<KnownConversation>(COLLECTION, aadObjectId.toLowerCase()))?.value;
  }
}
