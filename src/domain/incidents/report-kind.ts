import type { ColumnOf, FlowKind } from '../requests/request-kind.js';
import type { Circumstance, DataInvolved, Incident, IncidentItem } from './incident.js';

/** One answer of a tapped question: its button, and how it reads elsewhere. */
export interface ChoiceWords {
  /** Short button label (a phone shows two a row). */
  button: string;
}

/**
 * A report kind (a lost or stolen device): the same shape as a request kind where they share it
 * (names, help, phrases in its folder, register, what retention clears), with taps instead of a
 * form and an acknowledgement instead of a decision.
 */
export interface ReportKindDefinition extends FlowKind {
  /** What was lost: the button, the register's label and the noun inside a sentence ("your USB stick or memory card"). */
  items: Record<IncidentItem, ChoiceWords & { label: string; noun: string }>;
  /** Lost or stolen: the button and the word that starts a title ("Stolen laptop"). */
  circumstances: Record<Circumstance, ChoiceWords & { word: string }>;
  /** Could personal data be involved: the button and the answer as a card fact. */
  dataInvolved: Record<DataInvolved, ChoiceWords & { fact: string }>;
  /** The reporter's own text, said to be personal free text (`purge`: removed by the retention pass) or not. */
  retention: Record<'description' | 'location' | 'crimeReference', 'purge' | 'keep'>;
  register: FlowKind['register'] & {
    /** Every column of the register, in order. */
    columns: readonly ColumnOf<Incident>[];
  };
}

/** Declares a report kind, checking its parts at compile time. */
export function defineReportKind(kind: ReportKindDefinition): ReportKindDefinition {
  return kind;
}
