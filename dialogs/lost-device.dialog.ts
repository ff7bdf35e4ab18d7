import type { TurnContext } from 'botbuilder';
import { Dialog, WaterfallDialog, type DialogContext, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Circumstance, DataInvolved, IncidentItem, ReportIncidentInput } from '../src/domain/incidents/incident.js';
import { CIRCUMSTANCES, DATA_INVOLVED, INCIDENT_ITEMS, incidentRouteKey } from '../src/domain/incidents/incident.js';
import { ValidationError } from '../src/domain/requests/errors.js';
import type { Role, Trust } from '../src/domain/trust/trust.js';
import { lostDevice } from '../src/kinds/lost-device/kind.js';
import {
  CardInputDialog,
  cardInputs,
  flowCardData,
  FLOW_FORM_VERB,
  FlowBaseDialog,
  NO_LONGER_CURRENT,
  retireTappedCard,
  type CardInputOptions,
  type CardMaker,
  type FlowCardData,
} from './flow-base.dialog.js';

/** The dialog id, also the `flow` its cards carry. */
export const LOST_DEVICE_FLOW = lostDevice.name;

/** What the user already said in plain words ("my phone was stolen"), so those cards are skipped. */
export interface LostDeviceOptions {
  item?: IncidentItem;
  circumstance?: Circumstance;
}

/** What the dialog needs from the rest of the bot. */
export interface LostDeviceDeps {
  trust: Trust;
  /** cards/<name>.json bound to data. */
  card: CardMaker;
  /**
   * Files the report for the person in this conversation, alerts the people responsible and sends
   * the reporter's checklist. Throws the domain's ValidationError for input it refuses.
   */
  report(context: TurnContext, input: ReportIncidentInput): Promise<void>;
}

/** Who a role is, in a sentence. */
const ROLE_NAMES: Record<Role, string> = {
  staff: 'a member of staff',
  slt: 'the senior leadership team',
  headteacher: 'the headteacher',
  it_manager: 'the IT manager',
  ops_manager: 'the School Operations Manager',
  dpc: 'the Data Protection Champion',
  ceo: 'the CEO',
};

type Step = 'item' | 'circumstance' | 'data' | 'confirm';

/** What has been answered so far; kept in the waterfall's values between turns. */
interface Answers {
  item?: IncidentItem;
  circumstance?: Circumstance;
  dataInvolved?: DataInvolved;
  location?: string;
  crimeReference?: string;
  /** The steps this run shows, so the cards can say "Step 2 of 3". */
  steps: Step[];
  /** Friendly problems from the last attempt to send, shown on the confirm card. */
  problems?: string[];
}

interface StepCardOptions extends CardInputOptions {
  step: Step;
  /** The answers a button may carry; anything else (an edited payload) is asked again. */
  allowed?: readonly string[];
}

/** A flow card for one step: only that step's buttons count, so an older card can't answer a newer question. */
class StepCardDialog extends CardInputDialog {
  static readonly STEP_ID = 'lost-device-step-card';

  constructor(card: CardMaker) {
    super(card, StepCardDialog.STEP_ID);
  }

  override async beginDialog(dc: DialogContext, options?: StepCardOptions): Promise<DialogTurnResult> {
    const result = await super.beginDialog(dc, options);
    dc.activeDialog!.state.step = options?.step;
    dc.activeDialog!.state.allowed = options?.allowed;
    return result;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const data = flowCardData(dc.context.activity);
    const state = dc.activeDialog!.state as { flow: string; step: Step; allowed?: string[] };
    if (data && data.flow === state.flow) {
      if (data.step !== state.step) {
        await retireTappedCard(dc.context, this.card, NO_LONGER_CURRENT.earlierStep);
        await dc.context.sendActivity('That button is on an earlier card. Please answer the latest card, or type **cancel** to stop.');
        return Dialog.EndOfTurn;
      }
      if (state.allowed && !state.allowed.includes(String(data.answer))) {
        await dc.context.sendActivity('Please tap one of the buttons on the card.');
        return Dialog.EndOfTurn;
      }
    }
    return super.continueDialog(dc);
  }
}

const MAIN = 'lost-device-steps';
const CONFIRM = 'lost-device-confirm';

/**
 * Reporting a lost or stolen device or ID badge, phone first: three cards of big buttons (what,
 * lost or stolen, could personal data be involved), then a summary with two optional one-line
 * boxes (where and when; the crime reference if stolen) and Send. No approval: people are told at
 * once. Cards the user's own words already answered are skipped.
 */
export class LostDeviceDialog extends FlowBaseDialog {
  constructor(private readonly deps: LostDeviceDeps) {
    super(LOST_DEVICE_FLOW);
    this.addDialog(new StepCardDialog(deps.card));
    this.addDialog(
      new WaterfallDialog<LostDeviceOptions>(MAIN, [
        (step) => this.askItem(step),
        (step) => this.askCircumstance(step),
        (step) => this.askData(step),
        (step) => this.toConfirm(step),
      ]),
    );
    this.addDialog(new WaterfallDialog<Answers>(CONFIRM, [(step) => this.showConfirm(step), (step) => this.send(step)]));
    this.initialDialogId = MAIN;
  }

  protected helpText(): string {
    return lostDevice.help;
  }

  private answers(step: WaterfallStepContext): Answers {
    const values = step.values as { answers?: Answers };
    values.answers ??= { steps: [] };
    return values.answers;
  }

  private async askItem(step: WaterfallStepContext<LostDeviceOptions>): Promise<DialogTurnResult> {
    const known = step.options ?? {};
    const answers = this.answers(step);
    answers.item = isOneOf(INCIDENT_ITEMS, known.item) ? known.item : undefined;
    answers.circumstance = isOneOf(CIRCUMSTANCES, known.circumstance) ? known.circumstance : undefined;
    answers.steps = [
      ...(answers.item ? [] : (['item'] as const)),
      ...(answers.circumstance ? [] : (['circumstance'] as const)),
      'data',
      'confirm',
    ];
    if (answers.item) return step.next();
    return this.ask(step, 'item', {
      question: "What's missing? Tap one.",
      hint: 'Report it straight away, even if you think it may turn up.',
      buttons: INCIDENT_ITEMS.map((value) => ({ value, title: lostDevice.items[value].button })),
    });
  }

  private async askCircumstance(step: WaterfallStepContext<LostDeviceOptions>): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    if (!answers.item) answers.item = answerOf(step.result) as IncidentItem;
    if (answers.circumstance) return step.next();
    return this.ask(step, 'circumstance', {
      question: `Was your ${lostDevice.items[answers.item].noun} lost, or stolen?`,
      hint: "Choose Stolen if you think someone took it: you'll need to tell the police.",
      buttons: CIRCUMSTANCES.map((value) => ({ value, title: lostDevice.circumstances[value].button, style: value === 'stolen' ? 'destructive' : 'default' })),
    });
  }

  private async askData(step: WaterfallStepContext<LostDeviceOptions>): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    if (!answers.circumstance) answers.circumstance = answerOf(step.result) as Circumstance;
    const badge = answers.item === 'id_badge';
    return this.ask(step, 'data', {
      context: `${lostDevice.circumstances[answers.circumstance].word} ${lostDevice.items[answers.item!].noun}`,
      question: badge
        ? 'Could it let someone reach personal or confidential data (rooms, printers or computers that hold it)?'
        : 'Could personal or confidential data be on it, or reachable from it?',
      hint: badge
        ? "If you're not sure, say so: that's fine."
        : "For example pupils' or staff details, emails, files, or apps and websites that stay signed in. If you're not sure, say so: that's fine.",
      buttons: DATA_INVOLVED.map((value) => ({ value, title: lostDevice.dataInvolved[value].button })),
    });
  }

  private async toConfirm(step: WaterfallStepContext<LostDeviceOptions>): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    answers.dataInvolved = answerOf(step.result) as DataInvolved;
    return step.beginDialog(CONFIRM, answers);
  }

  private async showConfirm(step: WaterfallStepContext<Answers>): Promise<DialogTurnResult> {
    const answers = step.options;
    const stolen = answers.circumstance === 'stolen';
    const card = this.deps.card('lost-device-confirm', {
      verb: FLOW_FORM_VERB,
      flow: LOST_DEVICE_FLOW,
      step: 'confirm',
      facts: [
        { title: 'What', value: lostDevice.items[answers.item!].button },
        { title: 'Lost or stolen', value: lostDevice.circumstances[answers.circumstance!].word },
        { title: 'Personal data', value: lostDevice.dataInvolved[answers.dataInvolved!].fact },
      ],
      whoIsTold: this.whoIsTold(answers),
      location: answers.location ?? '',
      askCrimeReference: stolen,
      crimeReference: answers.crimeReference ?? '',
      problems: answers.problems?.length ? `Please check: ${answers.problems.join(' ')}` : null,
      progress: progress(answers, 'confirm'),
    });
    return step.beginDialog(StepCardDialog.STEP_ID, { card, flow: LOST_DEVICE_FLOW, step: 'confirm' } satisfies StepCardOptions);
  }

  private async send(step: WaterfallStepContext<Answers>): Promise<DialogTurnResult> {
    const answers = step.options;
    const data = step.result as FlowCardData | undefined;
    if (data?.flowAction !== 'confirm') return step.replaceDialog(CONFIRM, answers);
    const inputs = cardInputs(data);
    const location = typeof inputs.location === 'string' ? inputs.location : undefined;
    const crimeReference = answers.circumstance === 'stolen' && typeof inputs.crimeReference === 'string' ? inputs.crimeReference : undefined;
    try {
      await this.deps.report(step.context, {
        item: answers.item!,
        circumstance: answers.circumstance!,
        dataInvolved: answers.dataInvolved!,
        location,
        crimeReference,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return step.replaceDialog(CONFIRM, { ...answers, location, crimeReference, problems: error.problems } satisfies Answers);
    }
    return step.endDialog();
  }

  /** "I'll tell the IT manager straight away and, because ..., the DPC and the headteacher." */
  private whoIsTold(answers: Answers): string {
    const route = this.deps.trust.incidentRoute(incidentRouteKey(answers.item!));
    const first = listOf(route.notifyRoles.map((role) => ROLE_NAMES[role]));
    const data = answers.dataInvolved !== 'no' && route.dataBreachRoles.length > 0
      ? ` and, because personal data may be involved, ${listOf(route.dataBreachRoles.map((role) => ROLE_NAMES[role]))}`
      : '';
    return `When you send this, I'll tell ${first} straight away${data}. You'll get a checklist of what to do next.`;
  }

  private async ask(
    step: WaterfallStepContext,
    name: Exclude<Step, 'confirm'>,
    content: { context?: string; question: string; hint?: string; buttons: { value: string; title: string; style?: string }[] },
  ): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    const rows: { buttons: { value: string; title: string; style: string }[] }[] = [];
    content.buttons.forEach((button, i) => {
      if (i % 2 === 0) rows.push({ buttons: [] });
      rows[rows.length - 1].buttons.push({ style: 'default', ...button });
    });
    const card = this.deps.card('lost-device-step', {
      verb: FLOW_FORM_VERB,
      flow: LOST_DEVICE_FLOW,
      step: name,
      heading: lostDevice.startTitle,
      context: content.context ?? null,
      question: content.question,
      hint: content.hint ?? null,
      rows,
      progress: progress(answers, name),
    });
    return step.beginDialog(StepCardDialog.STEP_ID, {
      card,
      flow: LOST_DEVICE_FLOW,
      step: name,
      allowed: content.buttons.map((b) => b.value),
    } satisfies StepCardOptions);
  }
}

function answerOf(result: unknown): string | undefined {
  const value = (result as FlowCardData | undefined)?.answer;
  return typeof value === 'string' ? value : undefined;
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function progress(answers: Answers, step: Step): string {
  return `Step ${answers.steps.indexOf(step) + 1} of ${answers.steps.length} · type cancel to stop`;
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
