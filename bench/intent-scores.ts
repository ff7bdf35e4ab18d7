/**
 * Scores routed messages against a labelled set: intent right per intent, slots right (a slot
 * found that was not expected counts as wrong), small talk sent to the policy. Shared by the
 * in-repo bench (bench/intents.bench.ts) and the scorer of `policy-desk route` output
 * (bench/score-route.ts).
 */

/** One labelled message: `{"id","text","intent","slots"}`. */
export interface LabelledMessage {
  id: string;
  text: string;
  intent: string;
  slots: Record<string, string>;
}

/** What the recogniser said about one message. */
export interface RoutedMessage {
  intent: string;
  confidence?: number;
  slots: Record<string, string | undefined>;
}

export interface IntentScores {
  total: number;
  right: number;
  perIntent: Map<string, { right: number; total: number }>;
  slotRight: number;
  slotTotal: number;
  /** Slots right and counted, per slot key (a slot found that was not expected counts under its key). */
  perSlot: Map<string, { right: number; total: number }>;
  smallTalkToPolicy: number;
  misses: string[];
}

const SMALL_TALK = new Set(['greeting', 'thanks', 'goodbye', 'help', 'cancel']);
const norm = (v: string | undefined) => (v ?? '').trim().toLowerCase();

/** Reads a JSONL file's objects. */
export function jsonLines<T>(text: string): T[] {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

export function scoreIntents(cases: readonly LabelledMessage[], routed: (c: LabelledMessage) => RoutedMessage | undefined): IntentScores {
  const s: IntentScores = { total: cases.length, right: 0, perIntent: new Map(), slotRight: 0, slotTotal: 0, perSlot: new Map(), smallTalkToPolicy: 0, misses: [] };
  for (const c of cases) {
    const r = routed(c) ?? { intent: '(no answer)', slots: {} };
    const stat = s.perIntent.get(c.intent) ?? { right: 0, total: 0 };
    stat.total++;
    if (r.intent === c.intent) {
      stat.right++;
      s.right++;
    } else {
      s.misses.push(`- ${c.id} "${c.text}": expected ${c.intent}, got ${r.intent} (${r.confidence ?? '?'})`);
    }
    s.perIntent.set(c.intent, stat);
    if (SMALL_TALK.has(c.intent) && r.intent === 'question') s.smallTalkToPolicy++;
    const found = Object.fromEntries(Object.entries(r.slots).filter(([, v]) => v !== undefined)) as Record<string, string>;
    for (const key of new Set([...Object.keys(c.slots), ...Object.keys(found)])) {
      s.slotTotal++;
      const perKey = s.perSlot.get(key) ?? { right: 0, total: 0 };
      perKey.total++;
      s.perSlot.set(key, perKey);
      if (norm(found[key]) === norm(c.slots[key])) {
        s.slotRight++;
        perKey.right++;
      } else s.misses.push(`- ${c.id} slot ${key}: expected "${c.slots[key] ?? '(none)'}", got "${found[key] ?? '(none)'}"`);
    }
  }
  return s;
}

export const pct = (a: number, b: number) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}%`);

/** The headline lines: intents, slots, small talk to the policy. */
export function headline(s: IntentScores): string[] {
  return [
    `- Intent right: ${s.right}/${s.total} (${pct(s.right, s.total)})`,
    `- Slots right: ${s.slotRight}/${s.slotTotal} (${pct(s.slotRight, s.slotTotal)}; a slot found that was not expected counts as wrong)`,
    `- Small talk answered as a policy question: ${s.smallTalkToPolicy}`,
  ];
}

/** The per-intent table. */
export function perIntentTable(s: IntentScores): string[] {
  return [
    '| intent | right | of | accuracy |',
    '|---|---|---|---|',
    ...[...s.perIntent.entries()].sort().map(([intent, t]) => `| ${intent} | ${t.right} | ${t.total} | ${pct(t.right, t.total)} |`),
  ];
}

/** The per-slot-key table: where the slot misses are. */
export function perSlotTable(s: IntentScores): string[] {
  return [
    '| slot | right | of | accuracy |',
    '|---|---|---|---|',
    ...[...s.perSlot.entries()].sort().map(([slot, t]) => `| ${slot} | ${t.right} | ${t.total} | ${pct(t.right, t.total)} |`),
  ];
}

/** Marks the blind-set section of intents-results.md, which the in-repo bench keeps when it rewrites the file. */
export const BLIND_SECTION = /<!-- bench:blind start -->[\s\S]*<!-- bench:blind end -->/;
