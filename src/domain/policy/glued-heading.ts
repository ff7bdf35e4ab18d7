/**
 * Headings glued to the first sentence of their paragraph, as text extracted from web pages and
 * some PDFs has them: "What Type of Information Do We Collect? We collect two types...",
 * "Device Information: We collect...", "Service Providers We share personal information...",
 * "PERMISSIONS DESCRIBED IN THIS NOTICE This notice will explain...". The rules are about the
 * shape of English titles (capitalised words, short, no verb in lower case), not about any document.
 */
import { PARTICLES, STOP_WORDS } from './text.js';

/** A heading split off the start of a paragraph, and the text that follows it. */
export interface GluedHeading {
  heading: string;
  rest: string;
}

const MAX_HEADING_WORDS = 12;
const MIN_REST_WORDS = 4;
const QUESTION_START_RE = /^(?:what|how|who|whom|why|when|where|which|do|does|did|can|could|will|would|is|are|should|may)\b/i;
/** Conjunctions and prepositions that open a sentence ("Locked Accounts After five failed attempts..."). */
const OPENERS = new Set(['after', 'before', 'during', 'unless', 'until', 'upon', 'following', 'although', 'because', 'since', 'whenever', 'wherever', 'once']);
const CONNECTORS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'from', 'by', 'with', 'in', 'on', 'at', 'about', 'into', 'under', 'our', 'your', 'its', '&']);

const bare = (w: string): string => w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
const capitalised = (w: string): boolean => /^[A-Z0-9]/.test(bare(w));
const allCaps = (w: string): boolean => /^[A-Z][A-Z0-9&/-]*$/.test(bare(w)) && bare(w).length > 1;

/** Every word capitalised, or a small connector ("Use of Personal Devices"); at least one real word. */
function titleWords(ws: readonly string[]): boolean {
  if (ws.length === 0 || !capitalised(ws[0])) return false;
  return ws.every((w) => capitalised(w) || CONNECTORS.has(bare(w).toLowerCase()) || /^[-–—(]$/.test(w));
}

/**
 * The rest reads as a sentence: starts with a capital, runs on for a few words, and has words in
 * lower case (a phone number and an email address after "IT Service Desk -" are fields, not a sentence).
 */
const sentenceRest = (ws: readonly string[]): boolean =>
  ws.length >= MIN_REST_WORDS && /^["“‘(]?[A-Z0-9]/.test(ws[0]) && ws.filter((w) => /^[a-z][a-z'’-]*[,;:.!?]?$/.test(w)).length >= 2;

/**
 * A heading at the start of a paragraph and the sentence after it, or undefined when the
 * paragraph starts with an ordinary sentence. `numbered`: the text follows a clause number
 * ("1.1 Purpose This policy explains..."), where a one-word title before a sentence opened by a
 * function word is a sub-heading: an ordinary sentence does not capitalise its second word.
 */
export function splitGluedHeading(text: string, numbered = false): GluedHeading | undefined {
  // A list letter or numeral in front ("B. Personally Identifiable Information. We also...") stays with the heading.
  const marker = /^(?:[A-Z]|[ivx]{1,4}|\([a-z]\))[.)]?\s+(?=[A-Z])/.exec(text)?.[0] ?? '';
  if (marker && !/[.)]\s+$/.test(marker)) return splitWords(text, numbered);
  const split = splitWords(text.slice(marker.length), numbered);
  return split && marker ? { heading: `${marker}${split.heading}`, rest: split.rest } : split;
}

function splitWords(text: string, numbered: boolean): GluedHeading | undefined {
  const ws = text.split(/\s+/).filter(Boolean);
  const limit = Math.min(MAX_HEADING_WORDS, ws.length - MIN_REST_WORDS);
  // 1. Ended by punctuation: "Title? Text", "Title: Text", "Title. Text", "Title - Text".
  for (let k = 1; k <= limit; k++) {
    const w = ws[k - 1];
    const dash = /^[-–—]$/.test(ws[k] ?? '') || /[A-Za-z][-–—]$/.test(w);
    const end = /[?:.]$/.test(w) || dash;
    if (!end) continue;
    const head = ws.slice(0, k);
    const rest = ws.slice(/^[-–—]$/.test(ws[k] ?? '') ? k + 1 : k);
    if (!sentenceRest(rest)) return undefined;
    const question = w.endsWith('?') && QUESTION_START_RE.test(head[0]);
    // A full stop ends a title only when the title is short and every word is capitalised.
    if (w.endsWith('.') && (k > 8 || head.some((h) => !capitalised(h)))) return undefined;
    // One word alone ("Treatment.") must be a real word, not a list letter ("B.") or "U.S.".
    if (k === 1 && !/^[A-Za-z]{3,}[?:.\-–—]?$/.test(w)) return undefined;
    if (question || titleWords(head.map((h, i) => (i === k - 1 ? h.replace(/[?:.\-–—]+$/, '') : h)))) {
      return { heading: head.join(' ').replace(/\s*[-–—:.]+$/, ''), rest: rest.join(' ') };
    }
    return undefined;
  }
  // 2. A run of capitals: "PERMISSIONS DESCRIBED IN THIS NOTICE This notice will explain".
  let caps = 0;
  while (caps < ws.length && allCaps(ws[caps])) caps++;
  if (caps >= 2 && caps <= MAX_HEADING_WORDS && sentenceRest(ws.slice(caps)) && !allCaps(ws[caps])) {
    return { heading: ws.slice(0, caps).join(' '), rest: ws.slice(caps).join(' ') };
  }
  // 3. A title then a sentence opened by a function word: "Service Providers We share ...",
  //    "Business Transfers In the event that ...". The sentence starts at the last capitalised word
  //    before the first lower-case content word, and that word must be a function word.
  const minHead = numbered ? 1 : 2;
  const j = ws.findIndex((w, i) => i > 0 && /^[a-z]/.test(w) && !STOP_WORDS.has(bare(w).toLowerCase()) && !CONNECTORS.has(bare(w).toLowerCase()) && !OPENERS.has(bare(w).toLowerCase()));
  if (j < minHead + 1) return undefined;
  let k = j - 1;
  while (k > 0 && !capitalised(ws[k])) k--;
  if (k < minHead || k > MAX_HEADING_WORDS) return undefined;
  const opener = bare(ws[k]).toLowerCase();
  if (!STOP_WORDS.has(opener) && !PARTICLES.has(opener) && !CONNECTORS.has(opener) && !OPENERS.has(opener)) return undefined;
  const head = ws.slice(0, k);
  const real = head.filter((h) => !CONNECTORS.has(bare(h).toLowerCase()) && !STOP_WORDS.has(bare(h).toLowerCase()));
  if (!titleWords(head) || real.length === 0 || head.filter((h) => !CONNECTORS.has(bare(h).toLowerCase())).length < minHead) return undefined;
  if (/[,;:.?!]$/.test(head[head.length - 1])) return undefined;
  const rest = ws.slice(k);
  return sentenceRest(rest) ? { heading: head.join(' '), rest: rest.join(' ') } : undefined;
}
