import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, startServer } from '../../scripts/serve.mjs';

let dir: string;
let server: import('node:http').Server;
let port: number;

/** Sends a GET with the path exactly as given (no client-side normalisation) and returns status, headers and body. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: Buffer }>((ok, ko) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', ko);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'a.js'), 'console.log("a");'.repeat(50));
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  ({ server } = await startServer({ root: join(dir, 'dist') }));
  port = (server.address() as import('node:net').AddressInfo).port;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the static server (npm start, kiosk, shots, bench)', () => {
  it('serves the app with the strict CSP, and gzip when asked', async () => {
    const page = await get('/?t=2025-06-02T12:00Z');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>app</title>');
    expect(page.headers['content-security-policy']).toBe(CSP);
    const js = await get('/assets/a.js', { 'accept-encoding': 'gzip' });
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).toString()).toContain('console.log');
  });

  it('keeps answering after malformed paths: "//…" is a path, bad percent-encoding is a 400', async () => {
    expect((await get('//?t=2025-06-02T12:00Z')).status).toBe(200);
    expect((await get('//assets/a.js')).status).toBe(200);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/assets/%')).status).toBe(400);
    expect((await get('/')).status).toBe(200);
  });

  it('never serves a file outside its root', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toContain('outside the root');
    }
  });
});
