import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuotes, findQuoteRefs, formatProblem, type ProjectFile, type RegistryEntry } from '../../scripts/check-sources.ts';

const ROOT = resolve(__dirname, '../..');
const FIXTURES = resolve(__dirname, '../fixtures/check-sources');
const SHARED_SOURCES = resolve(__dirname, '../../../shared/sources');
const sharedExists = existsSync(SHARED_SOURCES);

const ARTICLE = 'The minister said the talks were “not negative” and lasted just over an hour.\n';

function createRegistry(): RegistryEntry[] {
  return [{ id: 'report', file: 'report.txt', headline: 'A report', lede: null, credit: 'Agency', agency: null, date: '2025-06-02' }];
}

function createArticles(): Map<string, string> {
  return new Map([['report.txt', ARTICLE]]);
}

function createStoryFile(quote: string, source = 'report', meta: Partial<RegistryEntry> = {}): ProjectFile {
  return {
    name: 'data/story.json',
    data: {
      sources: [
        { kind: 'article', ...createRegistry()[0], ...meta },
        { id: 'ref-page', kind: 'reference', headline: 'A page', lede: null, credit: null, date: null, url: 'https://example.org/' },
      ],
      events: [
        { id: 'a', claims: [] },
        { id: 'b', claims: [{ claimant: 'The minister', text: 'Not negative.', sources: [{ source: 'report', quote: 'just over an hour' }, { source, quote }] }] },
      ],
    },
  };
}

function lines(files: ProjectFile[]): string[] {
  return checkQuotes(files, createRegistry(), createArticles()).problems.map(formatProblem);
}

function runCli(...args: string[]) {
  const r = spawnSync(resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/check-sources.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('findQuoteRefs', () => {
  it('returns every { source, quote } object with its JSON path', () => {
    const refs = findQuoteRefs({ features: [{ properties: { claims: [{ sources: [{ source: 's', quote: 'q' }] }], heldShare: { source: 'r', text: 't' } } }] });
    expect(refs).toEqual([{ path: 'features[0].properties.claims[0].sources[0].quote', source: 's', quote: 'q' }]);
  });
});

describe('checkQuotes', () => {
  it('passes a quote that is an exact substring of the article', () => {
    const r = checkQuotes([createStoryFile('the talks were “not negative”')], createRegistry(), createArticles());
    expect(r.problems).toEqual([]);
    expect(r.quotes).toBe(2);
  });

  it('fails a quote with straight quotes where the article has typographic ones, naming the path and the first differing character', () => {
    const out = lines([createStoryFile('the talks were "not negative"')]);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('data/story.json: events[1].claims[0].sources[1].quote: not found verbatim in report.txt');
    expect(out[0]).toContain(`'"' (U+0022), article has '“' (U+201C)`);
  });

  it('fails a quote citing an unknown source id', () => {
    expect(lines([createStoryFile('not negative', 'nowhere')])).toEqual(['data/story.json: events[1].claims[0].sources[1].quote: unknown source "nowhere"']);
  });

  it('fails a quote citing a reference page', () => {
    expect(lines([createStoryFile('not negative', 'ref-page')])[0]).toMatch(/sources\[1\]\.quote: source "ref-page" is a reference, not an article/);
  });

  it('fails an article source whose metadata differs from sources.json', () => {
    expect(lines([createStoryFile('not negative', 'report', { credit: 'Someone else' })])).toEqual([
      'data/story.json: sources[0].credit: differs from sources.json ("Someone else" ≠ "Agency")',
    ]);
  });

  it('resolves sources cited from another project file through the story and sources.json', () => {
    const places: ProjectFile = {
      name: 'data/places.geojson',
      data: { features: [{ properties: { claims: [{ sources: [{ source: 'report', quote: 'lasted just over an hour.' }] }] } }] },
    };
    const r = checkQuotes([places], createRegistry(), createArticles());
    expect(r).toEqual({ quotes: 1, failedQuotes: 0, problems: [] });
  });
});

describe('check-sources CLI', () => {
  it('exits 1 and prints the path of a bad quote', () => {
    const r = runCli(resolve(FIXTURES, 'sources'), '--project', resolve(FIXTURES, 'bad-project'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('data/story.json: events[0].claims[0].sources[0].quote: not found verbatim in sample-report.txt');
    expect(r.out).toContain('checked 2 quotes in 2 files: 1 ok, 1 failed');
  }, 30_000);

  it('exits 0 when every quote is found', () => {
    const r = runCli(resolve(FIXTURES, 'sources'), '--project', resolve(FIXTURES, 'good-project'));
    expect(r.out).toContain('checked 2 quotes in 2 files: 2 ok, 0 failed');
    expect(r.status).toBe(0);
  }, 30_000);

  it('exits 1 with a one-line reason when places.geojson is missing', () => {
    const r = runCli(resolve(FIXTURES, 'sources'), '--project', resolve(FIXTURES, 'no-places-project'));
    expect(r.status).toBe(1);
    expect(r.out.trim()).toMatch(/^check-sources: data\/places\.geojson: file not found \(.*\)$/);
  }, 30_000);

  it('exits 1 with a one-line reason when the sources folder is missing', () => {
    const r = runCli(resolve(FIXTURES, 'no-such-folder'));
    expect(r.status).toBe(1);
    expect(r.out.trim()).toMatch(/^check-sources: sources folder not found: /);
  }, 30_000);

  it.skipIf(!sharedExists)(
    `passes on the real data against ../shared/sources${sharedExists ? '' : ' (skipped: ../shared/sources not found)'}`,
    () => {
      const r = runCli(SHARED_SOURCES);
      expect(r.out).toMatch(/checked \d+ quotes in 2 files: \d+ ok, 0 failed/);
      expect(r.status).toBe(0);
    },
    30_000,
  );
});
