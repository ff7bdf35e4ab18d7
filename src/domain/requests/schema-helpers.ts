import { z } from 'zod';
import { ValidationError } from './errors.js';

/** A required piece of free text, trimmed, with friendly messages naming what is missing. */
export function requiredText(label: string, max: number) {
  const missing = `Please fill in ${label}.`;
  return z
    .string({ required_error: missing, invalid_type_error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${capitalise(label)} is too long: please keep it to ${max} characters.`);
}

/** Optional free text: an empty or blank answer counts as no answer. */
export function optionalText(label: string, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ invalid_type_error: `Please write ${label} as text.` })
      .trim()
      .max(max, `${capitalise(label)} is too long: please keep it to ${max} characters.`)
      .optional(),
  );
}

/** An optional web address; blank means none. */
export const httpUrl = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(500, 'The link is too long: please keep it to 500 characters.')
    .url('Please give the link as a full web address, starting with https://')
    .refine((u) => /^https?:\/\//i.test(u), 'Please give the link as a full web address, starting with https://')
    .optional(),
);

/** A calendar date as Adaptive Card Input.Date sends it: YYYY-MM-DD. */
export function calendarDate(label: string) {
  const message = `Please give ${label} as a date.`;
  return z.string({ required_error: message, invalid_type_error: message }).trim().date(message);
}

/** An optional calendar date; blank means none. */
export function optionalDate(label: string) {
  return z.preprocess(blankToUndefined, calendarDate(label).optional());
}

/** A trust person id, or a record id, as it may arrive from a card. */
export const idSchema = z.string().trim().min(1).max(100);

/** An optional id; blank means none. */
export const optionalId = z.preprocess(blankToUndefined, idSchema.optional());

/**
 * A confirmation that must be ticked. Input.Toggle sends the strings "true"/"false", so those are
 * accepted as well as booleans.
 */
export function mustConfirm(message: string) {
  return z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.literal(true, { errorMap: () => ({ message }) }),
  );
}

/** Parses with a schema, turning a failure into a ValidationError of friendly lines. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}

function blankToUndefined(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
