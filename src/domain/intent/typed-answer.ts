/**
 * Typed text taken as the answer to one field of a running form (the field on screen, below),
 * read as that field reads it:
 * a date through the en-GB date parser, a colleague through the directory, anything else as
 * typed; then checked with the field's own schema, as the card's input would be.
 */
import type { ZodTypeAny } from 'zod';
import type { FieldSpec } from '../requests/request-kind.js';
import { REDACTION_MARK } from '../secrets/secret-redaction.js';
import { dateSlots } from './date-slots.js';
import type { PeopleMatcher } from './people-matcher.js';

/** The value typed text gives a field, or why it cannot be taken. */
export type TypedAnswer = { value: string } | { problem: string };

/** What reading an answer needs to know. */
export interface TypedAnswerContext {
  now: Date;
  timeZone: string;
  people: PeopleMatcher;
  /** The person typing: never the colleague they name. */
  senderId?: string;
}

/**
 * The field a typed answer goes to: the first empty question the form needs answered (a required
 * field, or the colleague picker, which stands for "who"), else the first empty optional one;
 * never a tick box.
 */
export function fieldOnScreen<F extends FieldSpec>(fields: readonly F[], values: Record<string, unknown>): F | undefined {
  const empty = fields.filter((f) => f.input !== 'confirm' && (values[f.id] === undefined || String(values[f.id]).trim() === ''));
  return empty.find((f) => f.required || f.input === 'colleague') ?? empty[0];
}

/** Reads `text` as the answer to `field`, checked with `schema` (the field's part of the kind's schema). */
export function readTypedAnswer(field: FieldSpec, schema: ZodTypeAny | undefined, text: string, ctx: TypedAnswerContext): TypedAnswer {
  const typed = text.trim();
  // A secret was cut out of the message: what is left is not an answer to put on a form.
  if (typed.includes(REDACTION_MARK)) return { problem: `That looked like a password, so I removed it and put nothing on the form. Please answer ${lower(field.label)} without it.` };
  let value = typed;
  if (field.input === 'date') {
    const { from, until } = dateSlots(typed, ctx.now, ctx.timeZone);
    const day = from ?? until;
    if (!day) return { problem: `I couldn't read "${typed.slice(0, 60)}" as a date for ${lower(field.label)}: try "Friday" or "12 December".` };
    value = day;
  }
  if (field.input === 'colleague') {
    const match = ctx.people.find(typed, ctx.senderId);
    if (!match) return { problem: `I couldn't find "${typed.slice(0, 60)}" in your trust's staff list: please choose on the form.` };
    if (match.kind === 'several') return { problem: `More than one person is called that (${match.people.map((p) => p.name).join(', ')}): please choose on the form.` };
    value = match.person.id;
  }
  if (!schema) return { value };
  const checked = schema.safeParse(value);
  return checked.success ? { value } : { problem: checked.error.issues[0]?.message ?? `Please check ${lower(field.label)}.` };
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
