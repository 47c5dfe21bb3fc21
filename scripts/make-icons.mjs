// Raster icons from the theme's SVG favicon, rendered by headless Debian Chromium:
//   themes/default/static/favicon.ico           16, 32 and 48 px, PNG-in-ICO, transparent
//   themes/default/static/apple-touch-icon.png  180 px, opaque RGB (iOS ignores transparency
//                                               and rounds the corners itself)
// Chromium only rasterizes (the SVG drawn on a canvas, pixels read back); the PNG and ICO
// bytes are written here with zlib, without timestamps or other metadata, so the same SVG
// gives the same files on the same Chromium. `var(--accent)` in the SVG is the accent colour
// style.css declares (beside the SVG), as the build does. Run after changing favicon.svg or the
// accent colour:
//   npm ci --prefix tests/browser && node scripts/make-icons.mjs
// Optional: --svg PATH  --out DIR  (defaults: the default theme's static/ folder)

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { deflateSync } from 'node:zlib';
import { launch } from '../tests/browser/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STATIC = path.join(ROOT, 'themes/default/static');

export const ICO_SIZES = [16, 32, 48];
export const TOUCH_SIZE = 180;

// ---------------------------------------------------------------------------
// PNG and ICO encoding
// ---------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encode RGBA pixels (row-major, 4 bytes a pixel) as a PNG. With `opaque`, the alpha channel
 * is dropped (colour type 2, RGB) and must be 255 everywhere; otherwise colour type 6 (RGBA).
 */
export function encodePng(width, height, rgba, { opaque = false } = {}) {
  const channels = opaque ? 3 : 4;
  const stride = width * channels;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const src = (y * width + x) * 4;
      if (opaque && rgba[src + 3] !== 255) {
        throw new Error(`pixel (${x}, ${y}) is not opaque (alpha ${rgba[src + 3]})`);
      }
      for (let c = 0; c < channels; c++) raw[row + 1 + x * channels + c] = rgba[src + c];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = opaque ? 2 : 6; // colour type
  // compression, filter and interlace methods: 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one PNG per size (`images`: [{size, png}], each size <= 256). */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // width (0 means 256)
    e[1] = size >= 256 ? 0 : size; // height
    e[2] = 0; // palette colours
    e[3] = 0; // reserved
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/** The first `--accent` colour `css` declares (the light scheme's), as the build reads it. */
export function accentOf(css) {
  const value = css.match(/--accent:\s*([^;\s]+)/)?.[1];
  if (!/^#[0-9a-fA-F]{6}$/.test(value ?? '')) {
    throw new Error(`style.css: no --accent colour written #rrggbb (found ${value})`);
  }
  return value.toLowerCase();
}

/** The fill of the SVG's first <rect> (its background tile), for the opaque touch icon. */
export function backgroundOf(svg) {
  const rect = svg.match(/<rect\b[^>]*>/i)?.[0] ?? '';
  return rect.match(/\bfill\s*=\s*["']([^"']+)["']/i)?.[1] ?? '#ffffff';
}

/**
 * Draw `svg` on a `size`×`size` canvas (over `background` when given; corners stay transparent
 * otherwise) and return its RGBA pixels. Chromium rasterizes the SVG at the target size.
 */
async function rasterize(page, svg, size, background) {
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  const pixels = await page.evaluate(
    async ({ dataUrl, size, background }) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const ctx = canvas.getContext('2d', { colorSpace: 'srgb' });
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      if (background) {
        ctx.fillStyle = background;
        ctx.fillRect(0, 0, size, size);
      }
      ctx.drawImage(img, 0, 0, size, size);
      return Array.from(ctx.getImageData(0, 0, size, size).data);
    },
    { dataUrl, size, background },
  );
  return Uint8Array.from(pixels);
}

export async function makeIcons({ svgPath = path.join(STATIC, 'favicon.svg'), outDir = STATIC } = {}) {
  const css = await readFile(path.join(path.dirname(svgPath), 'style.css'), 'utf8');
  const svg = (await readFile(svgPath, 'utf8')).replaceAll('var(--accent)', accentOf(css));
  const browser = await launch();
  try {
    const context = await browser.newContext({ deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.setContent('<!doctype html><title>icons</title>');

    const ico = [];
    for (const size of ICO_SIZES) {
      ico.push({ size, png: encodePng(size, size, await rasterize(page, svg, size, null)) });
    }
    const bg = backgroundOf(svg);
    const touch = encodePng(TOUCH_SIZE, TOUCH_SIZE, await rasterize(page, svg, TOUCH_SIZE, bg), {
      opaque: true,
    });

    const icoPath = path.join(outDir, 'favicon.ico');
    const touchPath = path.join(outDir, 'apple-touch-icon.png');
    await writeFile(icoPath, encodeIco(ico));
    await writeFile(touchPath, touch);
    return { icoPath, touchPath, background: bg };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { svg: { type: 'string' }, out: { type: 'string' } },
  });
  const { icoPath, touchPath, background } = await makeIcons({
    svgPath: values.svg && path.resolve(values.svg),
    outDir: values.out && path.resolve(values.out),
  });
  const rel = (p) => path.relative(process.cwd(), p);
  console.log(`wrote ${rel(icoPath)} (${ICO_SIZES.join(', ')} px)`);
  console.log(`wrote ${rel(touchPath)} (${TOUCH_SIZE} px, opaque, background ${background})`);
}
