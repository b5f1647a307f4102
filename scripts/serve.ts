// The static server for the built app (npm start, and through lib/session.ts kiosk, shots, video, bench, soak and the e2e tests). Files are served by
// sirv (Vite's own preview server uses it): precompressed .br/.gz picked by Accept-Encoding, ETag and
// Last-Modified, Range. Around it: the security headers on every answer, the cache policy, 405 for
// other methods, 400 for bad paths, time-outs and a connection cap, and no way for one request's
// file-system error (a rebuild of dist/ under a running kiosk) to end the process.
import type { Stats } from 'node:fs';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';
import { cacheControl, contentSecurityPolicy, frameAncestors, securityHeaders } from './lib/security-headers.ts';

const ROOT = resolve(import.meta.dirname, '..', 'dist');

/** The Content-Security-Policy the server sends (frame-ancestors from `FRAME_ANCESTORS`, else 'self'). */
export const CSP = contentSecurityPolicy();

/**
 * Time-outs (ms) and the connection cap. `idleTimeout` closes a connection that sends or receives
 * nothing for that long; `checkInterval` is how often Node checks the header and request time-outs.
 */
export const LIMITS: Readonly<Record<'headersTimeout' | 'requestTimeout' | 'keepAliveTimeout' | 'idleTimeout' | 'checkInterval' | 'maxConnections', number>> = Object.freeze({
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  idleTimeout: 30_000,
  checkInterval: 1_000,
  maxConnections: 1024,
});

/** Files the hosts' configuration uses and never serves: dotfiles and `_headers`. */
const HIDDEN = (segment: string) => segment.startsWith('.') || segment === '_headers';

/** Only `bytes=N-` and `bytes=N-M` with N ≤ M are honoured; any other Range is ignored (a full 200, as HTTP allows). */
const SIMPLE_RANGE = /^bytes=(\d+)-(\d*)$/;

/** Thrown from sirv's setHeaders hook to answer 304 to an If-Modified-Since that sirv does not check. */
const NOT_MODIFIED = Symbol('not modified');

/** Returns `port` as a whole number from 0 to 65535, or throws a one-line error. */
export function checkPort(port: unknown): number {
  const n = typeof port === 'string' && port.trim() !== '' ? Number(port) : port;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${port}"`);
  }
  return n;
}

/** Writes a short plain-text answer (the security headers are already on `res`). */
function answer(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...headers });
  res.end(text);
}

/**
 * Ends one failed request without touching the others: a 404 or 500 when nothing has been sent,
 * otherwise the connection is dropped (the client sees a cut answer, never a wrong one).
 */
function fail(req: IncomingMessage, res: ServerResponse, err: unknown, log: (line: string) => void): void {
  const e = err as NodeJS.ErrnoException | undefined;
  log(`serve: ${req.method} ${req.url}: ${e?.code ?? e?.message ?? err}`);
  if (!res.headersSent) {
    const missing = ['ENOENT', 'ENOTDIR', 'EISDIR'].includes(e?.code ?? '');
    res.removeHeader('Content-Length');
    res.removeHeader('Content-Encoding');
    answer(res, missing ? 404 : 500, missing ? 'not found' : 'server error');
  } else res.destroy();
}

/** Where and how `startServer` serves. */
export interface ServeOptions {
  /** Directory to serve; dist/ by default. */
  root?: string;
  /** Port (0, the default, picks a free one); a string is checked as the PORT variable is. */
  port?: number | string;
  host?: string;
  limits?: Partial<typeof LIMITS>;
  /** Where request failures are logged; stderr by default. */
  log?: (line: string) => void;
}

/**
 * Starts the static server for the built app (`dist/`) on loopback and returns it with its URL.
 * Port 0 picks a free port. Rejects with a one-line error for a bad port or a port in use.
 */
export function startServer({ root = ROOT, port = 0, host = '127.0.0.1', limits = {}, log = console.error }: ServeOptions = {}): Promise<{ server: Server; url: string }> {
  let portNumber: number;
  try {
    portNumber = checkPort(port);
  } catch (e) {
    return Promise.reject(e);
  }
  if (!existsSync(root)) return Promise.reject(new Error(`${root} not found: run \`npm run build\` first`));
  const lim = { ...LIMITS, ...limits };
  const headers = securityHeaders(frameAncestors());
  const files = sirv(root, {
    // "dev" here means: look each file up when asked, so a rebuilt dist/ is served as it now is
    // (without it sirv indexes the tree once at start and serves stale sizes after a rebuild).
    dev: true,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ['html'],
    setHeaders(res: ServerResponse, pathname: string, stats: Stats) {
      if (pathname.endsWith('.txt')) res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      const since = Date.parse(res.req.headers['if-modified-since'] ?? '');
      if (!res.req.headers['if-none-match'] && since >= Math.floor(stats.mtimeMs / 1000) * 1000) {
        res.setHeader('ETag', `W/"${stats.size}-${stats.mtime.getTime()}"`);
        res.setHeader('Last-Modified', stats.mtime.toUTCString());
        throw NOT_MODIFIED;
      }
    },
    onNoMatch: (_req, res) => answer(res, 404, 'not found'),
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    // "//…" is a path, not a host: slashes are collapsed rather than the URL resolved against a base.
    const pathname = (q < 0 ? raw : raw.slice(0, q)).replace(/\/{2,}/g, '/');
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return answer(res, 400, 'bad request');
    }
    const segments = decoded.split(/[/\\]/);
    if (!pathname.startsWith('/') || decoded.includes('\0') || segments.some((s) => s === '..' || HIDDEN(s))) return answer(res, 404, 'not found');
    req.url = pathname + (q < 0 ? '' : raw.slice(q));
    res.setHeader('Cache-Control', cacheControl(decoded));
    res.setHeader('Accept-Ranges', 'bytes');
    const range = SIMPLE_RANGE.exec(req.headers.range ?? '');
    if (req.headers.range && (!range || req.headers['if-range'] || (range[2] !== '' && Number(range[2]) < Number(range[1])))) delete req.headers.range;
    // sirv pipes a read stream it gives no error handler: catch its error here (a file deleted between lookup and open).
    res.once('pipe', (src: Readable) => src.on('error', (err) => fail(req, res, err, log)));
    try {
      files(req, res);
    } catch (err) {
      if (err !== NOT_MODIFIED) throw err;
      res.writeHead(304);
      res.end();
    }
  };

  const server = createServer(
    { headersTimeout: lim.headersTimeout, requestTimeout: lim.requestTimeout, keepAliveTimeout: lim.keepAliveTimeout, connectionsCheckingInterval: lim.checkInterval },
    (req, res) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      try {
        handle(req, res);
      } catch (err) {
        fail(req, res, err, log);
      }
    },
  );
  server.maxConnections = lim.maxConnections;
  server.setTimeout(lim.idleTimeout);
  // Malformed requests and header/request time-outs: a plain answer with the same headers, then close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return socket.destroy();
    const [status, text] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
    const lines = Object.entries({ ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': text.length, Connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
    socket.end(`HTTP/1.1 ${status} ${text}\r\n${lines.join('\r\n')}\r\n\r\n${text}`);
  });
  return new Promise((ok, ko) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') ko(new Error(`port ${portNumber} on ${host} is in use: stop the other server or set PORT to another port`));
      else if (err.code === 'EACCES') ko(new Error(`port ${portNumber} on ${host} needs privileges: set PORT to a port above 1023`));
      else ko(new Error(`cannot listen on ${host}:${portNumber}: ${err.message}`));
    });
    server.listen(portNumber, host, () => {
      server.removeAllListeners('error');
      // After start, an accept failure (too many open files) is logged; it must not end the process.
      server.on('error', (err) => log(`serve: ${err.message}`));
      const { port: p } = server.address() as AddressInfo;
      ok({ server, url: `http://${host}:${p}/` });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  startServer({ port: process.env.PORT ?? 4173 }).then(
    ({ url }) => console.log(`Serving the explainer at ${url}  (Ctrl+C to stop)`),
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
