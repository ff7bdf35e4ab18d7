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
  return stampTapKeys(new Template(JSON.parse(text)).expand({ $root: data }) as AdaptiveCardJson);
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
