/**
 * Finds secrets people type into chat (passwords, PINs, card numbers, keys) and replaces them
 * before anything is stored, logged, classified or shown. Detection reads the context a secret
 * comes in ("my password is …", "pin: …", a credential-shaped token in a password-sharing form),
 * never the bare word "password": questions about password rules must still be answered.
 */

/** What replaces a secret everywhere. */
export const REDACTION_MARK = '[secret removed]';

export type SecretKind = 'password' | 'pin' | 'card-number' | 'key';

export interface Redaction {
  /** The text with every secret replaced by {@link REDACTION_MARK}. */
  text: string;
  /** What was found, once per secret; empty when the text was clean. */
  found: SecretKind[];
}

export interface RedactionContext {
  /**
   * The text answers a password-sharing form or flow: a lone credential-shaped token there is
   * taken for a password even with no "password is" before it.
   */
  credentialContext?: boolean;
}

// Words after which the next token is the secret itself: "password is X", "pw: X", "my login is X".
const CUE = String.raw`(?:pass\s?words?|passwd|pwd|pw|pass\s?phrase|pass\s?code|log-?in|sign-?in|credentials?|wi-?fi\s+(?:key|code)|network\s+key)`;
// What joins the cue to the secret: "is", "was", ":", "=", "'s", "-", or "for <system> is".
const LINK = String.raw`(?:\s+(?:for\s+[^\s,.;:!?]+(?:\s+[^\s,.;:!?]+)?\s+)?(?:is|was|=|:|-)\s*|\s*[:=]\s*|'s\s+|’s\s+|\s+(?:to|as)\s+|\s+)`;
const TOKEN = String.raw`("[^"\n]{1,64}"|'[^'\n]{1,64}'|[^\s,;]{1,64})`;
const CUED_SECRET = new RegExp(String.raw`\b(${CUE})(${LINK})${TOKEN}`, 'gi');
const PIN = /\b((?:pin|pin\s?code|pin\s?number|door\s+code|alarm\s+code|code)\s*(?:is|was|:|=|-)?\s*)(\d{4,8})\b/gi;
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;
// Long machine-made strings: API keys, tokens, connection secrets (mixed case and digits; not a GUID).
const KEY_LIKE = /(?<![\w+/=-])(?![0-9a-f]{8}-[0-9a-f]{4}-)(?=[A-Za-z0-9+/_=-]*\d)(?=[A-Za-z0-9+/_=-]*[a-z])(?=[A-Za-z0-9+/_=-]*[A-Z])[A-Za-z0-9+/_=-]{24,}(?![\w+/=-])/g;

// A word after "password is" that describes the password instead of being it: "is expired",
// "is not working", "is the same". Function words, states and -ed/-ing forms.
const DESCRIBING_WORDS = new Set(
  (
    'a an the my your his her their our its this that these those it not no never still too very so quite really ' +
    'always also just now being been be about for in on at of to with without by from into than then when what ' +
    'which who how why where if or and but same different wrong right correct incorrect invalid valid weak strong ' +
    'short long old new ok okay fine secure insecure safe unsafe easy hard simple complex good bad required ' +
    'needed case sensitive due locked blocked broken compromised known unknown there here something anything ' +
    'nothing rules policy reset change changes manager protected protection'
  ).split(' '),
);

const SECRET_WORD_SHAPE = /^[^\s]{3,64}$/;
const EMAIL_OR_URL = /^(?:[\w.+-]+@[\w-]+\.[\w.-]+|https?:\/\/\S+|www\.\S+)$/i;
const DATE_OR_TIME = /^\d{1,4}[/.:-]\d{1,2}(?:[/.:-]\d{1,4})?$/;
// Symbols people put in passwords; not those ordinary words carry ("Year7/8", "10:30am", "v2.3").
const PASSWORD_SYMBOLS = /[!@#$%^&*+=?~<>{}[\]|"£€]/;

function stripQuotes(token: string): string {
  return token.replace(/^["'“‘]|["'”’]$/g, '');
}

function trimTrailingPunctuation(token: string): string {
  return token.replace(/[.,?;:)]+$/, '');
}

const STRONG_LINK = /(?:\bis|\bwas|=|:|-|['’]s)\s*$/i;

/** Whether the token after a cue is a secret rather than words about one. */
function isCuedSecret(rawToken: string, link: string): boolean {
  const quoted = /^["'“‘]/.test(rawToken);
  const token = quoted ? stripQuotes(rawToken) : trimTrailingPunctuation(rawToken);
  if (quoted) return token.trim().length >= 3;
  if (!SECRET_WORD_SHAPE.test(token) || EMAIL_OR_URL.test(token)) return false;
  if (isLonePassword(token)) return true;
  // Without "is"/":" ("password rules", "password to access SIMS") only a password-shaped token counts.
  if (!STRONG_LINK.test(link)) return false;
  if (/\d/.test(token)) return true;
  const word = token.toLowerCase().replace(/!+$/, '');
  return !DESCRIBING_WORDS.has(word) && !/(ed|ing|ly)$/.test(word);
}

/** A token that looks like a password whatever is around it: letters, digits and a symbol. */
export function isCredentialShaped(rawToken: string): boolean {
  const token = trimTrailingPunctuation(stripQuotes(rawToken)).replace(/^#/, '');
  if (token.length < 6 || token.length > 64 || /\s/.test(token)) return false;
  if (EMAIL_OR_URL.test(token) || DATE_OR_TIME.test(token)) return false;
  return /[A-Za-z]/.test(token) && /\d/.test(token) && PASSWORD_SYMBOLS.test(token);
}

/** A token that answers a password-sharing form with what looks like the password itself. */
function isLonePassword(token: string): boolean {
  const t = trimTrailingPunctuation(token);
  if (isCredentialShaped(t)) return true;
  // "Hunter22" or "sunflower7": letters and digits mixed in one word, typed where a password was on the person's mind.
  return t.length >= 6 && /[A-Za-z]/.test(t) && /\d/.test(t) && !DATE_OR_TIME.test(t) && !EMAIL_OR_URL.test(t);
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Replaces every secret in the text; see the module comment for what counts. */
export function redactSecrets(text: string, context: RedactionContext = {}): Redaction {
  const found: SecretKind[] = [];
  let out = text.replace(CUED_SECRET, (whole, cue: string, link: string, token: string) => {
    if (!isCuedSecret(token, link)) return whole;
    found.push('password');
    const trailing = /^["'“‘]/.test(token) ? '' : token.slice(trimTrailingPunctuation(token).length);
    return `${cue}${link}${REDACTION_MARK}${trailing}`;
  });
  out = out.replace(PIN, (_whole, lead: string) => {
    found.push('pin');
    return `${lead}${REDACTION_MARK}`;
  });
  out = out.replace(CARD_NUMBER, (whole) => {
    const digits = whole.replace(/\D/g, '');
    if (digits.length < 13 || !luhnValid(digits)) return whole;
    found.push('card-number');
    return REDACTION_MARK;
  });
  out = out.replace(KEY_LIKE, () => {
    found.push('key');
    return REDACTION_MARK;
  });
  out = out.replace(/[^\s]+/g, (token) => {
    if (!isCredentialShaped(token) && !(context.credentialContext && isLonePassword(token))) return token;
    found.push('password');
    return REDACTION_MARK + token.slice(trimTrailingPunctuation(token).length);
  });
  return { text: out, found };
}

/**
 * Redacts every string inside a value (a card's submitted data, a form's fields), leaving its
 * shape; `verb`-like keys that the bot itself wrote are left alone by the caller's choice of `skip`.
 */
export function redactSecretsDeep<T>(value: T, context: RedactionContext = {}, skip: ReadonlySet<string> = new Set()): { value: T; found: SecretKind[] } {
  const found: SecretKind[] = [];
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') {
      if (key !== undefined && skip.has(key)) return node;
      const r = redactSecrets(node, context);
      found.push(...r.found);
      return r.text;
    }
    if (Array.isArray(node)) return node.map((item) => walk(item));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
    }
    return node;
  };
  return { value: walk(value) as T, found };
}
