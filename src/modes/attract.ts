import qrcode from 'qrcode-generator';
import { el } from '../ui/dom.ts';
import './attract.css';

const SVG = 'http://www.w3.org/2000/svg';

/** Modules of white around a QR code (the quiet zone the standard asks for). */
const QUIET = 4;

/** Returns a QR code's modules for a text: `dark[row][col]`, at error correction level M, the smallest version that holds it. */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Returns an SVG path (`d`) that fills the dark modules, one unit per module, offset by the quiet zone: a rectangle per run of dark modules in a row. */
export function qrPath(dark: boolean[][], quiet = QUIET): string {
  const parts: string[] = [];
  dark.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      let end = c;
      while (end + 1 < row.length && row[end + 1]) end++;
      parts.push(`M${c + quiet} ${r + quiet}h${end - c + 1}v1h${-(end - c + 1)}z`);
      c = end;
    }
  });
  return parts.join('');
}

/** Returns an SVG of a QR code for `text`, built with the DOM (no markup parsed, no network): black modules on a white square with its quiet zone. */
export function qrSvg(text: string, label: string): SVGSVGElement {
  const dark = qrModules(text);
  const size = dark.length + 2 * QUIET;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.classList.add('kiosk-qr');
  const bg = document.createElementNS(SVG, 'rect');
  for (const [k, v] of Object.entries({ width: size, height: size, fill: '#fff' })) bg.setAttribute(k, String(v));
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', qrPath(dark));
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return svg;
}

/** Returns a web address as a reader would type it: without the scheme, and without a lone trailing slash. */
export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

export interface AttractContent {
  /** The story's title and subtitle (from its data). */
  title: string;
  subtitle: string;
  /** How many events the tour shows. */
  events: number;
  /** The web version's address for the QR code, or null for no QR. */
  qrUrl: string | null;
}

/**
 * Returns the attract screen the kiosk shows between tours and when a visitor has left: the story's
 * title, "Touch to explore", and a QR code to the web version when one is configured. It is shown
 * by the kiosk's `data-kiosk-stop="attract"` (attract.css) in place of the event card.
 */
export function createAttract(c: AttractContent): HTMLElement {
  const qr = c.qrUrl
    ? el(
        'figure',
        { class: 'kiosk-attract-qr' },
        qrSvg(c.qrUrl, `QR code: ${shortUrl(c.qrUrl)}`),
        el('figcaption', {}, el('span', { class: 'kiosk-attract-qr-lead' }, 'Read it on your phone'), el('span', { class: 'kiosk-attract-url' }, shortUrl(c.qrUrl))),
      )
    : null;
  return el(
    'section',
    { class: 'kiosk-attract', 'aria-labelledby': 'kiosk-attract-title' },
    el('p', { class: 'kiosk-attract-kicker' }, `A story in ${c.events} events`),
    el('h2', { id: 'kiosk-attract-title' }, c.title),
    el('p', { class: 'kiosk-attract-subtitle' }, c.subtitle),
    el('p', { class: 'kiosk-attract-touch' }, 'Touch to explore'),
    qr,
  );
}
