import { z } from 'zod';
import type { PasswordSharingRule } from '../policy/policy-types.js';
import type { PolicyIndex } from '../policy/policy-index.js';
import type { QuestionMatch } from '../policy/next-step.js';
import type { Person, Trust } from '../trust/trust.js';

/** How a field is asked for on the generic form card. */
export type FieldInput = 'text' | 'multiline' | 'url' | 'date' | 'confirm' | 'colleague';

/** One question of a kind's form; the schema (not this) decides what is valid. */
export interface FieldSpec<K extends string = string> {
  id: K;
  input: FieldInput;
  label: string;
  placeholder?: string;
  maxLength?: number;
  /** The card's own check before sending (the server checks again with the schema). */
  required?: boolean;
  errorMessage?: string;
  /** A line shown above the field (e.g. "Please confirm all three:"). */
  heading?: string;
  /** Toggle text of a confirmation. */
  confirmText?: string;
  /** Title of the field on summary and request cards; defaults to the label. */
  factTitle?: string;
  /** Words after a date on summary and request cards. */
  factSuffix?: { summary?: string; card?: string };
  /** The recogniser's slot that prefills this field, where it is named differently ("software" for a service). */
  slot?: string;
}

/** Who approves a kind when the trust file says nothing for it. */
export interface RouteDefaults {
  approverRole: string;
  fallbackRole?: string;
  /** The approver must hold the role at the requester's school (not trust-wide). */
  sameSchool?: boolean;
}

/** What a kind's stored details may hold. */
export type DetailValue = string | boolean | undefined;
export type Details = Record<string, DetailValue>;

/** The string-valued keys of a details type: each must be said to be personal free text or not. */
type TextKeys<D> = { [K in keyof D]-?: NonNullable<D[K]> extends string ? K : never }[keyof D];

/** A value of a request as the kind's code sees it (no Teams types; text not yet escaped). */
export interface KindRequestView<D> {
  id: string;
  status: string;
  requesterId: string;
  school?: string;
  details: D;
  closedAt?: string;
  itInformedAt?: string;
  expiryNotifiedAt?: string;
}

/** Helpers a kind uses to show a value (escaping and dates are the caller's). */
export interface FactHelpers {
  text(value: string | undefined, max?: number): string;
  date(iso: string): string;
  name(personId: string | undefined): string;
}

/** A fact line of a summary or request card. */
export interface Fact {
  title: string;
  value: string;
}

/** What a kind's `prepare` may look up while turning a checked form into stored details. */
export interface PrepareContext {
  trust: Trust;
  requester: Person;
  /** YYYY-MM-DD, today. */
  today: string;
}

/** What a register column may use: people's names, school names and instants in the trust's time zone. */
export interface RegisterHelpers {
  name(id: string | undefined): string | undefined;
  schoolName(id: string | undefined): string;
  /** An ISO instant as local time with its offset in the trust's time zone (ISO 8601). */
  at(iso: string | undefined): string | undefined;
}

/** A register column over stored rows of some type: its heading and how a row fills it. */
export interface ColumnOf<Row> {
  title: string;
  value(row: Row, h: RegisterHelpers): string | boolean | undefined;
}

/** A request kind's register column: its heading and how a request fills it. */
export type RegisterColumn<D> = ColumnOf<KindRequestView<D>>;

/**
 * What every kind of thing staff start from the bot has, whether it is decided (a request kind)
 * or acknowledged (a report kind, such as a lost device): its names, its help and its register.
 */
export interface FlowKind {
  /** The stored kind and the trust's routing key ("software"); also the welcome card's flow id. */
  id: string;
  /** Folder and intent name ("software-install"): its phrases are in src/kinds/<name>/phrases.json. */
  name: string;
  /** Card heading ("Software install request"). */
  title: string;
  /** The register's and welcome button's words. */
  startTitle: string;
  /** Shown when the person types "help" in the flow. */
  help: string;
  /** Which policy questions lead to this kind: their answer card offers a button to start it. */
  leadsFrom?: QuestionMatch;
  register: {
    /** Register key, used by the registers command and the CSV file name. */
    key: string;
    label: string;
  };
}

/**
 * One request kind, everything that differs between kinds: its form, its checks, who approves it,
 * the clause that requires it, its register, what retention clears and the words on its cards.
 * Shared code reads these and never asks which kind it is.
 */
export interface RequestKindDefinition<S extends z.ZodRawShape = z.ZodRawShape, D extends Details = Details> extends FlowKind {
  /** The form's heading. */
  formTitle: string;
  /** Under the form heading; `{approver}` is replaced by the approvers' names. */
  formIntro: string;
  fields: readonly FieldSpec<Extract<keyof z.input<z.ZodObject<S>>, string>>[];
  /** The fields' one schema: type and validator. */
  schema: z.ZodObject<S>;
  /** Checks across fields (e.g. until on or after from). */
  refine?(input: z.output<z.ZodObject<S>>, ctx: z.RefinementCtx): void;
  /**
   * Every text field of the stored details, said to be personal free text (`purge`: removed by
   * the retention pass) or not (`keep`). A text field left out does not compile.
   */
  retention: Record<TextKeys<D>, 'purge' | 'keep'>;
  /** Who approves when the trust file names nobody. */
  route: RouteDefaults;
  /**
   * A field whose value may pick the approver from the trust's routing (`authorisers`), e.g. the
   * system asked for; the route's own role otherwise.
   */
  routeByField?: Extract<keyof D, string>;
  /** A field holding the person who would gain the access (a shared login's user): never an approver. */
  beneficiaryField?: Extract<keyof D, string>;
  /** Turns the checked form into stored details; throws ValidationError for refusals. */
  prepare(input: z.output<z.ZodObject<S>>, ctx: PrepareContext): D;
  /** What the request is about in a few words (raw text; the caller escapes it). */
  subject(details: D): string;
  /** The request card's facts; defaults to the fields in order. */
  facts?(request: KindRequestView<D>, h: FactHelpers): Fact[];
  register: FlowKind['register'] & {
    /** Only approved requests are in the register (a log of what is allowed). */
    approvedOnly?: boolean;
    /** The kind's own columns, after requester and school. */
    columns: readonly RegisterColumn<NoInfer<D>>[];
    /** Columns after the decision (e.g. when someone was told). */
    closingColumns?: readonly RegisterColumn<NoInfer<D>>[];
  };
  /** Said to the requester on approval (after "X approved your ..."). */
  approvedNote?(request: KindRequestView<D>, h: FactHelpers): string;
  /** After approval, holders of this role are told for their records. */
  informOnApproval?: { role: string; text(request: KindRequestView<D>, h: FactHelpers & { subject: string; decider: string; requester: string }): string };
  /** The end of what was authorised: the requester is told then, and retention counts from it. */
  periodEnd?: { at(details: D): Date; text(request: KindRequestView<D>, h: FactHelpers & { subject: string }): string };
  /** A rule of the policy itself that may forbid the kind outright (nobody can authorise it). */
  policyRule?(index: PolicyIndex): PasswordSharingRule;
}

/** Any kind, as the shared code holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRequestKind = RequestKindDefinition<any, any>;

/** Register columns that show a detail as stored: `{ 'Column title': 'detailKey' }`, in order. */
export function detailColumns(columns: Record<string, string>): RegisterColumn<Details>[] {
  return Object.entries(columns).map(([title, key]) => ({ title, value: (r) => r.details[key] }));
}

/** Declares a kind, checking its parts against each other at compile time. */
export function defineKind<S extends z.ZodRawShape, D extends Details>(kind: RequestKindDefinition<S, D>): RequestKindDefinition<S, D> {
  return kind;
}

/** Start of the day after a YYYY-MM-DD date, UTC: the moment an inclusive date range ends. */
export function endOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + 24 * 60 * 60 * 1000);
}
