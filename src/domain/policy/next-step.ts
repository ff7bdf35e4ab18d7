/** What a question leads to: the request it may start, its topic and whom to hand it off to. */
import { contentStems } from './text.js';
import type { QueryUnit } from './question-units.js';
import type { HandoffRole, PolicyNextStep, PolicyTopic } from './policy-types.js';

export const has = (units: QueryUnit[], id: string) => units.some((u) => u.concepts.some((c) => c.concept.id === id));

/** Asking for a program to be put on a machine: "install", "download", "get Scratch on my laptop". */
const INSTALL_VERB_RE = /\b(?:install(?:s|ed|ing|ation)?|re-?install(?:ed|ing)?|download(?:s|ed|ing)?)\b/i;
const ONTO_DEVICE_RE =
  /\b(?:get|put|have|add|load|stick)\b([^.?!]{1,40}?)\b(?:on|onto|on to)\s+(?:my|the|a|our|this|his|her|their|class|classroom|school|work)\b[^.?!]{0,25}?\b(?:laptop|computer|pc|desktop|ipad|tablet|machine|chromebook|macbook|device|whiteboard|board)s?\b/i;

const PROGRAM_CONCEPTS = ['software', 'games', 'messenger', 'p2p', 'install'];

/**
 * The request a question leads to. The request a question is about wins over the things it
 * mentions on the way ("install Audacity on my laptop" asks for software, not about laptops).
 */
export function nextStepFor(units: QueryUnit[], question = ''): PolicyNextStep | undefined {
  const device = ['device', 'laptop', 'tablet', 'phone', 'computer', 'usb', 'badge'].some((id) => has(units, id));
  if ((has(units, 'lost') || has(units, 'theft')) && (device || !has(units, 'personal_data'))) return 'lost_device';
  if (has(units, 'password') && (has(units, 'share') || has(units, 'log_on') || has(units, 'colleague'))) return 'password_sharing';
  const aboutProtection = has(units, 'antivirus') || has(units, 'updates') || has(units, 'virus');
  const aboutData = (has(units, 'personal_data') || has(units, 'books')) && !has(units, 'software');
  const program = has(units, 'software') || has(units, 'games') || has(units, 'messenger') || has(units, 'p2p');
  // "get Scratch on my laptop": the thing put on the machine is a program when the vocabulary does
  // not know it as something else (photos, files, data...).
  const onto = ONTO_DEVICE_RE.exec(question);
  const ontoProgram = !!onto && !contentStems(onto[1]).some((st) => units.some((u) => u.alternatives.get(st) === 1 && u.concepts.some((c) => !PROGRAM_CONCEPTS.includes(c.concept.id))));
  const installIntent = INSTALL_VERB_RE.test(question) || ontoProgram;
  if (!aboutProtection && !aboutData && (installIntent || (has(units, 'install') && program) || has(units, 'software'))) {
    return 'software';
  }
  if (has(units, 'own') && ['device', 'laptop', 'tablet', 'phone', 'computer'].some((id) => has(units, id))) return 'personal_device';
  return undefined;
}

export function topicFor(units: QueryUnit[], nextStep: PolicyNextStep | undefined): PolicyTopic {
  if (nextStep === 'software') return 'software';
  if (nextStep === 'password_sharing') return 'passwords';
  if (nextStep === 'personal_device') return 'personal_devices';
  if (nextStep === 'lost_device') return 'lost_device';
  const tally = new Map<PolicyTopic, number>();
  for (const u of units) {
    for (const c of u.concepts) {
      if (c.concept.topic) tally.set(c.concept.topic, (tally.get(c.concept.topic) ?? 0) + (c.concept.weight ?? 1));
    }
  }
  let best: PolicyTopic = 'other';
  let bestScore = 0;
  for (const [t, s] of tally) {
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

export function handoffFor(units: QueryUnit[], topic: PolicyTopic): HandoffRole {
  if (topic === 'data_protection') return 'dpc';
  if (['breach', 'dpc', 'data_protection_law', 'sar', 'ico', 'sharing_data'].some((id) => has(units, id))) return 'dpc';
  return 'it_manager';
}
