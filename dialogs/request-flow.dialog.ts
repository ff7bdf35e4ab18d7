import type { Attachment } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { DomainError, NoApproverError, RequestKindDisabledError, ValidationError } from '../src/domain/requests/errors.js';
import type { SubmitRequestInput } from '../src/domain/requests/request.js';
import { submitRequestSchema } from '../src/domain/requests/request.js';
import { isoDate } from '../src/domain/requests/request-service.js';
import { routeRequest } from '../src/domain/requests/routing.js';
import { parseInput } from '../src/domain/requests/schema-helpers.js';
import type { Person, RequestKind } from '../src/domain/trust/trust.js';
import type { BotServices } from '../src/adapters/teams/bot-services.js';
import { cardAttachment } from '../src/adapters/teams/card-renderer.js';
import { announceNewRequest } from '../src/adapters/teams/notification-dispatcher.js';
import { clauseFor, joinNames, REQUEST_TITLES, type QuotedClause } from '../src/adapters/teams/request-cards.js';
import { VERBS } from '../src/adapters/teams/verbs.js';
import { CardInputDialog, cardInputs, FlowBaseDialog, type FlowCardData } from './flow-base.dialog.js';

const STEPS = 'request-steps';

/** How a request flow starts: who asks, and anything already known (e.g. the software named in chat). */
export interface RequestFlowOptions {
  personId: string;
  /** Form values to show, as typed earlier. */
  values?: Record<string, unknown>;
  /** Problems to list above the form. */
  problems?: string[];
  /** A form already filled in (pressed again from an older card): check it straight away. */
  submitted?: FlowCardData;
}

/** A fact line of the summary card. */
export interface SummaryFact {
  title: string;
  value: string;
}

/**
 * One request flow: form card → checked with the domain's schema (problems listed on the form
 * again) → summary to confirm → RequestService.submitRequest → the requester's card and the
 * approvers' cards. Each kind says which form it shows and how its summary reads.
 */
export abstract class RequestFlowDialog extends FlowBaseDialog {
  protected abstract readonly kind: RequestKind;
  /** cards/<formCard>.json */
  protected abstract readonly formCard: string;

  constructor(
    id: string,
    protected readonly services: BotServices,
  ) {
    super(id);
    this.addDialog(new CardInputDialog());
    this.addDialog(new WaterfallDialog(STEPS, [this.showForm.bind(this), this.checkForm.bind(this), this.afterSummary.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Empty form values (every binding needs one). */
  protected abstract blankValues(): Record<string, string>;

  /** Extra bindings of the form card (e.g. a list of colleagues). */
  protected formExtras(_person: Person): Record<string, unknown> {
    return {};
  }

  /** The summary lines for a checked form, user text escaped. */
  protected abstract summaryFacts(input: SubmitRequestInput, person: Person): SummaryFact[];

  /** A card explaining why this person cannot make this kind of request at all, or undefined. */
  protected refusal(person: Person): Attachment | undefined {
    const school = this.services.trust.schoolsOf(person)[0];
    if (this.services.trust.route(this.kind, school).enabled) return undefined;
    return refusalCard(this.services, {
      heading: `${REQUEST_TITLES[this.kind]}s aren't allowed`,
      explanation: "Your trust's policy doesn't allow this, so I can't raise a request for it.",
      clause: clauseFor(this.services, this.kind, school),
    });
  }

  protected override helpText(): string {
    return 'Fill in the card above and press **Next**; you can check everything before it is sent.';
  }

  private async showForm(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const person = this.services.trust.findById(options.personId);
    if (!person) {
      await step.context.sendActivity("You're not in your trust's staff list yet, so I can't raise requests for you. Please ask your IT admin to add you.");
      return step.endDialog();
    }
    const refused = this.refusal(person);
    if (refused) {
      await step.context.sendActivity({ attachments: [refused] });
      return step.endDialog();
    }
    if (options.submitted) return step.next(options.submitted);
    const values = { ...this.blankValues(), ...stringValues(options.values) };
    const card = cardAttachment(this.formCard, {
      verb: VERBS.flowForm,
      flow: this.id,
      approverText: this.approverText(person),
      clause: clauseFor(this.services, this.kind, this.services.trust.schoolsOf(person)[0]) ?? null,
      problems: options.problems ?? [],
      values,
      today: isoDate(this.services.clock.now()),
      ...this.formExtras(person),
    });
    return step.beginDialog(CardInputDialog.ID, { card, flow: this.id });
  }

  private async checkForm(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const person = this.services.trust.findById(step.options.personId)!;
    const inputs = cardInputs(step.result as FlowCardData);
    let input: SubmitRequestInput;
    try {
      input = parseInput(submitRequestSchema, { ...inputs, kind: this.kind });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return step.replaceDialog(STEPS, { personId: person.id, values: inputs, problems: err.problems });
    }
    (step.values as { inputs?: Record<string, unknown> }).inputs = inputs;
    const card = cardAttachment('request-summary', {
      verb: VERBS.flowForm,
      flow: this.id,
      titleLower: REQUEST_TITLES[this.kind].toLowerCase(),
      approverText: this.approverText(person),
      facts: this.summaryFacts(input, person),
    });
    return step.beginDialog(CardInputDialog.ID, { card, flow: this.id });
  }

  private async afterSummary(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const data = step.result as FlowCardData;
    const personId = step.options.personId;
    const inputs = (step.values as { inputs?: Record<string, unknown> }).inputs ?? {};
    if (data.step === 'form') return step.replaceDialog(STEPS, { personId, submitted: data });
    if (data.flowAction !== 'confirm') return step.replaceDialog(STEPS, { personId, values: inputs });

    const actor = { personId, conversationId: step.context.activity.conversation?.id };
    try {
      const outcome = await this.services.requests.submitRequest(actor, { ...inputs, kind: this.kind });
      await announceNewRequest(step.context, this.services, outcome);
    } catch (err) {
      if (err instanceof ValidationError) return step.replaceDialog(STEPS, { personId, values: inputs, problems: err.problems });
      if (err instanceof RequestKindDisabledError) {
        const person = this.services.trust.findById(personId);
        await step.context.sendActivity({
          attachments: [
            refusalCard(this.services, {
              heading: `${REQUEST_TITLES[this.kind]}s aren't allowed`,
              explanation: err.message,
              clause: clauseFor(this.services, this.kind, person && this.services.trust.schoolsOf(person)[0]),
            }),
          ],
        });
      } else if (err instanceof NoApproverError || err instanceof DomainError) {
        await step.context.sendActivity(err.message);
      } else {
        throw err;
      }
    }
    return step.endDialog();
  }

  /** "Megan Bowen", "Adele Vance or Isaiah Langer": who the request would go to now. */
  private approverText(person: Person): string {
    try {
      const route = routeRequest(this.services.trust, this.kind, person, this.services.trust.schoolsOf(person)[0]);
      const names = route.approverIds.map((id) => this.services.trust.findById(id)?.name).filter((n): n is string => Boolean(n));
      return joinNames(names) || 'your approver';
    } catch {
      return 'your approver';
    }
  }
}

/** The card for a request that cannot be made at all, quoting the policy. */
export function refusalCard(
  services: BotServices,
  content: { heading: string; explanation: string; clause?: QuotedClause },
): Attachment {
  const itManager = services.trust.peopleWithRole('it_manager')[0];
  return cardAttachment('request-refused', {
    heading: content.heading,
    explanation: content.explanation,
    clause: content.clause ?? null,
    contact: itManager ? `If you need help with this, ask ${itManager.name} (${itManager.email}).` : null,
  });
}

/** Card inputs as form values: strings only, anything else dropped. */
function stringValues(values: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string') out[key] = value.slice(0, 1000);
    else if (typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
