/**
 * Finds what a policy says about sharing passwords: allowed with authorisation, or forbidden outright.
 */
import type { PolicyIndex, IndexedPassage } from './policy-index.js';
import { sectionLabel } from './answer.js';
import type { AnswerPassage, PasswordSharingRule } from './policy-types.js';

const CREDENTIAL_RE = /\b(passwords?|pass ?codes?|pins?|user ?(ids?|names?)|credentials|log-?in details)\b/i;
const SHARING_RE = /\b(shar(e|ed|ing)|disclos(e|ed|es|ing)|reveal(ed)?|made available|make (it|them) available|give|given|tell|told|lend)\b/i;
const PROHIBITION_RE = /\b(must not|must never|should not|should never|shall not|not (to )?be|never|under no circumstances|not permitted|prohibited|forbidden|may not|cannot)\b/i;
// An authorisation route: "unless authorised by ...", "without (express) authorisation", "in the absence of express authorisation".
const EXCEPTION_RE = /\b(unless|except|without (the )?(express |prior |written )?(authori[sz]ation|permission|approval)|in the absence of (express )?(authori[sz]ation|permission)|(authori[sz]ed|approved|agreed) by)\b/i;

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?;])\s+/);
}

function toPassage(p: IndexedPassage): AnswerPassage {
  const out: AnswerPassage = {
    section: sectionLabel(p),
    sectionTitle: p.section.title,
    text: p.passage.text,
    score: 0,
    source: p.document.name,
    passageId: p.passage.id,
  };
  const number = p.section.number ?? p.section.parent?.number;
  if (number) out.sectionNumber = number;
  if (p.passage.clause) out.clause = p.passage.clause;
  return out;
}

/**
 * Whether the policy forbids sharing passwords outright. A clause that prohibits sharing a
 * password but names an authorisation route ("unless authorised by a member of the Senior
 * Leadership Team") means sharing can be requested; prohibitions with no such route anywhere
 * mean it is forbidden. Returns `{ forbidden: false }` with no passage when the policy says nothing.
 */
export function findPasswordSharingRule(index: PolicyIndex): PasswordSharingRule {
  let exception: IndexedPassage | undefined;
  let prohibition: IndexedPassage | undefined;
  for (const p of index.passages) {
    for (const s of sentencesOf(p.passage.text)) {
      if (!CREDENTIAL_RE.test(s) || !SHARING_RE.test(s) || !PROHIBITION_RE.test(s)) continue;
      // Sentences about someone else's password ("using another member of staff's password") are about use, not sharing.
      if (EXCEPTION_RE.test(s)) exception ??= p;
      else prohibition ??= p;
    }
  }
  if (exception) return { forbidden: false, passage: toPassage(exception) };
  if (prohibition) return { forbidden: true, passage: toPassage(prohibition) };
  return { forbidden: false };
}
