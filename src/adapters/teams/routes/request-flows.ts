import type { TurnContext } from 'botbuilder';
import { RequestFormDialog, type RequestFlowOptions, type RequestFormDeps } from '../../../../dialogs/request-form.dialog.js';
import { kindByIdOrName } from '../../../domain/requests/kinds.js';
import type { AnyRequestKind } from '../../../domain/requests/request-kind.js';
import { KINDS } from '../../../kinds/registry.js';
import type { BotServices } from '../bot-services.js';
import { cardAttachment } from '../card-renderer.js';
import type { DialogRunner } from '../dialog-runner.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { announceNewRequest } from '../notification-dispatcher.js';
import { clauseFor, factHelpers, fieldFacts } from '../request-cards.js';
import type { FlowStarter } from './flow.routes.js';

/** What the form dialog gets from the Teams layer: the trust, the clock, cards, clauses, and submitting. */
export function requestFormDeps(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'outbox' | 'policies' | 'requests' | 'intents'>,
): RequestFormDeps {
  return {
    trust: services.trust,
    clock: services.clock,
    card: cardAttachment,
    clause: (kind, school) => clauseFor(services, kind, school),
    forbiddenBy(kind) {
      const rule = kind.policyRule?.(services.policies.current);
      if (!rule?.forbidden) return undefined;
      return { clause: rule.passage ? { section: rule.passage.section, text: rule.passage.text } : undefined };
    },
    async submit(context, actor, input) {
      await announceNewRequest(context, services, await services.requests.submitRequest(actor, input));
    },
    facts: (kind, values) => fieldFacts(kind, values, factHelpers(services, false), 'summary'),
    readAnswer: (field, schema, text, personId) => services.intents.answerFor(field, schema, text, { now: services.clock.now(), senderId: personId }),
  };
}

/** Adds one form dialog per registered kind to the runner. */
export function addRequestDialogs(
  runner: DialogRunner,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'outbox' | 'policies' | 'requests' | 'intents'>,
): void {
  const deps = requestFormDeps(services);
  for (const kind of KINDS) runner.add(new RequestFormDialog(kind, deps));
}

/** Starters for the welcome card's (and answer cards') request buttons, one per kind id. */
export function requestFlowStarters(services: Pick<BotServices, 'trust'>, runner: DialogRunner): Record<string, FlowStarter> {
  return Object.fromEntries(KINDS.map((kind) => [kind.id, (context: TurnContext) => startRequestFlow(context, services, runner, kind)]));
}

/** Starts a request flow (a kind, or its id or name) for the person behind the turn, with anything already known filled in. */
export async function startRequestFlow(
  context: TurnContext,
  services: Pick<BotServices, 'trust'>,
  runner: DialogRunner,
  kindOrId: AnyRequestKind | string,
  prefill: Record<string, string> = {},
): Promise<void> {
  const person = identify(context, services.trust);
  if (!person) return sendUnknownUserCard(context, services.trust);
  const kind = typeof kindOrId === 'string' ? kindByIdOrName(kindOrId) : kindOrId;
  if (!kind) {
    await context.sendActivity("Sorry, I didn't recognise that kind of request. Type **help** to see what I can do.");
    return;
  }
  const options: RequestFlowOptions = { personId: person.id, values: prefill };
  await runner.begin(context, kind.name, options);
}
