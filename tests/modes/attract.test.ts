import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrModules, qrPath, shortUrl } from '../../src/modes/attract.ts';

/** Returns the RGBA pixels of a QR code's modules drawn `cell` px each with a 4-module white margin. */
function rasterise(dark: boolean[][], cell = 4) {
  const n = dark.length + 8;
  const size = n * cell;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  dark.forEach((row, r) =>
    row.forEach((on, c) => {
      if (!on) return;
      for (let y = 0; y < cell; y++)
        for (let x = 0; x < cell; x++) {
          const i = (((r + 4) * cell + y) * size + (c + 4) * cell + x) * 4;
          data[i] = data[i + 1] = data[i + 2] = 0;
        }
    }),
  );
  return { data, size };
}

describe('qrModules', () => {
  it('encodes a URL that a QR decoder reads back', () => {
    for (const url of ['https://example.org/istanbul-talks/', 'https://news.example.com/graphics/2025/istanbul?mode=explore&t=2025-06-02T12:00Z']) {
      const { data, size } = rasterise(qrModules(url));
      expect(jsQR(data, size, size)?.data).toBe(url);
    }
  });

  it('is square, and grows with the text', () => {
    const small = qrModules('https://a.example/');
    const big = qrModules(`https://a.example/${'x'.repeat(200)}`);
    expect(small.every((row) => row.length === small.length)).toBe(true);
    expect(big.length).toBeGreaterThan(small.length);
  });
});

describe('qrPath', () => {
  it('draws one rectangle per run of dark modules, offset by the quiet zone', () => {
    expect(qrPath([[true, true, false, true]], 4)).toBe('M4 4h2v1h-2zM7 4h1v1h-1z');
    expect(qrPath([[false], [true]], 1)).toBe('M1 2h1v1h-1z');
  });
});

describe('shortUrl', () => {
  it('drops the scheme and a lone trailing slash', () => {
    expect(shortUrl('https://example.org/')).toBe('example.org');
    expect(shortUrl('http://example.org/a/b')).toBe('example.org/a/b');
  });
});
