/**
 * Types of the policy answering engine: an ingested policy document, its index and an answer.
 * Plain data, no I/O.
 */

/** File formats a policy can be ingested from. */
export type PolicyFormat = 'txt' | 'md' | 'docx' | 'pdf';

/** Where a policy text came from. */
export interface PolicySource {
  /** A display name, usually the file name. */
  name: string;
  format: PolicyFormat;
}

/** One clause-sized piece of the policy; `text` is the policy's own words (whitespace normalised). */
export interface PolicyPassage {
  /** Stable id within the document, e.g. "s4-p2". */
  id: string;
  /** Exact policy text, whitespace collapsed. */
  text: string;
  /** The clause number the document gives this passage ("3.3"), when it has one. */
  clause?: string;
  /** For a bullet: the sentence that introduces the list ("Employees must not ... to:"). */
  leadIn?: string;
}

/** The heading a section sits under: its number, title, and the heading that one sits under. */
export interface SectionRef {
  number?: string;
  title: string;
  parent?: SectionRef;
}

/** A section of a policy: a numbered or unnumbered heading and the passages under it. */
export interface PolicySection {
  id: string;
  /** The number the document gives the section ("3"), when it has one. */
  number?: string;
  title: string;
  /** The heading this section sits under (a numbered section, a numbered sub-heading's section, an annex). */
  parent?: SectionRef;
  /** Which policy of a file holding several the section belongs to ("IT and communications systems policy"). */
  part?: string;
  passages: PolicyPassage[];
}

/** A policy after ingestion. */
export interface PolicyDocument {
  name: string;
  format: PolicyFormat;
  /** The document's own title when one could be recognised. */
  title?: string;
  sections: PolicySection[];
}

/** Topics an answer can be filed under (drives suggestions and reporting). */
export type PolicyTopic =
  | 'software'
  | 'passwords'
  | 'personal_devices'
  | 'lost_device'
  | 'data_protection'
  | 'email'
  | 'internet'
  | 'removable_media'
  | 'remote_working'
  | 'monitoring'
  | 'equipment'
  | 'breaches'
  | 'other';

/** What a question leads to, when anything: the id of a kind staff can start (src/kinds/<kind>). */
export type PolicyNextStep = string;

/** Who a question is passed to when the policy does not settle it. */
export type HandoffRole = 'it_manager' | 'dpc';

/** One quoted passage of an answer. */
export interface AnswerPassage {
  /** Label such as "3.3 Equipment security and passwords" or "Password Security (section 4)". */
  section: string;
  sectionNumber?: string;
  sectionTitle: string;
  /** The clause number of the passage, when the policy numbers its clauses. */
  clause?: string;
  /** Verbatim policy text. */
  text: string;
  /** The sentence that introduces a bulleted passage, when there is one. */
  leadIn?: string;
  score: number;
  /** Name of the policy document the passage comes from. */
  source: string;
  passageId: string;
}

/** The answer to one question. */
export interface PolicyAnswer {
  /** False when the policy does not cover the question; `passages` may still hold near misses. */
  answered: boolean;
  /** Best first, at most five. */
  passages: AnswerPassage[];
  topic: PolicyTopic;
  nextStep?: PolicyNextStep;
  handoffRole: HandoffRole;
  /** Share (0..1) of the question's weighted concepts found in the best passage. */
  coverage: number;
}

/** A rule about sharing passwords found in the policy. */
export interface PasswordSharingRule {
  /** True when the policy forbids sharing outright, with no authorisation route. */
  forbidden: boolean;
  /** The clause that says so (the exception clause when sharing can be authorised). */
  passage?: AnswerPassage;
}

/** Thrown when a policy text yields nothing usable. */
export class PolicyIngestError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = 'PolicyIngestError';
  }
}
