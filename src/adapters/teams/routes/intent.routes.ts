import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { TYPED_AS, type TypedAs } from '../../../../dialogs/flow-base.dialog.js';
import { itemFor } from '../../../domain/incidents/incident-intent.js';
import type { Recognition } from '../../../domain/intent/intent-recogniser.js';
import { kindByIdOrName } from '../../../domain/requests/kinds.js';
import type { AnyRequestKind } from '../../../domain/requests/request-kind.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, cardAttachment } from '../card-renderer.js';
import type { DialogRunner } from '../dialog-runner.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { VERBS } from '../verbs.js';
import { MAX_MESSAGE_LENGTH } from './fallback.routes.js';
import { startLostDevice } from './incident.routes.js';
import { answerFromChat, reloadPolicy, sendQuestionReport } from './question.routes.js';
import { startRequestFlow } from './request-flows.js';
import { delegate, endDelegation, listCard, sendDelegationForm, sendRegisters } from './request.routes.js';
import { sendWelcome } from './welcome.routes.js';

/** How each intent is put to the person when the recogniser is unsure ("…, or to ask for a password-sharing authorisation?"). */
const ASK_AS: Record<string, string> = {
  question: 'know what the policy says',
  'lost-device': 'report a lost or stolen device',
  'my-requests': 'see your requests',
  'waiting-for-me': 'see what is waiting for your decision',
  delegate: 'hand over your approvals while you are away',
};

/** What the intent route uses: what each flow, list and answer it sends a message to uses. */
type IntentServices = Pick<
  BotServices,
  'trust' | 'intents' | 'store' | 'clock' | 'directory' | 'outbox' | 'policies' | 'requests' | 'incidents' | 'questions' | 'teaching' | 'exports' | 'publicUrl' | 'logger'
>;

/** Intents that start something: guessing one wrongly costs the person a flow to back out of. */
const STARTS_SOMETHING = (intent: string) => intent === 'lost-device' || intent === 'delegate' || kindByIdOrName(intent) !== undefined;

/**
 * Typed messages: the intent recogniser decides what the message is for, and the one route sends
 * it to the flow, list or answer. Registered after the dialogs (a running flow sees its own
 * messages first) and before the catch-all.
 */
export function registerIntentRoutes(app: Application<TurnState>, services: IntentServices, runner: DialogRunner): void {
  app.message(
    async (context) => isTypedText(context),
    async (context) => {
      const person = identify(context, services.trust);
      if (!person) return sendUnknownUserCard(context, services.trust);
      const text = context.activity.text!.trim();
      const recognition = await services.intents.recognise(text, { now: services.clock.now(), senderId: person.id });
      if (await toRunningFlow(context, runner, recognition)) return;
      const unsure = !recognition.confident && recognition.alternatives[0];
      if (unsure && (STARTS_SOMETHING(recognition.intent) || STARTS_SOMETHING(unsure.intent))) {
        return askWhichIntent(context, text, [recognition.intent, unsure.intent]);
      }
      await follow(context, services, runner, person, text, recognition);
    },
  );

  app.adaptiveCards.actionSubmit<{ intent?: unknown; text?: unknown }>(VERBS.intentChoice, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    const intent = typeof data?.intent === 'string' && services.intents.intents().includes(data.intent) ? data.intent : undefined;
    const text = typeof data?.text === 'string' ? data.text.slice(0, MAX_MESSAGE_LENGTH) : '';
    if (!intent || !text.trim()) {
      await context.sendActivity("Sorry, I didn't recognise that button. Type **help** to see what I can do.");
      return;
    }
    const slots = services.intents.slotsFor(text, intent, { now: services.clock.now(), senderId: person.id });
    await follow(context, services, runner, person, text, { intent, confidence: 1, confident: true, alternatives: [], ...slots });
  });
}

/**
 * Typed text inside a running flow: "cancel" in any words goes to the flow (which asks to confirm
 * when it holds answers); in a request form, text that is not clearly something else (a question,
 * small talk, another request) answers the field on screen. False when the message is not the flow's.
 */
async function toRunningFlow(context: TurnContext, runner: DialogRunner, r: Recognition): Promise<boolean> {
  const flow = await runner.activeFlow(context);
  if (!flow) return false;
  if (r.intent === 'cancel') {
    context.turnState.set(TYPED_AS, 'cancel' satisfies TypedAs);
    return runner.continue(context);
  }
  const form = kindByIdOrName(flow);
  if (!form || (r.confident && r.intent !== form.name)) return false;
  context.turnState.set(TYPED_AS, 'answer' satisfies TypedAs);
  return runner.continue(context);
}

/** A typed message the bot should read: text, not a card's button, within the length it reads. */
function isTypedText(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === ActivityTypes.Message && a.value === undefined && typeof a.text === 'string' && a.text.trim() !== '' && a.text.length <= MAX_MESSAGE_LENGTH;
}

async function askWhichIntent(context: TurnContext, text: string, intents: string[]): Promise<void> {
  const describe = (intent: string) => ASK_AS[intent] ?? `ask for ${articled(kindByIdOrName(intent)?.title.toLowerCase() ?? intent.replace(/-/g, ' '))}`;
  const [first, second] = intents.map(describe);
  await context.sendActivity({
    attachments: [
      cardAttachment('intent-choice', {
        question: `Do you want to ${first}, or to ${second}?`,
        choices: intents.map((intent) => ({ verb: VERBS.intentChoice, intent, text, title: capitalise(describe(intent)) })),
      }),
    ],
  });
}

/** Sends the message where its intent says. */
async function follow(context: TurnContext, services: IntentServices, runner: DialogRunner, person: Person, text: string, r: Recognition): Promise<void> {
  const kind = kindByIdOrName(r.intent);
  if (kind) return startRequestFlow(context, services, runner, kind, prefillFor(kind, r, services));
  const list = async (which: 'my_requests' | 'waiting_for_me', about?: string) =>
    void (await context.sendActivity({ attachments: [asAttachment(await listCard(services, person, which, undefined, about))] }));
  switch (r.intent) {
    case 'greeting':
    case 'help':
      // Nothing caught (no policy words, no small talk the classifier is sure of): say so, then the help buttons.
      if (r.caught === false) await context.sendActivity("Sorry, I didn't catch that. Here is what I can help with.");
      return sendWelcome(context, services);
    case 'thanks':
      return void (await context.sendActivity("You're welcome. I'm here whenever you need me."));
    case 'goodbye':
      return void (await context.sendActivity('Bye for now. Message me any time.'));
    case 'cancel':
      return cancelFromChat(context, () => list('my_requests'));
    case 'my-requests':
      return list('my_requests', r.slots.software ?? r.slots.system ?? r.slots.device);
    case 'waiting-for-me':
      return list('waiting_for_me');
    case 'registers':
      return sendRegisters(context, services, person);
    case 'report':
      return sendQuestionReport(context, services, person);
    case 'reload-policy':
      return reloadPolicy(context, services, person);
    case 'back':
      return endDelegation(context, services, person);
    case 'delegate':
      return delegateFromChat(context, services, person, r);
    case 'lost-device':
      return startLostDevice(runner, {
        item: r.slots.device ? itemFor(r.slots.device) : undefined,
        circumstance: r.slots.lostOrStolen === 'stolen' || r.slots.lostOrStolen === 'lost' ? r.slots.lostOrStolen : undefined,
      })(context);
    default:
      return answerFromChat(context, services, person, text);
  }
}

/** "nvm", "forget it" with no flow running: the person's requests, each pending one with its Cancel (which asks to confirm). */
async function cancelFromChat(context: TurnContext, showRequests: () => Promise<void>): Promise<void> {
  await context.sendActivity("There's nothing in progress to cancel. Here are your requests: a pending one can be cancelled with its **Cancel** button.");
  await showRequests();
}

async function delegateFromChat(context: TurnContext, services: Pick<BotServices, 'trust' | 'clock' | 'outbox' | 'requests'>, person: Person, r: Recognition): Promise<void> {
  const to = r.slots.to ? services.trust.data.people.find((p) => p.name === r.slots.to) : undefined;
  if (r.toChoices) await context.sendActivity(`More than one person is called that (${r.toChoices.join(', ')}): please choose on the form.`);
  if (!to || !r.slots.until) return sendDelegationForm(context, services, person);
  return delegate(context, services, person, to.id, r.slots.until);
}

/** Form values from the slots: a slot fills the field of the same name; `to` fills the colleague picker. */
function prefillFor(kind: AnyRequestKind, r: Recognition, services: Pick<BotServices, 'trust'>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of kind.fields) {
    const slot = (r.slots as Record<string, string | undefined>)[field.slot ?? field.id];
    if (slot && (field.input === 'text' || field.input === 'date' || field.input === 'multiline')) values[field.id] = slot;
    if (field.input === 'colleague' && r.slots.to) {
      const person = services.trust.data.people.find((p) => p.name === r.slots.to);
      if (person) values[field.id] = person.id;
    }
  }
  return values;
}

function articled(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

function capitalise(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}
