// Load figures for the static server (a benchmark, not a test): requests per second and p99 latency
// at 100 and 500 concurrent connections on loopback, with autocannon. Each server runs in its own
// process; `--baseline FILE` loads another server module exporting the same startServer (e.g. an
// older scripts/serve.mjs kept outside the repo; it is loaded with tsx, so .ts or .mjs) and measures it in the same run, alternating.
// Bounded: every case runs `--duration` seconds (default 10), at most 4 servers × cases.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { commandLine, intFlag, parseFlags } from './lib/args.ts';

const ROOT = resolve(import.meta.dirname, '..');
/** One-line usage of `npm run load`. */
const USAGE = 'usage: npm run load -- [--duration 1-60] [--connections 100,500 (1-1000 each, at most 4)] [--baseline FILE]';
const opts = commandLine('load', USAGE, (argv) => {
  const f = parseFlags(argv, { duration: 'string', connections: 'string', baseline: 'string' });
  const list = (f.connections ?? '100,500').split(',');
  if (list.length > 4) throw new Error(`--connections takes at most 4 counts (got "${f.connections}")`);
  return {
    help: f.help,
    duration: f.duration === undefined ? 10 : intFlag('--duration', f.duration, 1, 60),
    connections: list.map((n) => intFlag('--connections', n, 1, 1000)),
    baseline: f.baseline ?? null,
  };
});
if (!opts) process.exit(0);
const DURATION = opts.duration;
const CONNECTIONS = opts.connections;
const BASELINE = opts.baseline;

if (!existsSync(join(ROOT, 'dist', 'index.html'))) {
  console.error('load: dist/ not found: run `npm run build` first');
  process.exit(1);
}
if (BASELINE && !existsSync(BASELINE)) {
  console.error(`load: --baseline ${BASELINE} not found`);
  process.exit(1);
}
const bigJs = readdirSync(join(ROOT, 'dist', 'assets')).filter((f) => /^index-.*\.js$/.test(f))[0];
/** What each case requests: the page and the largest script, both as a browser asks (gzip). */
const PATHS = [
  ['index.html', '/'],
  ['main script', `/assets/${bigJs}`],
];

/** Starts a server module's startServer in a child process on loopback; resolves with its URL and a stop function. */
function serveInChild(modulePath: string): Promise<{ url: string; stop: () => void }> {
  const code = `import(${JSON.stringify(pathToFileURL(modulePath).href)}).then((m) => m.startServer({ root: ${JSON.stringify(join(ROOT, 'dist'))} })).then(({ url }) => console.log(url), (e) => { console.error(e.message); process.exit(1); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, ko) => {
    child.stdout.once('data', (d) => ok({ url: String(d).trim(), stop: () => child.kill('SIGTERM') }));
    child.once('exit', (c) => ko(new Error(`server ${modulePath} exited with ${c}`)));
  });
}

const servers: [string, string][] = [['new (sirv)', join(ROOT, 'scripts', 'serve.ts')]];
if (BASELINE) servers.push(['baseline', resolve(BASELINE)]);

const rows: Record<string, string | number>[] = [];
for (const connections of CONNECTIONS) {
  for (const [what, path] of PATHS) {
    for (const [name, file] of servers) {
      const server = await serveInChild(file);
      const url = new URL(path, server.url).href;
      // A short warm-up: the old server gzips a file on its first request.
      await autocannon({ url, connections: 10, amount: 50, headers: { 'accept-encoding': 'gzip' } });
      const r = await autocannon({ url, connections, duration: DURATION, headers: { 'accept-encoding': 'gzip' } });
      server.stop();
      const row = { server: name, what, connections, reqPerSec: Math.round(r.requests.average), p99ms: r.latency.p99, mbPerSec: +(r.throughput.average / 1e6).toFixed(1), non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
      rows.push(row);
      console.log(`${name.padEnd(11)} ${what.padEnd(12)} ${String(connections).padStart(4)} conn  ${String(row.reqPerSec).padStart(7)} req/s  p99 ${String(row.p99ms).padStart(5)} ms  ${row.mbPerSec} MB/s  non-2xx ${row.non2xx}  errors ${row.errors}  timeouts ${row.timeouts}`);
    }
  }
}
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'load.json'), JSON.stringify({ when: new Date().toISOString(), duration: DURATION, rows }, null, 2));
console.log('wrote bench-results/load.json');
