// Draws the Teams app icons (manifest/color.png 192x192, manifest/outline.png 32x32): a shield
// with a tick. Run `node scripts/make-icons.mjs` after changing the glyph; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const manifestDir = resolve(dirname(fileURLToPath(import.meta.url)), '../manifest');

const NAVY = [0x1f, 0x4e, 0x79]; // manifest accentColor
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x2e, 0x8b, 0x57];

// Glyph geometry in unit coordinates: x and y in [-1, 1], y grows downwards.
const SHIELD_TOP = -0.92;
const SHIELD_SHOULDER = 0.05; // where the straight sides start curving to the point
const SHIELD_HALF_WIDTH = 0.8;

function insideShield(x, y, inset = 0) {
  const top = SHIELD_TOP + inset + 0.1 * (x / SHIELD_HALF_WIDTH) ** 2; // gentle arch at the top
  const bottom = 1 - inset * 1.6;
  if (y < top || y > bottom) return false;
  let halfWidth = SHIELD_HALF_WIDTH - inset;
  if (y > SHIELD_SHOULDER) {
    const t = (y - SHIELD_SHOULDER) / (bottom - SHIELD_SHOULDER);
    halfWidth *= 1 - t ** 1.7;
  }
  return Math.abs(x) <= halfWidth;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const TICK = [[-0.38, 0.0], [-0.1, 0.3], [0.4, -0.3]];

function onTick(x, y, halfStroke) {
  return distanceToSegment(x, y, TICK[0], TICK[1]) <= halfStroke ||
    distanceToSegment(x, y, TICK[1], TICK[2]) <= halfStroke;
}

/**
 * Renders an RGBA image by supersampling `paint(x, y)`, which returns [r, g, b, a] (a in 0..1) for
 * a point in glyph units. `scale` maps the glyph's [-1, 1] box onto part of the image.
 */
function render(size, scale, paint, samples = 4) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size * 2 - 1) / scale;
          const y = ((py + (sy + 0.5) / samples) / size * 2 - 1) / scale;
          const [cr, cg, cb, ca] = paint(x, y);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return PNG.sync.write(png);
}

// Colour icon: full-bleed navy square, white shield, green tick; glyph inside Teams' safe area.
const color = render(192, 0.6, (x, y) => {
  if (insideShield(x, y) && onTick(x, y, 0.11)) return [...GREEN, 1];
  if (insideShield(x, y)) return [...WHITE, 1];
  return [...NAVY, 1];
});

// Outline icon: white only on transparent, as Teams requires; the tick is cut out of the shield.
const outline = render(32, 0.9, (x, y) => {
  if (insideShield(x, y) && !onTick(x, y, 0.13)) return [...WHITE, 1];
  return [...WHITE, 0];
});

writeFileSync(resolve(manifestDir, 'color.png'), color);
writeFileSync(resolve(manifestDir, 'outline.png'), outline);
console.log(`wrote ${resolve(manifestDir, 'color.png')} and ${resolve(manifestDir, 'outline.png')}`);
