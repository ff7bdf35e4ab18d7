/**
 * Renders Adaptive Cards as Teams would, with the official `adaptivecards` renderer in Debian's
 * Chromium (never a downloaded browser), at a phone's width, in Teams' light and dark host configs
 * and a high-contrast rendering, and measures what a reader would notice: anything wider than the
 * screen, text cut short with an ellipsis, and text whose contrast with what is behind it is below
 * WCAG's 4.5:1. Used by scripts/render-cards.mjs (PNGs in docs/cards/) and test/cards.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bindCardTemplateFile, CARD_FIXTURES_DIR, CARDS_DIR, SHARED_DIR, type CardJson } from './card-checks.js';
import { chromiumPath } from './playground.js';

const require = createRequire(import.meta.url);

/** The width of a small phone's chat column, in CSS pixels. */
export const PHONE_WIDTH = 360;

/** WCAG 2 AA for normal text. */
export const MIN_CONTRAST = 4.5;

export type ThemeName = 'light' | 'dark' | 'high-contrast';

/** A Teams theme: the host config the renderer uses, and the chat background around the card. */
export interface Theme {
  name: ThemeName;
  hostConfig: Record<string, any>;
  /** The colour behind the card (Teams' chat pane). */
  page: string;
  /** Button colours (Teams styles buttons itself, not through the host config). */
  button: { text: string; border: string; background: string; positive: string };
  /** Contrast is a requirement in the two themes Teams publishes host configs for. */
  checkContrast: boolean;
}

/** Teams' own host configs, from ../shared/schemas. */
export function teamsHostConfig(name: 'light' | 'dark'): Record<string, any> {
  return JSON.parse(readFileSync(path.join(SHARED_DIR, 'schemas', `teams-hostconfig-${name}.json`), 'utf8'));
}

/**
 * Teams publishes no high-contrast host config: in that theme it maps the semantic colours itself
 * to the system's few high-contrast ones (white text on black, yellow accents, no tinted
 * backgrounds). This rendering does the same from the dark config, so a card that carries status
 * by colour alone shows it here as nothing at all.
 */
export function highContrastHostConfig(dark: Record<string, any>): Record<string, any> {
  const config = structuredClone(dark);
  const pair = (colour: string) => ({ default: colour, subtle: colour });
  for (const style of Object.values(config.containerStyles as Record<string, any>)) {
    style.backgroundColor = '#FF000000';
    style.borderColor = '#FFFFFFFF';
    style.foregroundColors = {
      default: pair('#FFFFFFFF'),
      dark: pair('#FFFFFFFF'),
      light: pair('#FFFFFFFF'),
      accent: pair('#FFFFFF00'),
      good: pair('#FFFFFFFF'),
      warning: pair('#FFFFFFFF'),
      attention: pair('#FFFFFFFF'),
    };
  }
  if (config.separator) config.separator.lineColor = '#FFFFFF';
  return config;
}

/** The three themes staff use Teams in. */
export function teamsThemes(): Theme[] {
  const light = teamsHostConfig('light');
  const dark = teamsHostConfig('dark');
  return [
    { name: 'light', hostConfig: light, page: '#f5f5f5', button: { text: '#242424', border: '#d1d1d1', background: '#ffffff', positive: '#5b5fc7' }, checkContrast: true },
    { name: 'dark', hostConfig: dark, page: '#1f1f1f', button: { text: '#ffffff', border: '#666666', background: '#292929', positive: '#4f52b2' }, checkContrast: true },
    {
      name: 'high-contrast',
      hostConfig: highContrastHostConfig(dark),
      page: '#000000',
      button: { text: '#ffffff', border: '#ffffff', background: '#000000', positive: '#ffff00' },
      checkContrast: true,
    },
  ];
}

/** Every template in cards/ bound to its sample data in test/fixtures/cards, by template name. */
export function sampleCards(): { name: string; card: CardJson }[] {
  return readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const fixture = path.join(CARD_FIXTURES_DIR, `${name}.data.json`);
      if (!existsSync(fixture)) throw new Error(`cards/${file} has no sample data: add test/fixtures/cards/${name}.data.json`);
      return { name, card: bindCardTemplateFile(path.join(CARDS_DIR, file), fixture).card };
    });
}

/** What a reader at this width would notice about one card in one theme. */
export interface CardLayoutReport {
  /** Elements reaching past the card's right edge: "TextBlock 'Patti Fernandez' right=402". */
  overflows: string[];
  /** Text shown cut short (ellipsis or clipped) instead of wrapped. */
  truncated: string[];
  /** Text below {@link MIN_CONTRAST} against what is behind it. */
  lowContrast: string[];
  /** The card as a PNG (only when asked for). */
  png?: Buffer;
}

/** A Chromium page holding the official renderer, reused for every card. */
export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly profile: string,
  ) {}

  /** Starts Debian's Chromium; throws when it is absent (callers skip first with requireChromium). */
  static async launch(): Promise<CardRenderer> {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium not installed: apt-get install -y chromium');
    const profile = await mkdtemp(path.join(os.tmpdir(), 'policy-desk-cards-'));
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile } as Record<string, string>,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND'],
    });
    const page = await browser.newPage({ viewport: { width: PHONE_WIDTH + 40, height: 800 }, deviceScaleFactor: 1, locale: 'en-GB' });
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="stage"></div></body></html>');
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
    return new CardRenderer(browser, page, profile);
  }

  /** Renders `card` at `width` in `theme` and measures it; `screenshot` also returns a PNG. */
  async render(card: CardJson, theme: Theme, options: { width?: number; screenshot?: boolean } = {}): Promise<CardLayoutReport> {
    const width = options.width ?? PHONE_WIDTH;
    const report = await this.page.evaluate(measureInPage, { card, theme, width, minContrast: MIN_CONTRAST });
    if (!options.screenshot) return report;
    const png = await this.page.locator('#stage').screenshot({ animations: 'disabled' });
    return { ...report, png };
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await rm(this.profile, { recursive: true, force: true });
  }
}

/** Runs inside the page: renders one card with window.AdaptiveCards and measures it. */
function measureInPage(args: { card: unknown; theme: Theme; width: number; minContrast: number }): CardLayoutReport {
  const { card, theme, width, minContrast } = args;
  const AC = (window as any).AdaptiveCards;
  const stage = document.getElementById('stage')!;
  stage.innerHTML = '';
  stage.style.cssText = `width:${width}px;padding:12px 0;background:${theme.page};box-sizing:content-box`;
  document.body.style.background = theme.page;
  document.body.style.fontFamily = "'Segoe UI', Tahoma, Geneva, Verdana, sans-serif";
  let style = document.getElementById('theme-style');
  if (!style) {
    style = document.createElement('style');
    style.id = 'theme-style';
    document.head.appendChild(style);
  }
  style.textContent = `
    .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px;
      border-radius: 4px; border: 1px solid ${theme.button.border}; background: ${theme.button.background}; color: ${theme.button.text}; }
    .ac-pushButton.style-positive { background: ${theme.button.positive}; border-color: ${theme.button.positive}; color: ${theme.name === 'high-contrast' ? '#000000' : '#ffffff'}; }
    .ac-input, .ac-input input, .ac-input textarea, .ac-input select { background: ${theme.button.background}; color: ${theme.button.text}; border: 1px solid ${theme.button.border}; }
  `;

  // Teams renders markdown in TextBlocks; bold, the escapes user text is given and line breaks are enough here.
  AC.AdaptiveCard.onProcessMarkdown = (text: string, result: { outputHtml?: string; didProcess: boolean }) => {
    const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    result.outputHtml = html
      .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
      .replace(/\\([\\`*_{}[\]()#|~!+.-])/g, '$1')
      .replace(/\n/g, '<br>');
    result.didProcess = true;
  };
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig(theme.hostConfig);
  adaptiveCard.parse(card);
  const root = adaptiveCard.render() as HTMLElement;
  root.style.borderRadius = '4px';
  stage.appendChild(root);

  const describe = (el: Element): string => {
    const cls = Array.from(el.classList).find((c) => c.startsWith('ac-')) ?? el.tagName.toLowerCase();
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
    return `${cls} "${text.length > 50 ? `${text.slice(0, 49)}…` : text}"`;
  };
  const cardBox = root.getBoundingClientRect();
  const overflows: string[] = [];
  const truncated: string[] = [];
  const lowContrast: string[] = [];
  if (root.scrollWidth > root.clientWidth + 1 || cardBox.width > width + 0.5) {
    overflows.push(`the card is ${Math.max(root.scrollWidth, cardBox.width)} px wide`);
  }

  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const m = /rgba?\(([^)]+)\)/.exec(css);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a === undefined || Number.isNaN(a) ? 1 : a];
  };
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const backgroundOf = (el: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((under, top) => over(top, under), parse(theme.page));
  };
  const luminance = ([r, g, b]: Rgba) => {
    const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };

  for (const el of Array.from(root.querySelectorAll('*'))) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > cardBox.right + 0.5 || box.left < cardBox.left - 0.5) {
      overflows.push(`${describe(el)} spans ${Math.round(box.left - cardBox.left)}–${Math.round(box.right - cardBox.left)} px of ${width}`);
    }
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    if (!ownText) continue;
    const cs = getComputedStyle(el);
    if (el.scrollWidth > el.clientWidth + 1 && (cs.textOverflow === 'ellipsis' || cs.overflowX === 'hidden' || cs.whiteSpace === 'nowrap')) {
      truncated.push(describe(el));
    }
    // The " *" after a required input's label is the host's own cue, drawn in its attention colour.
    const requiredCue = (el.textContent ?? '').trim() === '*';
    if (theme.checkContrast && !requiredCue) {
      const background = backgroundOf(el);
      const text = over(parse(cs.color), background);
      const [hi, lo] = [luminance(text), luminance(background)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < minContrast) lowContrast.push(`${describe(el)} ${ratio.toFixed(2)}:1 (${cs.color} on rgb(${background.slice(0, 3).map(Math.round).join(', ')}))`);
    }
  }
  // Elements nested in an overflowing parent are one problem, not many.
  return { overflows: overflows.slice(0, 10), truncated, lowContrast };
}
