import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/lib/precompress.ts';
import { CSP, startServer } from '../../scripts/serve.ts';

type Reply = { status: number; headers: import('node:http').IncomingHttpHeaders; body: Buffer };

let dir: string;
let server: import('node:http').Server;
let port: number;
const JS = 'console.log("a");'.repeat(200);

/** Sends a request with the path exactly as given (no client-side normalisation) and returns status, headers and body. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET', to = () => port) {
  return new Promise<Reply>((ok, ko) => {
    const req = request({ host: '127.0.0.1', port: to(), path, headers, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', ko);
    });
    req.on('error', ko);
    req.end();
  });
}
const get = (path: string, headers: Record<string, string> = {}) => send(path, headers);

/** The headers every answer must carry, error pages included. */
function expectSecurityHeaders(r: Reply, what: string) {
  expect(r.headers['content-security-policy'], what).toBe(CSP);
  expect(r.headers['content-security-policy'], what).toContain('frame-ancestors');
  expect(r.headers['x-content-type-options'], what).toBe('nosniff');
  expect(r.headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(r.headers['permissions-policy'], what).toContain('camera=()');
  expect(r.headers['cross-origin-opener-policy'], what).toBe('same-origin');
}

/** Resolves when `cond()` holds, polling; rejects after `ms`. */
async function until(cond: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  mkdirSync(join(dir, 'dist', 'data'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'a.js'), JS);
  writeFileSync(join(dir, 'dist', 'data', 'story.json'), JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => ({ id: i })) }));
  writeFileSync(join(dir, 'dist', '_headers'), '/*\n  X-Test: 1\n');
  writeFileSync(join(dir, 'dist', '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside the root');
  await precompress(join(dir, 'dist'));
  ({ server } = await startServer({ root: join(dir, 'dist'), log: () => undefined }));
  port = (server.address() as import('node:net').AddressInfo).port;
});
afterAll(() => {
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the static server (npm start, kiosk, shots, bench)', () => {
  it('serves the app with the strict CSP and the other security headers', async () => {
    const page = await get('/?t=2025-06-02T12:00Z');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('<title>app</title>');
    expectSecurityHeaders(page, '/');
  });

  it('sends the build-time brotli copy when asked, gzip when only gzip is accepted, and the file otherwise', async () => {
    const br = await get('/assets/a.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);
    const gz = await get('/assets/a.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);
    const plain = await get('/assets/a.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);
  });

  it('caches hashed assets for a year and makes index.html and data/* revalidate', async () => {
    expect((await get('/assets/a.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/data/story.json']) {
      const r = await get(path, { 'accept-encoding': 'br' });
      expect(r.headers['cache-control'], path).toBe('no-cache');
      expect(r.headers.etag, path).toBeTruthy();
      expect(r.headers['last-modified'], path).toBeTruthy();
    }
    expect((await get('/assets/missing.js')).headers['cache-control'], 'a 404 is never cached for a year').toBe('no-cache');
  });

  it('answers 304 to a matching ETag or an If-Modified-Since not older than the file', async () => {
    const first = await get('/data/story.json', { 'accept-encoding': 'gzip' });
    const etag = first.headers.etag!;
    const again = await get('/data/story.json', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expectSecurityHeaders(again, '304');
    expect((await get('/data/story.json', { 'accept-encoding': 'gzip', 'if-none-match': 'W/"0-0"' })).status).toBe(200);
    const since = await get('/data/story.json', { 'if-modified-since': first.headers['last-modified']! });
    expect(since.status).toBe(304);
    expect(since.headers.etag).toBeTruthy();
    expect((await get('/data/story.json', { 'if-modified-since': new Date(0).toUTCString() })).status).toBe(200);
  });

  it('answers other methods with 405 and Allow: GET, HEAD; HEAD sends the headers without a body', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const r = await send('/', {}, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
      expectSecurityHeaders(r, method);
    }
    const head = await send('/assets/a.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(JS.length);
    expect(head.body.length).toBe(0);
  });

  it('answers byte ranges, and ignores a range it does not honour', async () => {
    const part = await get('/assets/a.js', { range: 'bytes=0-6' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-6/${JS.length}`);
    expect(part.body.toString()).toBe('console');
    const tail = await get('/assets/a.js', { range: `bytes=${JS.length - 5}-` });
    expect(tail.status).toBe(206);
    expect(tail.body.toString()).toBe('"a");');
    expect((await get('/assets/a.js', { range: `bytes=${JS.length + 10}-` })).status).toBe(416);
    for (const range of ['bytes=-5', 'bytes=9-2', 'bytes=0-1,4-5', 'lines=1-2']) {
      const full = await get('/assets/a.js', { range });
      expect(full.status, range).toBe(200);
      expect(full.body.toString(), range).toBe(JS);
    }
  });

  it('keeps answering after malformed paths: "//…" is a path, bad percent-encoding is a 400 with the headers', async () => {
    expect((await get('//?t=2025-06-02T12:00Z')).status).toBe(200);
    expect((await get('//assets/a.js')).status).toBe(200);
    for (const path of ['/%E0%A4%A', '/assets/%']) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expectSecurityHeaders(r, path);
    }
    expect((await get('/')).status).toBe(200);
  });

  it('never serves a file outside its root, a dotfile or the hosts’ _headers; its 404s carry the headers', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/.env', '/_headers', '/assets/a.js%00.html']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toMatch(/outside the root|SECRET|X-Test/);
      expectSecurityHeaders(r, path);
    }
  });

  it('answers a malformed request line with a 400 that carries the headers', async () => {
    const raw = await new Promise<string>((ok) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('close', () => ok(text));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain(`Content-Security-Policy: ${CSP}`);
  });

  it('stays up while another process deletes and rewrites the served directory under a stream of requests', async () => {
    const root = mkdtempSync(join(tmpdir(), 'serve-race-'));
    const lines: string[] = [];
    const race = await startServer({ root, log: (l) => lines.push(l) });
    const racePort = (race.server.address() as import('node:net').AddressInfo).port;
    // The rebuild runs in its own process, as `npm run build` would: the files change between the
    // server's look-up and its open, not only between two of its event-loop turns.
    const rebuild = `
      const fs = require('node:fs'), path = require('node:path'), zlib = require('node:zlib');
      const root = process.argv[1], big = 'x'.repeat(100000);
      for (let n = 1; n <= 300; n++) {
        fs.rmSync(path.join(root, 'assets'), { recursive: true, force: true });
        for (const f of ['index.html', 'index.html.gz', 'index.html.br']) fs.rmSync(path.join(root, f), { force: true });
        fs.mkdirSync(path.join(root, 'assets'));
        for (let i = 0; i < 6; i++) {
          const body = n + big, file = path.join(root, 'assets', 'f' + i + '.js');
          fs.writeFileSync(file, body);
          fs.writeFileSync(file + '.gz', zlib.gzipSync(body, { level: 1 }));
          fs.writeFileSync(file + '.br', zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } }));
        }
        fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>' + n + '</title>');
      }`;
    const statuses = new Map<string, number>();
    const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
    let stop = false;
    const client = async () => {
      for (let i = 0; !stop; i++) {
        const path = i % 3 ? `/assets/f${i % 6}.js` : '/';
        await send(path, i % 2 ? { 'accept-encoding': 'gzip, br' } : {}, 'GET', () => racePort).then(
          (r) => count(String(r.status)),
          () => count('cut'),
        );
      }
    };
    const clients = Array.from({ length: 12 }, client);
    await new Promise<void>((ok, ko) => execFile(process.execPath, ['-e', rebuild, root], { timeout: 60_000 }, (err) => (err ? ko(err) : ok())));
    stop = true;
    await Promise.all(clients);
    // Every answer was a 200, a 404 (the file was gone), or a cut connection (a file changed under its read); the server still answers.
    expect([...statuses.keys()].every((k) => ['200', '404', 'cut'].includes(k)), JSON.stringify([...statuses])).toBe(true);
    expect(statuses.get('200')).toBeGreaterThan(50);
    expect(statuses.get('404') ?? 0, 'requests did meet a missing file').toBeGreaterThan(0);
    const after = await send('/', {}, 'GET', () => racePort);
    expect(after.status).toBe(200);
    expect(after.body.toString()).toContain('<title>300</title>');
    await new Promise((ok) => race.server.close(ok));
    rmSync(root, { recursive: true, force: true });
  });
});

describe('time-outs and the connection cap', () => {
  let strict: import('node:http').Server;
  let strictPort: number;
  beforeAll(async () => {
    ({ server: strict } = await startServer({
      root: join(dir, 'dist'),
      limits: { headersTimeout: 400, requestTimeout: 800, keepAliveTimeout: 300, idleTimeout: 600, checkInterval: 50, maxConnections: 4 },
      log: () => undefined,
    }));
    strictPort = (strict.address() as import('node:net').AddressInfo).port;
  });
  afterAll(() => strict?.close());

  /** Opens a raw connection, runs `act` on it, and resolves with what the server sent before closing it. */
  const rawConnection = (act: (s: import('node:net').Socket) => void) =>
    new Promise<{ text: string; closed: boolean }>((ok) => {
      const socket = connect(strictPort, '127.0.0.1', () => act(socket));
      let text = '';
      socket.on('data', (c) => (text += c));
      socket.on('error', () => undefined);
      socket.on('close', () => ok({ text, closed: true }));
    });

  it('closes a connection that never sends a request', async () => {
    const r = await rawConnection(() => undefined);
    expect(r.closed).toBe(true);
  });

  it('closes a connection whose headers trickle in too slowly (slowloris) with a 408', async () => {
    let timer: NodeJS.Timeout | undefined;
    const r = await rawConnection((s) => {
      s.write('GET / HTTP/1.1\r\nHost: x\r\n');
      timer = setInterval(() => s.writable && s.write('X-Slow: 1\r\n'), 100);
    });
    clearInterval(timer);
    expect(r.text).toMatch(/^HTTP\/1\.1 408/);
    expect(r.text).toContain('Content-Security-Policy');
  });

  it('closes a kept-alive connection left idle after its answer', async () => {
    const r = await rawConnection((s) => s.write('GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(r.text).toMatch(/^HTTP\/1\.1 200/);
    expect(r.closed).toBe(true);
  });

  const connections = () => new Promise<number>((ok, ko) => strict.getConnections((err, n) => (err ? ko(err) : ok(n))));

  it('refuses connections beyond the cap and serves again once they close', async () => {
    const held = await Promise.all(
      Array.from({ length: 4 }, () => new Promise<import('node:net').Socket>((ok) => {
        const s = connect(strictPort, '127.0.0.1', () => ok(s));
        s.on('error', () => undefined);
      })),
    );
    await until(async () => (await connections()) === 4);
    const over = await send('/', {}, 'GET', () => strictPort).then(() => 'served', () => 'refused');
    expect(over).toBe('refused');
    for (const s of held) s.destroy();
    await until(async () => (await connections()) === 0);
    expect((await send('/', {}, 'GET', () => strictPort)).status).toBe(200);
  });
});

describe('npm run serve from the command line', () => {
  const serveScript = resolve(import.meta.dirname, '../../scripts/serve.ts');
  /** Runs the server script with `env` and resolves with its exit code and output once it exits. */
  const run = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((ok) => {
      const child = execFile(process.execPath, ['--import', 'tsx', serveScript], { env: { ...process.env, ...env }, timeout: 20_000 }, (err, _out, stderr) =>
        ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
      );
      child.stdin?.end();
    });

  it('stops with one line for a bad PORT', async () => {
    for (const bad of ['abc', '70000', '-1', '80.5']) {
      const r = await run({ PORT: bad });
      expect(r.code, bad).toBe(1);
      expect(r.stderr.trim().split('\n'), bad).toEqual([`serve: PORT must be a whole number from 0 to 65535, not "${bad}"`]);
    }
  });

  it('stops with one line when the port is in use', async () => {
    const r = await run({ PORT: String(port) });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`serve: port ${port} on 127.0.0.1 is in use: stop the other server or set PORT to another port`]);
  });
});
