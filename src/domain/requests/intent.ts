/**
 * Recognises typed messages that clearly ask to start a request, list requests, hand over
 * approvals or export registers. Table-driven and deliberately narrow: it fires only on request
 * phrasing ("I need Audacity installed"), never on questions about the policy ("can I install
 * Audacity?"), which are answered from the policy instead.
 */

/** What a typed message asks for. */
export type RequestIntent =
  | { kind: 'start'; flow: string; prefill: Record<string, string> }
  | { kind: 'list'; list: 'my_requests' | 'waiting_for_me' }
  | { kind: 'delegate'; until?: string; toName?: string }
  | { kind: 'back' }
  | { kind: 'registers' };

interface IntentRule {
  pattern: RegExp;
  intent: (match: RegExpExecArray) => RequestIntent;
}

const start = (flow: string, prefill: Record<string, string> = {}): RequestIntent => ({ kind: 'start', flow, prefill });

/** Words after "I need" that are not software ("I need help on my laptop"). */
const NOT_SOFTWARE = String.raw`(?!(?:some |more |a bit of )?(?:help|access|support|advice|storage|space|it|this|that|something|anything|someone|somebody|a new|my password|a password|a laptop|a computer)\b)`;
const SOFTWARE_NAME = String.raw`(?<software>[^?.!,;:]{1,60}?)`;
const SCHOOL_DEVICE = String.raw`(?:(?:my|the|our|a) )?(?:(?:school|work|classroom|teaching|staff|office) )?(?:laptop|computer|pc|desktop|machine|ipad|tablet|chromebook|mac|macbook|device)s?`;
const OWN_DEVICE = String.raw`(?<device>(?:mobile |smart ?)?phone|mobile|iphone|android(?: phone)?|tablet|ipad|laptop|computer|mac(?:book)?|pc|device)`;
const ACCOUNT = String.raw`(?:login|log-in|log in|logon|password|account|sign[- ]in|credentials|user ?name|details)`;

/** Tried in order; the first match wins. Patterns see the message trimmed, in any case. */
const RULES: readonly IntentRule[] = [
  // Commands.
  { pattern: /^(?:new |make a |start a )?software(?: install(?:ation)?)? request$|^request (?:a )?software(?: install)?$/, intent: () => start('software') },
  {
    pattern: /^(?:share a password|password[- ]sharing(?: request| authori[sz]ation)?|request password sharing)$/,
    intent: () => start('password_sharing'),
  },
  {
    pattern: /^(?:personal devices?(?: declaration)?|declare (?:a |my )?(?:personal |own )?device)$/,
    intent: () => start('personal_device'),
  },
  { pattern: /^(?:show )?(?:my requests|requests|my request status)$/, intent: () => ({ kind: 'list', list: 'my_requests' }) },
  {
    pattern: /^(?:waiting for me|waiting on me|(?:my |pending )?approvals|what'?s waiting for me|to approve)$/,
    intent: () => ({ kind: 'list', list: 'waiting_for_me' }),
  },
  { pattern: /^(?:export )?registers?(?: csv| export)?$/, intent: () => ({ kind: 'registers' }) },
  {
    pattern:
      /^(?:i'?m |i am )?(?:away|out of (?:the )?office|delegate(?: my approvals)?)(?: until (?<until>\d{4}-\d{2}-\d{2}))?(?:,?\s*(?:and\s+)?(?:delegate|hand(?: over)?|pass|send)(?: (?:my )?approvals)? to\s+(?<name>[a-z][a-z' .-]{1,80}?))?$/,
    intent: (m) => ({ kind: 'delegate', until: m.groups?.until, toName: m.groups?.name?.trim() }),
  },
  { pattern: /^(?:i'?m |i am )?back(?: now| at work| in (?:the )?office)?$|^end (?:my )?delegation$/, intent: () => ({ kind: 'back' }) },

  // Software: "I need Audacity installed", "can I get Scratch on my laptop", "please install Zoom".
  {
    pattern: new RegExp(
      String.raw`^(?:please,? )?(?:i need|i'd like|i would like|i want|can i (?:get|have)|could i (?:get|have)|can i please (?:get|have)|can you (?:please )?(?:install|put)|could you (?:please )?(?:install|put)|please (?:install|put))\s+${NOT_SOFTWARE}${SOFTWARE_NAME}\s+(?:installed|putting on|put on|adding to|added to|on ${SCHOOL_DEVICE})\b`,
    ),
    intent: (m) => start('software', { software: tidyName(m.groups!.software) }),
  },
  {
    pattern: new RegExp(
      String.raw`^(?:please,? )?(?:i need|i'd like|i would like|i want) to (?:install|get|have) ${NOT_SOFTWARE}${SOFTWARE_NAME}(?:\s+(?:installed|on ${SCHOOL_DEVICE}|for (?:my )?(?:class|lessons|teaching|work)\b.*))?$`,
    ),
    intent: (m) => start('software', { software: tidyName(m.groups!.software) }),
  },
  {
    pattern: new RegExp(String.raw`^(?:please )?(?:can|could) you (?:please )?install ${NOT_SOFTWARE}${SOFTWARE_NAME}(?:\s+(?:on|for) .*)?$`),
    intent: (m) => start('software', { software: tidyName(m.groups!.software) }),
  },

  // Password sharing: "can my TA use my login while I'm off", "I need to share my password with the supply teacher".
  {
    pattern: new RegExp(
      String.raw`\b(?:can|could|may) (?:my|a|the|our) [a-z][\w' -]{0,40}? (?:use|have|borrow|access|sign in (?:with|to|on|as)|log ?in (?:with|to|on|as)|go on) (?:my|me) ${ACCOUNT}\b`,
    ),
    intent: () => start('password_sharing'),
  },
  {
    pattern: new RegExp(String.raw`^(?:i need|i want|i'd like|i would like|i have) to (?:share|give out|give|lend) my ${ACCOUNT}\b`),
    intent: () => start('password_sharing'),
  },
  {
    pattern: new RegExp(String.raw`^(?:please )?(?:let|allow) (?:my |a |the |our )?[a-z][\w' -]{0,40}? (?:to )?use my ${ACCOUNT}\b`),
    intent: () => start('password_sharing'),
  },

  // Personal devices: "I want to use my own phone for email", "I'd like to declare my iPad".
  {
    pattern: new RegExp(
      String.raw`^(?:i want|i'd like|i would like|i need|i'm going|i am going|i plan|i'd like) to (?:use|start using|set up|connect) my (?:own |personal |own personal )${OWN_DEVICE}\b`,
    ),
    intent: (m) => start('personal_device', { device: `My ${m.groups!.device}` }),
  },
  {
    pattern: new RegExp(String.raw`^(?:i want|i'd like|i would like|i need) to (?:declare|register) (?:a |my )?(?:personal |own )?${OWN_DEVICE}\b`),
    intent: (m) => start('personal_device', { device: `My ${m.groups!.device}` }),
  },
];

// Written in lower case for reading; matched without regard to case so names keep theirs.
const CASELESS_RULES = RULES.map((rule) => ({ ...rule, pattern: new RegExp(rule.pattern.source, 'i') }));

/** What a typed message asks for, or undefined when it is not a clear request (e.g. a question). */
export function recogniseRequestIntent(text: string): RequestIntent | undefined {
  const normal = text
    .trim()
    .replace(/^\/+/, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .replace(/[.!]+$/, '');
  if (!normal || normal.length > 300) return undefined;
  for (const rule of CASELESS_RULES) {
    const match = rule.pattern.exec(normal);
    if (match) return rule.intent(match);
  }
  return undefined;
}

/** A name as typed, without a leading article; all-lower-case names get a capital ("audacity" → "Audacity"). */
function tidyName(raw: string): string {
  const name = raw.trim().replace(/^(?:the|a|an) /i, '');
  return name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
