import type { Circumstance, IncidentItem } from './incident.js';

/** What a typed message says about a loss or theft: enough to skip the first cards of the flow. */
export interface IncidentIntent {
  /** Undefined when the message names no item we know ("I've lost my device"): ask. */
  item?: IncidentItem;
  /** Undefined when the message does not say (e.g. "report a missing laptop" is read as lost). */
  circumstance?: Circumstance;
}

/** Words for each item, longest first within an item so "usb stick" wins over "usb". */
const ITEM_WORDS: ReadonlyArray<readonly [IncidentItem, string]> = [
  ['laptop', 'laptop|notebook|macbook|chromebook|surface pro'],
  ['phone', 'mobile phone|work phone|school phone|smartphone|iphone|mobile|phone'],
  ['tablet', 'ipad|tablet'],
  [
    'usb_stick',
    'usb (?:stick|drive|key|pen)|memory (?:stick|card)|pen ?drive|flash ?drive|thumb ?drive|sd card|usb',
  ],
  ['id_badge', '(?:staff |school |id |identity |security |access )?(?:badge|lanyard|id card|id|pass|key ?card|fob)'],
  ['other_device', 'external (?:hard )?drive|hard drive|camera|device|computer|pc|kindle|e-?reader'],
];

const ITEM = `(?:${ITEM_WORDS.map(([, words]) => words).join('|')})`;
const OWNER = `(?:my|our|the|a|an|the school'?s|(?:a |my )?(?:work|school))`;

/** Verbs of theft and of loss, as people type them (UK English and common slang). "Taken" and "gone" are left out: IT takes laptops away for repair. */
const THEFT = `(?:stolen|nicked|pinched|swiped|snatched|robbed)`;
const THEFT_ACTIVE = `(?:stole|stolen|nicked|pinched|swiped|snatched)`;
const LOSS = `(?:lost|missing|gone missing|disappeared|vanished|misplaced)`;

/**
 * The statements that count, each a clear first-person report (table-driven so a new phrasing is
 * one line). Anything else, including questions like "what do I do if my laptop is stolen?", is
 * left to the policy answer, which offers the same flow as its next step.
 */
const STATEMENTS: ReadonlyArray<{ pattern: RegExp; circumstance?: Circumstance }> = [
  // "my phone was stolen", "the school laptop has been nicked", "my badge got taken"
  { pattern: new RegExp(`\\b${OWNER} (${ITEM})\\b.{0,20}?\\b(?:was|has been|have been|got|is|'s been|'s|were) ${THEFT}\\b`), circumstance: 'stolen' },
  // "someone stole my tablet", "they've stolen my laptop", "I was robbed of my phone"
  { pattern: new RegExp(`\\b${THEFT_ACTIVE} ${OWNER} (${ITEM})\\b`), circumstance: 'stolen' },
  { pattern: new RegExp(`\\b(?:robbed|mugged|burgled|broken into)\\b.{0,40}?\\b${OWNER} (${ITEM})\\b`), circumstance: 'stolen' },
  { pattern: new RegExp(`\\b${OWNER} (${ITEM})\\b.{0,40}?\\b(?:robbed|mugged|burgled|broken into)\\b`), circumstance: 'stolen' },
  // "stolen laptop", "report a stolen phone"
  { pattern: new RegExp(`\\b(?:report(?:ing)?|i have|i've got|i've) (?:a |my |the )?${THEFT} (${ITEM})\\b`), circumstance: 'stolen' },
  // "I lost my laptop", "lost my laptop", "I've misplaced my badge"
  { pattern: new RegExp(`(?:^|\\bi |\\bi've |\\bi have |\\bwe |\\bwe've |\\bhave )(?:just |accidentally |somehow )?(?:lost|misplaced) ${OWNER} (${ITEM})\\b`), circumstance: 'lost' },
  // "I can't find my ID badge", "cannot find my phone anywhere"
  { pattern: new RegExp(`\\b(?:can'?t|cannot|can not|couldn'?t|unable to) (?:seem to )?find ${OWNER} (${ITEM})\\b`), circumstance: 'lost' },
  // "left my USB stick on the train", "I dropped my phone somewhere"
  { pattern: new RegExp(`(?:^|\\bi |\\bi've |\\bi have )(?:left|dropped) ${OWNER} (${ITEM})\\b.{0,20}?\\b(?:on|in|at|behind|somewhere|outside)\\b`), circumstance: 'lost' },
  // "my laptop is missing", "my badge has gone missing", "my phone's lost"
  { pattern: new RegExp(`\\b${OWNER} (${ITEM})\\b.{0,20}?\\b(?:is|has|has been|was|have|'s been|'s|got) ${LOSS}\\b`), circumstance: 'lost' },
  // "report a lost laptop", "reporting my missing badge"
  { pattern: new RegExp(`\\breport(?:ing)? (?:a |my |the )?(?:lost|missing) (${ITEM})\\b`), circumstance: 'lost' },
];

/** Words that make the message hypothetical or a question about the rules, not a report. */
const HYPOTHETICAL = /\b(?:if|when(?:ever)?|in case|suppose|supposing|what happens|should i|would i|hypothetically|policy|procedure|rules?)\b[^.!?]*$/;

/**
 * Recognises a clear report of a lost or stolen device or ID badge in typed text ("lost my
 * laptop", "my phone was stolen", "I can't find my ID badge", "left my USB stick on the train").
 * Returns undefined for anything else, including hypothetical questions, so the message goes on to
 * the policy answer.
 */
export function recogniseIncidentIntent(text: string): IncidentIntent | undefined {
  const normalised = text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  if (normalised.length === 0 || normalised.length > 300) return undefined;
  for (const { pattern, circumstance } of STATEMENTS) {
    const match = pattern.exec(normalised);
    if (!match) continue;
    // "what should I do if my laptop was stolen" has the statement inside a hypothetical clause.
    if (HYPOTHETICAL.test(normalised.slice(0, match.index))) continue;
    return dropUndefined({ item: itemFor(match[1]), circumstance });
  }
  return undefined;
}

/** The item a device word names ("iPad" → tablet); "device" and friends are too vague for a button. */
export function itemFor(word: string | undefined): IncidentItem | undefined {
  if (!word) return undefined;
  const lower = word.toLowerCase();
  if (/^(?:device|computer|pc)$/.test(lower)) return undefined;
  for (const [item, words] of ITEM_WORDS) {
    if (new RegExp(`^(?:${words})$`).test(lower)) return item;
  }
  return undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
