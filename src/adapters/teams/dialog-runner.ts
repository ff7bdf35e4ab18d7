import type { Application, TurnState } from '@microsoft/teams-ai';
import { ConversationState, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { flowCardData, isFlowInterruption, NO_LONGER_CURRENT, retireTappedCard } from '../../../dialogs/flow-base.dialog.js';
import { cardAttachment } from './card-renderer.js';

/**
 * Runs the botbuilder dialogs (one per flow) inside teams-ai routes. Dialog state lives in a
 * botbuilder ConversationState on the bot's own storage, so a flow survives restarts and runs on
 * any instance.
 */
export class DialogRunner {
  private readonly conversationState: ConversationState;
  private readonly dialogs: DialogSet;

  /**
   * @param personalChat runs a flow in the person's 1:1 chat: requests and reports hold personal
   * details, so a flow started in a group chat or channel moves there.
   */
  constructor(
    storage: Storage,
    private readonly personalChat?: (aadObjectId: string, logic: (context: TurnContext) => Promise<void>) => Promise<boolean>,
  ) {
    this.conversationState = new ConversationState(storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
  }

  /** Adds a flow's dialog; its id is what {@link begin} takes. */
  add(dialog: Dialog): this {
    this.dialogs.add(dialog);
    return this;
  }

  /** Starts a flow in the person's 1:1 chat, ending any flow that chat was in. */
  async begin(context: TurnContext, dialogId: string, options?: object): Promise<void> {
    const conversationType = context.activity.conversation?.conversationType;
    if (conversationType && conversationType !== 'personal') {
      const aadObjectId = context.activity.from?.aadObjectId;
      const moved = aadObjectId && this.personalChat ? await this.personalChat(aadObjectId, (personal) => this.beginHere(personal, dialogId, options)) : false;
      await context.sendActivity(
        moved
          ? "This holds personal details, so I've carried on in your 1:1 chat with me."
          : 'This holds personal details, so please open a 1:1 chat with Policy Desk and start it there.',
      );
      return;
    }
    await this.beginHere(context, dialogId, options);
  }

  private async beginHere(context: TurnContext, dialogId: string, options?: object): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(dialogId, options);
    await this.conversationState.saveChanges(context);
  }

  /** Passes the turn to the active flow; false when there is none. */
  async continue(context: TurnContext): Promise<boolean> {
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) return false;
    const result = await dc.continueDialog();
    await this.conversationState.saveChanges(context);
    return result.status !== DialogTurnStatus.empty;
  }

  /** The id of the flow the conversation is in, if any. */
  async activeFlow(context: TurnContext): Promise<string | undefined> {
    const dc = await this.dialogs.createContext(context);
    return dc.activeDialog?.id;
  }

  /** Forgets the conversation's flow (the error handler calls this so a broken flow cannot trap anyone). */
  async clear(context: TurnContext): Promise<void> {
    await this.conversationState.delete(context);
  }
}

/**
 * The route into running flows, registered before every other message route: a flow card's
 * buttons, and "cancel"/"help" typed while a flow is waiting. Any other typed message is left to
 * the other routes (a question asked mid-form is still answered, and the form stays usable).
 */
export function registerDialogRoutes(app: Application<TurnState>, runner: DialogRunner): void {
  app.message(
    async (context) => {
      const activity = context.activity;
      if (flowCardData(activity)) return true;
      // With no flow running, "cancel" and "help" are ordinary messages for the intent route.
      return isFlowInterruption(activity.text) && (await runner.activeFlow(context)) !== undefined;
    },
    async (context) => {
      if (await runner.continue(context)) return;
      if (flowCardData(context.activity)) await retireTappedCard(context, cardAttachment, NO_LONGER_CURRENT.endedForm);
      await context.sendActivity("That card is from a request I can't continue any more (it may have expired). Type **help** to start again.");
    },
  );
}
