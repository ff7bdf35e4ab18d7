import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { PROJECT_ROOT } from '../../config.js';
import { stampTapKeys } from './tap-guard.js';

const CARDS_DIR = path.join(PROJECT_ROOT, 'cards');
const templates = new Map<string, string>();

/** An expanded Adaptive Card, ready to send or to return from an invoke. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; [key: string]: unknown };

/** Told when a template binds with warnings (e.g. a binding missing from the data). */
export type TemplateWarningListener = (card: string, warnings: readonly string[]) => void;
const warningListeners = new Set<TemplateWarningListener>();

/** Adds a listener to templating warnings (tests fail on them); returns a function that removes it. */
export function onTemplateWarnings(listener: TemplateWarningListener): () => void {
  warningListeners.add(listener);
  return () => void warningListeners.delete(listener);
}

/**
 * The templating library's warnings that mean something. It says "Unable to parse the Adaptive
 * Expression" for every $when that is simply false (the same words as for a broken one), so
 * those are dropped; a $when that is not an expression at all is kept.
 */
export function meaningfulWarnings(warnings: readonly string[]): string[] {
  return warnings.filter((w) => !/^WARN: Unable to parse the Adaptive Expression .*The \$when condition has been set to false/s.test(w));
}

/** A binding in a template's text, as `${...}`. */
const BINDING = /\$\{[^{}]*\}/g;
const bindings = new Map<string, readonly string[]>();

/**
 * Bindings the data did not have: the library leaves a `${...}` it cannot resolve in the card as
 * it was, without a warning of its own, so a card would show "${clause.text}" to staff.
 */
function unboundWarnings(name: string, templateText: string, card: object): string[] {
  let all = bindings.get(name);
  if (!all) {
    all = [...new Set(templateText.match(BINDING) ?? [])];
    bindings.set(name, all);
  }
  const expanded = JSON.stringify(card);
  return all.filter((b) => expanded.includes(b)).map((b) => `WARN: ${b} was not found in the data, so it is shown as it is.`);
}

/**
 * Binds cards/<name>.json to data. The template is kept as text and parsed afresh for each
 * render, so no render can alter the template another render sees. Each button that changes
 * something gets its own idempotency key, so a repeated tap on it counts once.
 */
export function renderCard(name: string, data: object): AdaptiveCardJson {
  let text = templates.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8');
    templates.set(name, text);
  }
  const template = new Template(JSON.parse(text));
  const card = template.expand({ $root: data }) as AdaptiveCardJson;
  const warnings = [...meaningfulWarnings(template.getLastTemplateExpansionWarnings()), ...unboundWarnings(name, text, card)];
  for (const listener of warnings.length ? warningListeners : []) listener(name, warnings);
  return stampTapKeys(card);
}

/** The same card as a message attachment. */
export function cardAttachment(name: string, data: object): Attachment {
  return CardFactory.adaptiveCard(renderCard(name, data));
}

/** A card rendered earlier, as a message attachment. */
export function asAttachment(card: AdaptiveCardJson): Attachment {
  return CardFactory.adaptiveCard(card);
}

/**
 * Makes text typed by one user safe to show to another inside a TextBlock: Adaptive Cards render
 * markdown, so links, emphasis and list markers in user input are escaped, and length is capped.
 */
export function escapeUserText(text: string, maxLength = 1000): string {
  const capped = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  return capped
    .replace(/[\\`*_{}[\]()<>#|~!]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_m, lead: string, marker: string, space: string) => `${lead}\\${marker}${space}`);
}
