import { z } from 'zod';
import { KINDS } from '../../kinds/registry.js';
import { ValidationError } from './errors.js';
import type { AnyRequestKind } from './request-kind.js';
import { optionalId, parseInput } from './schema-helpers.js';

/** The kinds' stored ids, in the registry's order. */
export const KIND_IDS: readonly string[] = KINDS.map((k) => k.id);

/** A kind by its stored id ("software"), or undefined. */
export function kindById(id: unknown): AnyRequestKind | undefined {
  return KINDS.find((k) => k.id === id);
}

/** A kind by stored id or by folder/intent name ("software-install"). */
export function kindByIdOrName(value: unknown): AnyRequestKind | undefined {
  return KINDS.find((k) => k.id === value || k.name === value);
}

/** The kind of a stored request; a kind no longer registered is a programming error. */
export function kindOf(request: { kind: string }): AnyRequestKind {
  const kind = kindById(request.kind);
  if (!kind) throw new Error(`unknown request kind "${request.kind}"`);
  return kind;
}

const schemas = new Map<string, z.ZodTypeAny>();

/** The kind's schema with the school a request is for, and its checks across fields. */
export function formSchema(kind: AnyRequestKind): z.ZodTypeAny {
  let schema = schemas.get(kind.id);
  if (!schema) {
    const base = kind.schema.extend({ school: optionalId });
    schema = kind.refine ? base.superRefine((input, ctx) => kind.refine!(input, ctx)) : base;
    schemas.set(kind.id, schema);
  }
  return schema;
}

/** A request as submitted, checked: its kind and the kind's fields (unknown fields dropped). */
export interface CheckedInput {
  kind: AnyRequestKind;
  school?: string;
  fields: Record<string, unknown>;
}

/** Checks `{ kind, ...fields }` with the kind's one schema; ValidationError lists every problem. */
export function checkRequestInput(input: unknown): CheckedInput {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const kind = kindById(raw.kind);
  if (!kind) throw new ValidationError(['Please choose what kind of request this is.']);
  const { school, ...fields } = parseInput(formSchema(kind), raw) as Record<string, unknown>;
  return { kind, school: school as string | undefined, fields };
}
