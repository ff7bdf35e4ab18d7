import type { QuestionRecord } from '../../../domain/questions/question-service.js';
import { toCsv } from '../../../domain/requests/registers.js';
import type { TaughtAnswer } from '../../../domain/teaching/taught-answer.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { escapeUserText, renderCard, type AdaptiveCardJson } from '../card-renderer.js';

/** Rows of each list the report card shows; the CSV has every flagged question. */
const MAX_ROWS = 10;
const MAX_TAUGHT_ROWS = 5;

export const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** The first words of a text, for a one-line summary. */
export function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** What happened to a question, in a word or two. */
export function outcomeOf(q: QuestionRecord): string {
  if (q.feedback?.helpful === false) return 'Not helpful';
  return q.answered ? 'Answered' : 'Not covered';
}

/** "Megan Bowen (IT manager)": who taught or answered, with the role that lets them. */
export function ownerName(services: Pick<BotServices, 'trust'>, personId: string): string {
  const person = services.trust.findById(personId);
  if (!person) return 'The policy owner';
  const role = person.roles.find((r) => r.role === 'it_manager' || r.role === 'dpc') ?? person.roles[0];
  return role ? `${person.name} (${services.trust.roleLabel(role.role)})` : person.name;
}

/**
 * The report of unanswered and unhelpful questions for the policy's owners, with a CSV of them;
 * for the IT manager and DPC also the teaching buttons, the answers taught (to undo) and those a
 * policy change dropped.
 */
export async function questionReportCard(
  services: Pick<BotServices, 'trust' | 'questions' | 'teaching' | 'exports' | 'publicUrl'>,
  person: Person,
): Promise<AdaptiveCardJson> {
  const report = await services.questions.report(person);
  const nameOf = (id: string) => services.trust.findById(id)?.name ?? id;
  const flagged = [...report.unanswered, ...report.unhelpful].sort((a, b) => b.askedAt.localeCompare(a.askedAt));
  const csv = toCsv([
    ['Asked at', 'Asked by', 'Question', 'Outcome', 'Sections quoted', 'Passed to', 'Reply'],
    ...flagged.map((q) => [
      q.askedAt,
      nameOf(q.askerId),
      q.text,
      q.answered ? 'Not helpful' : 'Not covered',
      q.passages.map((p) => p.section).join('; '),
      q.handoff ? nameOf(q.handoff.toPersonId) : '',
      q.handoff?.reply?.text ?? '',
    ]),
  ]);
  const { token } = await services.exports.create({ fileName: 'policy-questions.csv', contentType: 'text/csv', content: csv, createdFor: person.id });
  const taught = await services.teaching.list('active');
  const dropped = await services.teaching.list('dropped');
  const taughtRow = (t: TaughtAnswer) => escapeUserText(t.questions[0].text, 300);
  return renderCard('question-report', {
    total: report.total,
    unansweredCount: report.unanswered.length,
    unhelpfulCount: report.unhelpful.length,
    taughtCount: taught.length,
    canTeach: services.teaching.canTeach(person),
    rows: flagged.slice(0, MAX_ROWS).map((q) => ({
      questionId: q.id,
      question: escapeUserText(q.text, 300),
      detail: `${q.answered ? 'Not helpful' : 'Not covered'} · ${day(q.askedAt)} · ${nameOf(q.askerId)}`,
    })),
    suggestions: report.suggested.slice(0, MAX_TAUGHT_ROWS).map((q) => ({
      questionId: q.id,
      question: escapeUserText(q.text, 300),
      detail: `${nameOf(q.askerId)} chose ${q.passages[q.choice!.passage]?.section ?? 'another clause'} instead of ${q.passages[0]?.section ?? 'the first answer'} · ${day(q.choice!.at)}`,
    })),
    taught: taught.slice(0, MAX_TAUGHT_ROWS).map((t) => ({
      taughtId: t.id,
      question: taughtRow(t),
      detail: `→ ${t.kind === 'clause' ? (t.clause?.label ?? 'a clause') : 'not covered, with a reply'} · taught by ${nameOf(t.taughtBy)} · ${day(t.taughtAt)}`,
    })),
    dropped: dropped.slice(0, MAX_TAUGHT_ROWS).map((t) => ({
      question: taughtRow(t),
      detail: `${t.clause?.label ?? 'Its clause'} is no longer in the policy (${day(t.dropped?.at ?? t.taughtAt)}): the question is back in the list`,
    })),
    csvUrl: `${services.publicUrl}/exports/${token}`,
  });
}
