import { VERBS } from '../../src/adapters/teams/verbs.js';
import { BOT, cardExecute, cardSubmit, message, personalInstall, USERS, type TeamsUser } from './teams-activities.js';

/** A small, fast, seeded random source (mulberry32), so a failing run can be replayed from its seed. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** One input the fuzzer sends: a JSON activity, or a raw body that is not one. */
export interface FuzzInput {
  family: string;
  /** What to POST; a string is sent as the raw body. */
  body: unknown;
  /** The person whose chat replies would land in, when it is a well-formed personal activity. */
  user?: TeamsUser;
}

/**
 * Text planted in fields other people see. `marker` is unique per input so a card showing it can
 * be traced back; every form of it must arrive inert (escaped markdown, unevaluated templates).
 */
export function hostileText(random: SeededRandom, marker: string): string {
  const pieces = [
    `**${marker}**`,
    `[${marker}](https://evil.example/${marker})`,
    `<b>${marker}</b><script>alert(1)</script>`,
    `\${concat('EV','AL')}${marker}`,
    `\${$root}${marker}`,
    `# ${marker}`,
    `- ${marker}`,
    `1. ${marker}`,
    `_${marker}_ ~~${marker}~~ \`${marker}\``,
    `![img](https://evil.example/${marker}.png)`,
    `${marker} <at>Megan Bowen</at>`,
    `${marker}\u202e\u200b\u0000`,
  ];
  const count = 1 + random.int(3);
  return Array.from({ length: count }, () => random.pick(pieces)).join(' ');
}

const ODD_TEXTS = [
  '',
  ' ',
  '\n\n\t',
  '🙂🙃🤖'.repeat(50),
  'ﷺ'.repeat(200),
  'a\u0301'.repeat(300),
  'help',
  'cancel',
  'my requests',
  'waiting for me',
  'registers',
  'away until friday, Isaiah Langer',
  'back',
  'my laptop was stolen',
  'I lost my ID badge',
  'I need Audacity installed',
  'can my TA use my login',
  'what is the password policy?',
  'null',
  'undefined',
  '{"verb":"request-decide"}',
  '<at>Policy Desk</at>',
  '%s%s%s%n',
  '../../../../etc/passwd',
  "'; DROP TABLE requests; --",
];

const KNOWN_VERBS = Object.values(VERBS);
const FLOWS = ['software-install', 'password-sharing', 'personal-device', 'lost-device', 'nope', '', '__proto__'];
const STEPS = ['form', 'summary', 'confirm', 'item', 'circumstance', 'data', 'nope'];
const FLOW_ACTIONS = ['submit', 'confirm', 'change', 'cancel', 'nope'];

/** Values of every JSON type, including ones a handler does not expect. */
function oddValue(random: SeededRandom, ids: readonly string[], depth = 0): unknown {
  switch (random.int(depth > 1 ? 9 : 11)) {
    case 0:
      return null;
    case 1:
      return random.int(1e9) - 5e8;
    case 2:
      return random.chance(0.5);
    case 3:
      return '';
    case 4:
      return 'x'.repeat(random.pick([1, 100, 5000, 60_000]));
    case 5:
      return random.pick(ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
    case 6:
      return random.pick(ODD_TEXTS);
    case 7:
      return '2025-13-45';
    case 8:
      return 1e308 * 10;
    case 9:
      return [oddValue(random, ids, depth + 1), oddValue(random, ids, depth + 1)];
    default:
      return { ...JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'), nested: oddValue(random, ids, depth + 1) };
  }
}

function forgedData(random: SeededRandom, ids: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const key of ['requestId', 'incidentId', 'questionId', 'decision', 'comment', 'reason', 'view', 'confirm', 'flow', 'step', 'flowAction', 'answer', 'helpful', 'role', 'reply', 'toId', 'until', 'end', 'tapKey', 'software', 'device', 'location', 'crimeReference']) {
    if (random.chance(0.3)) data[key] = oddValue(random, ids);
  }
  if (random.chance(0.3)) data.requestId = random.pick(ids.length ? ids : ['x']);
  if (random.chance(0.2)) data.decision = random.pick(['approve', 'reject', 'maybe']);
  if (random.chance(0.2)) data.confirm = random.pick(['yes', 'no', 'perhaps']);
  return data;
}

const PEOPLE = [USERS.alex, USERS.megan, USERS.adele, USERS.isaiah, USERS.patti, USERS.lynne, USERS.stranger];

/**
 * Makes `count` hostile inputs from `seed`: malformed and incomplete activities, wrong types,
 * forged card data and verbs, forged ids of other people's requests (`ids`, read as the run goes),
 * huge, empty and odd text, and template syntax and markdown in fields shown to others.
 */
export function* fuzzInputs(seed: number, count: number, serviceUrl: string, ids: () => readonly string[]): Generator<FuzzInput> {
  const random = new SeededRandom(seed);
  for (let i = 0; i < count; i++) {
    const user = random.pick(PEOPLE);
    const marker = `MK${seed}x${i}`;
    const family = random.pick(FAMILIES);
    yield FAMILY_MAKERS[family]({ random, user, marker, serviceUrl, ids: ids() });
  }
}

interface MakerArgs {
  random: SeededRandom;
  user: TeamsUser;
  marker: string;
  serviceUrl: string;
  ids: readonly string[];
}

const FAMILY_MAKERS: Record<string, (args: MakerArgs) => FuzzInput> = {
  'odd text': ({ random, user, serviceUrl }) => ({
    family: 'odd text',
    user,
    body: message(user, random.chance(0.1) ? 'z'.repeat(random.pick([30_000, 100_000])) : random.pick(ODD_TEXTS), serviceUrl),
  }),
  'hostile question': ({ random, user, marker, serviceUrl }) => ({
    family: 'hostile question',
    user,
    body: message(user, `can I ${hostileText(random, marker)} install software?`, serviceUrl),
  }),
  'forged submit': ({ random, user, serviceUrl, ids }) => ({
    family: 'forged submit',
    user,
    body: cardSubmit(user, { verb: random.pick([...KNOWN_VERBS, 'nope', '']), ...forgedData(random, ids) }, serviceUrl),
  }),
  'forged flow card': ({ random, user, marker, serviceUrl, ids }) => ({
    family: 'forged flow card',
    user,
    body: cardSubmit(
      user,
      {
        verb: VERBS.flowForm,
        flow: random.pick(FLOWS),
        step: random.pick(STEPS),
        flowAction: random.pick(FLOW_ACTIONS),
        software: hostileText(random, marker),
        reason: hostileText(random, marker),
        device: hostileText(random, marker),
        location: hostileText(random, marker),
        ...forgedData(random, ids),
      },
      serviceUrl,
    ),
  }),
  'forged invoke': ({ random, user, serviceUrl, ids }) => ({
    family: 'forged invoke',
    user,
    body: cardExecute(user, random.pick([...KNOWN_VERBS, 'nope']), forgedData(random, ids), serviceUrl),
  }),
  'odd invoke': ({ random, user, serviceUrl }) => {
    const base = cardExecute(user, VERBS.requestDecide, {}, serviceUrl) as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [
      { value: undefined },
      { value: 'x' },
      { value: { action: null } },
      { value: { action: { verb: 5 } } },
      { value: { action: { verb: VERBS.requestDecide, data: 'x' } } },
      { value: { action: { verb: VERBS.requestDecide, data: [] } } },
      { name: undefined },
      { name: random.pick(['task/fetch', 'composeExtension/query', 'signin/verifyState', 'fileConsent/invoke', 'actionableMessage/executeAction']) },
      { name: 42 },
    ];
    return { family: 'odd invoke', user, body: { ...base, ...random.pick(variants) } };
  },
  'broken structure': ({ random, user, serviceUrl }) => {
    const base = message(user, 'hi', serviceUrl) as Record<string, unknown>;
    const field = random.pick(['from', 'recipient', 'conversation', 'serviceUrl', 'channelId', 'type', 'text', 'entities', 'attachments', 'channelData', 'timestamp', 'id']);
    const value = random.pick<unknown>([undefined, null, 5, 'x', [], {}, [null], { id: 5 }, 'not a date', true]);
    return { family: 'broken structure', user, body: { ...base, [field]: value } };
  },
  'not an activity': ({ random }) => ({
    family: 'not an activity',
    body: random.pick<unknown>([null, 5, 'hello', [], [1, 2], {}, { type: 5 }, '{"type":"message"', '\u0000\u0001', '{"type":"message","text":"' + 'a'.repeat(300_000) + '"}']),
  }),
  'other events': ({ random, user, serviceUrl }) => {
    const base = message(user, 'x', serviceUrl) as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [
      personalInstall(user, serviceUrl),
      { ...base, type: 'conversationUpdate', membersAdded: [{ id: user.id }, { id: BOT.id }] },
      { ...base, type: 'conversationUpdate', membersRemoved: [{ id: user.id }] },
      { ...base, type: 'messageReaction', reactionsAdded: [{ type: 'like' }] },
      { ...base, type: 'installationUpdate', action: 'remove' },
      { ...base, type: 'installationUpdate', action: 'add' },
      { ...base, type: 'event', name: 'application/vnd.microsoft.meetingStart' },
      { ...base, type: 'typing' },
      { ...base, type: 'messageUpdate', text: 'edited' },
      { ...base, type: 'messageDelete' },
      { ...base, type: 'endOfConversation' },
      { ...base, type: 'nonsense' },
    ];
    return { family: 'other events', user, body: random.pick(variants) };
  },
  'group chat': ({ random, user, marker, serviceUrl }) => {
    const base = message(user, `<at>Policy Desk</at> ${random.chance(0.5) ? hostileText(random, marker) : random.pick(ODD_TEXTS)}`, serviceUrl) as Record<string, any>;
    return {
      family: 'group chat',
      body: {
        ...base,
        conversation: { id: '19:fuzz@thread.v2', conversationType: random.pick(['groupChat', 'channel']), isGroup: true, tenantId: base.conversation.tenantId },
        entities: [{ type: 'mention', text: '<at>Policy Desk</at>', mentioned: { ...BOT } }],
      },
    };
  },
  'forged sender': ({ random, marker, serviceUrl }) => {
    const forged: TeamsUser = { id: `29:${marker}`, aadObjectId: random.chance(0.5) ? USERS.megan.aadObjectId : `aad-${marker}`, name: hostileText(random, marker) };
    return { family: 'forged sender', user: forged, body: cardExecute(forged, VERBS.requestDecide, { requestId: 'x', decision: 'approve' }, serviceUrl) };
  },
};

const FAMILIES = Object.keys(FAMILY_MAKERS);

/** Whether a card shows text that could still be read as markdown, a link, HTML or a template someone typed. */
export function liveMarkup(card: unknown): string[] {
  const found: string[] = [];
  const check = (text: string) => {
    if (!/MK\d+x\d+/.test(text)) return;
    const unescaped = [
      /(?<!\\)\*\*MK\d+x\d+/,
      /(?<!\\)\[MK\d+x\d+(?<!\\)\]\(/,
      /(?<!\\)<b>MK/,
      /(?<!\\)<script>/,
      /EVALMK\d+x\d+/,
      /^\s*#\s+MK/m,
      /^\s*-\s+MK/m,
      /^\s*1\.\s+MK/m,
      /(?<!\\)!\[img\]/,
    ];
    for (const pattern of unescaped) if (pattern.test(text)) found.push(`${pattern}: ${text.slice(0, 200)}`);
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') check(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) {
      for (const fact of o.facts as Record<string, unknown>[]) {
        if (typeof fact?.title === 'string') check(fact.title);
        if (typeof fact?.value === 'string') check(fact.value);
      }
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}
