import type { Attachment, TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ZodTypeAny } from 'zod';
import { fieldOnScreen, type TypedAnswer } from '../src/domain/intent/typed-answer.js';
import { DomainError, NoApproverError, RequestKindDisabledError, ValidationError } from '../src/domain/requests/errors.js';
import { formSchema } from '../src/domain/requests/kinds.js';
import type { AnyRequestKind, Details, Fact, FieldSpec } from '../src/domain/requests/request-kind.js';
import { isoDate } from '../src/domain/requests/request.js';
import { routeRequest } from '../src/domain/requests/routing.js';
import { parseInput } from '../src/domain/requests/schema-helpers.js';
import type { Clock } from '../src/domain/ports.js';
import type { Person, Trust } from '../src/domain/trust/trust.js';
import { CardInputDialog, cardInputs, FLOW_FORM_VERB, FlowBaseDialog, type CardMaker, type FlowCardData, type TypedAnswerResult } from './flow-base.dialog.js';

const STEPS = 'request-steps';

/** A clause of the trust's policy, quoted on forms and refusals. */
export interface Clause {
  section: string;
  text: string;
}

/** What the form dialog needs from the rest of the bot, and nothing more. */
export interface RequestFormDeps {
  trust: Trust;
  clock: Clock;
  /** cards/<name>.json bound to data. */
  card: CardMaker;
  /** The clause the kind rests on, for the person's school. */
  clause(kind: AnyRequestKind, school: string | undefined): Clause | undefined;
  /** The policy's own rule against the kind, when the policy forbids it outright. */
  forbiddenBy(kind: AnyRequestKind): { clause?: Clause } | undefined;
  /** Raises the request and shows it to the requester and its approvers; throws domain errors. */
  submit(context: TurnContext, actor: { personId: string; conversationId?: string }, input: object): Promise<void>;
  /** The text and escaping used on cards. */
  facts(kind: AnyRequestKind, values: Record<string, unknown>): Fact[];
  /** Typed text read as the answer to one field (dates, colleagues), checked with the field's schema. */
  readAnswer(field: FieldSpec, schema: ZodTypeAny | undefined, text: string, personId: string): TypedAnswer;
}

/** What the form's steps remember between turns. */
interface FormStepValues {
  /** The values on the form card now on screen. */
  shown?: Record<string, string>;
  /** The checked inputs shown on the summary. */
  inputs?: Record<string, unknown>;
}

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

/**
 * The one form dialog every request kind runs, driven by its kind.ts: form card → checked with
 * the kind's schema (problems listed on the form again) → summary to confirm → submitted → the
 * requester's card and the approvers' cards. Its id is the kind's name.
 */
export class RequestFormDialog extends FlowBaseDialog {
  constructor(
    private readonly kind: AnyRequestKind,
    private readonly deps: RequestFormDeps,
  ) {
    super(kind.name);
    this.addDialog(new CardInputDialog(deps.card));
    this.addDialog(new WaterfallDialog(STEPS, [this.showForm.bind(this), this.checkForm.bind(this), this.afterSummary.bind(this)]));
    this.initialDialogId = STEPS;
  }

  protected override helpText(): string {
    return this.kind.help;
  }

  private async showForm(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const person = this.deps.trust.findById(options.personId);
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
    const values = stringValues(options.values);
    (step.values as FormStepValues).shown = values;
    const card = this.deps.card('request-form', {
      verb: FLOW_FORM_VERB,
      flow: this.id,
      heading: this.kind.formTitle,
      intro: this.kind.formIntro.replace('{approver}', this.approverText(person)),
      clause: this.deps.clause(this.kind, this.schoolOf(person)) ?? null,
      problems: options.problems ?? [],
      fields: this.kind.fields.map((f) => ({
        id: f.id,
        input: f.input,
        label: f.label,
        heading: f.heading ?? '',
        placeholder: f.placeholder ?? '',
        textStyle: f.input === 'url' ? 'Url' : 'Text',
        required: f.required ?? false,
        maxLength: f.maxLength ?? 1000,
        errorMessage: f.errorMessage ?? '',
        confirmText: f.confirmText ?? '',
        value: values[f.id] ?? (f.input === 'confirm' ? 'false' : ''),
      })),
      colleagues: this.kind.fields.some((f) => f.input === 'colleague') ? this.colleaguesOf(person) : [],
      today: isoDate(this.deps.clock.now()),
    });
    return step.beginDialog(CardInputDialog.ID, { card, flow: this.id, takesTypedAnswers: true });
  }

  private async checkForm(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const person = this.deps.trust.findById(step.options.personId)!;
    if (isTypedAnswer(step.result)) return this.takeTypedAnswer(step, step.result.typed);
    const inputs = cardInputs(step.result as FlowCardData);
    let checked: Record<string, unknown>;
    try {
      checked = parseInput(formSchema(this.kind), inputs);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return step.replaceDialog(STEPS, { personId: person.id, values: inputs, problems: err.problems });
    }
    (step.values as FormStepValues).inputs = inputs;
    const card = this.deps.card('request-summary', {
      verb: FLOW_FORM_VERB,
      flow: this.id,
      titleLower: this.kind.title.toLowerCase(),
      approverText: this.approverText(person, checked),
      facts: this.deps.facts(this.kind, checked),
    });
    return step.beginDialog(CardInputDialog.ID, { card, flow: this.id });
  }

  private async afterSummary(step: WaterfallStepContext<RequestFlowOptions>): Promise<DialogTurnResult> {
    const data = step.result as FlowCardData;
    const personId = step.options.personId;
    const inputs = (step.values as FormStepValues).inputs ?? {};
    if (data.step === 'form') return step.replaceDialog(STEPS, { personId, submitted: data });
    if (data.flowAction !== 'confirm') return step.replaceDialog(STEPS, { personId, values: inputs });

    const actor = { personId, conversationId: step.context.activity.conversation?.id };
    try {
      await this.deps.submit(step.context, actor, { ...inputs, kind: this.kind.id });
    } catch (err) {
      if (err instanceof ValidationError) return step.replaceDialog(STEPS, { personId, values: inputs, problems: err.problems });
      if (err instanceof RequestKindDisabledError) {
        const person = this.deps.trust.findById(personId);
        await step.context.sendActivity({
          attachments: [this.refusalCard(err.message, this.deps.clause(this.kind, person && this.schoolOf(person)))],
        });
      } else if (err instanceof NoApproverError || err instanceof DomainError) {
        await step.context.sendActivity(err.message);
      } else {
        throw err;
      }
    }
    return step.endDialog();
  }

  /** Typed text fills the field on screen (or says why it can't), and the form is shown again with it. */
  private async takeTypedAnswer(step: WaterfallStepContext<RequestFlowOptions>, text: string): Promise<DialogTurnResult> {
    const personId = step.options.personId;
    const values: Record<string, string> = { ...((step.values as FormStepValues).shown ?? {}) };
    const field = fieldOnScreen(this.kind.fields, values);
    if (!field) {
      return step.replaceDialog(STEPS, { personId, values, problems: ['Every question on the form has an answer: change any of them on the form, then press **Next**.'] });
    }
    const answer = this.deps.readAnswer(field, this.kind.schema.shape[field.id] as ZodTypeAny | undefined, text, personId);
    if ('problem' in answer) return step.replaceDialog(STEPS, { personId, values, problems: [answer.problem] });
    values[field.id] = answer.value;
    return step.replaceDialog(STEPS, { personId, values });
  }

  protected override holdsAnswers(innerDc: DialogContext): boolean {
    const steps = innerDc.stack.find((instance) => instance.id === STEPS);
    const shown = (steps?.state as { values?: FormStepValues } | undefined)?.values?.shown ?? {};
    return Object.values(shown).some((v) => v.trim() !== '' && v !== 'false');
  }

  protected override cancelConfirmCard(): Attachment {
    return this.deps.card('flow-cancel-confirm', {
      question: `Stop this ${this.kind.title.toLowerCase()}? What you've filled in so far won't be sent or kept.`,
      verb: FLOW_FORM_VERB,
      flow: this.id,
    });
  }

  /** Why this person cannot make this kind of request at all: the policy forbids it, or the trust or school does. */
  private refusal(person: Person): Attachment | undefined {
    const forbidden = this.deps.forbiddenBy(this.kind);
    if (forbidden) {
      return this.refusalCard(
        `Your trust's policy forbids this, so I can't raise a request for it. Nobody can authorise it.`,
        forbidden.clause,
      );
    }
    const school = this.schoolOf(person);
    if (this.deps.trust.route(this.kind, school).enabled) return undefined;
    return this.refusalCard("Your trust's policy doesn't allow this, so I can't raise a request for it.", this.deps.clause(this.kind, school));
  }

  private refusalCard(explanation: string, clause: Clause | undefined): Attachment {
    const itManager = this.deps.trust.peopleWithRole('it_manager')[0];
    return this.deps.card('request-refused', {
      heading: `${this.kind.title}s aren't allowed`,
      explanation,
      clause: clause ?? null,
      contact: itManager ? `If you need help with this, ask ${itManager.name} (${itManager.email}).` : null,
    });
  }

  private schoolOf(person: Person): string | undefined {
    return this.deps.trust.schoolsOf(person)[0];
  }

  /** Colleagues at the requester's school(s) to choose from; central staff see the trust-wide team. */
  private colleaguesOf(person: Person): { id: string; name: string }[] {
    const trust = this.deps.trust;
    const schools = trust.schoolsOf(person);
    return trust.data.people
      .filter((p) => {
        if (p.id === person.id) return false;
        const theirs = trust.schoolsOf(p);
        return schools.length === 0 ? theirs.length === 0 : theirs.some((s) => schools.includes(s));
      })
      .map((p) => ({ id: p.id, name: p.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * "Megan Bowen", "Adele Vance or Isaiah Langer": who the request would go to now. For a kind
   * routed by one of its fields, nobody is named until that field is filled in.
   */
  private approverText(person: Person, values?: Record<string, unknown>): string {
    if (this.kind.routeByField && !values) return 'the authoriser your trust names for it';
    try {
      const route = routeRequest(this.deps.trust, this.kind, person, this.schoolOf(person), values as Details | undefined);
      const names = route.approverIds.map((id) => this.deps.trust.findById(id)?.name).filter((n): n is string => Boolean(n));
      return names.length <= 1 ? (names[0] ?? 'your approver') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
    } catch {
      return 'your approver';
    }
  }
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

function isTypedAnswer(result: unknown): result is TypedAnswerResult {
  return typeof result === 'object' && result !== null && typeof (result as TypedAnswerResult).typed === 'string';
}
