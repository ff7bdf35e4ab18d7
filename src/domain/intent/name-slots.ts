/**
 * Names of systems the trust itself names (its authorisers for system access: "Arbor (MIS)" with
 * aliases "Arbor", "MIS"), found in a message as typed. The list comes from the trust file, so it
 * changes per deployment and is passed in by the composition root.
 */
import { findPhrase } from './field-lexicon.js';

/** A system the trust names, with the other names staff use for it. */
export interface NamedSystem {
  name: string;
  aliases: readonly string[];
}

/** A value found in the message, as typed, with where it is. */
export interface FoundSpan {
  value: string;
  start: number;
  end: number;
}

/** The first of the trust's systems the message names (the longest name where two start together). */
export function findNamedSystem(text: string, systems: readonly NamedSystem[]): FoundSpan | undefined {
  const lower = text.toLowerCase();
  let found: FoundSpan | undefined;
  for (const system of systems) {
    for (const name of [system.name, ...system.aliases]) {
      const at = findPhrase(lower, name.toLowerCase());
      if (at < 0) continue;
      const end = at + name.length;
      if (!found || at < found.start || (at === found.start && end > found.end)) found = { value: text.slice(at, end), start: at, end };
    }
  }
  return found;
}
