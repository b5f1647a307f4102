// Writes brotli (.br) and gzip (.gz) copies of a built directory's text files, once at build time,
// so the server (sirv, nginx gzip_static, hosts) sends them without compressing on request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

/** File types worth compressing (fonts and PNGs are compressed already). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map']);

/** Returns every file under `dir`, recursively. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

/**
 * Writes `file.br` (quality 11) and `file.gz` (level 9) beside each compressible file of `dir` of at
 * least `minBytes`, each only when it is smaller than the file. Compression runs on libuv's thread
 * pool. Returns one row per file: its path and the three sizes (0 where no copy was written).
 */
export async function precompress(dir: string, { minBytes = 1024 } = {}): Promise<{ file: string; size: number; br: number; gz: number }[]> {
  const files = (await walk(dir)).filter((f) => COMPRESSIBLE.has(extname(f)));
  return Promise.all(
    files.map(async (file) => {
      const size = (await stat(file)).size;
      if (size < minBytes) return { file, size, br: 0, gz: 0 };
      const body = await readFile(file);
      const [b, g] = await Promise.all([
        br(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: size } }),
        gz(body, { level: 9 }),
      ]);
      if (b.length < size) await writeFile(`${file}.br`, b);
      if (g.length < size) await writeFile(`${file}.gz`, g);
      return { file, size, br: b.length < size ? b.length : 0, gz: g.length < size ? g.length : 0 };
    }),
  );
}
