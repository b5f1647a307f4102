import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuotes, checkSourcing, findQuoteRefs, formatProblem, type ProjectFile, type RegistryEntry } from '../../scripts/check-sources.ts';

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

/** Returns a well-formed source reported elsewhere, with fields overridden. */
function createElsewhere(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'ref-page', kind: 'elsewhere', headline: 'Exchange begins', outlet: 'Sample Outlet', author: null, date: '2025-06-09', url: 'https://example.org/news/2025/06/09/exchange-begins', ...over };
}

function createStoryFile(quote: string, source = 'report', meta: Partial<RegistryEntry> = {}): ProjectFile {
  return {
    name: 'data/story.json',
    data: {
      sources: [
        { kind: 'article', ...createRegistry()[0], ...meta },
        createElsewhere(),
      ],
      events: [
        { id: 'a', sources: ['report', 'ref-page'], claims: [] },
        { id: 'b', sources: ['report'], claims: [{ claimant: 'The minister', text: 'Not negative.', sources: [{ source: 'report', quote: 'just over an hour' }, { source, quote }] }] },
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
    expect(lines([createStoryFile('not negative', 'ref-page')])[0]).toMatch(/sources\[1\]\.quote: source "ref-page" is reported elsewhere, not one of the articles/);
  });

  it('fails an article source whose metadata differs from sources.json', () => {
    expect(lines([createStoryFile('not negative', 'report', { credit: 'Someone else' })])).toEqual([
      'data/story.json: sources[0].credit: differs from sources.json ("Someone else" ≠ "Agency")',
    ]);
  });

  it('resolves sources cited from another project file through the story and sources.json', () => {
    const places: ProjectFile = {
      name: 'data/places.geojson',
      data: { features: [{ properties: { sources: ['report'], claims: [{ sources: [{ source: 'report', quote: 'lasted just over an hour.' }] }] } }] },
    };
    const r = checkQuotes([places], createRegistry(), createArticles());
    expect(r).toEqual({ quotes: 1, failedQuotes: 0, problems: [] });
  });
});

describe('checkSourcing', () => {
  /** Returns the sourcing problems of a story whose outside source has `over` applied, plus `edit`. */
  function sourcingLines(over: Record<string, unknown>, edit: (story: { sources: unknown[]; events: { sources: unknown[] }[] }) => void = () => {}): string[] {
    const file = createStoryFile('not negative');
    const story = file.data as { sources: unknown[]; events: { sources: unknown[] }[] };
    story.sources[1] = createElsewhere(over);
    edit(story);
    return checkSourcing([file]).map(formatProblem);
  }

  it('passes a story whose outside source is a citable document that something cites', () => {
    expect(sourcingLines({})).toEqual([]);
  });

  it('rule 1: refuses an outside source whose URL is a home page (empty path or /)', () => {
    expect(sourcingLines({ url: 'https://unn.ua/' })).toEqual(['data/story.json: sources[1].url: https://unn.ua/ is a site’s home page, not a document: cite the article’s own address']);
    expect(sourcingLines({ url: 'https://news.liga.net' })).toHaveLength(1);
  });

  it('rule 1: refuses an outside source with no URL or no outlet', () => {
    const { url: _u, outlet: _o, ...rest } = createElsewhere();
    const out = sourcingLines({}, (s) => (s.sources[1] = rest));
    expect(out).toContain('data/story.json: sources[1].url: is missing: a source reported elsewhere needs the address of the document itself');
    expect(out).toContain('data/story.json: sources[1].outlet: is missing: name who published the document');
  });

  it('rule 1: refuses a source of a third kind (the old "reference")', () => {
    expect(sourcingLines({ kind: 'reference' })[0]).toMatch(/sources\[1\]\.kind: must be "article" .* or "elsewhere"/);
  });

  it('rule 3: refuses a headline that is our summary (outlet in brackets, an editor’s note, or the summary itself)', () => {
    expect(sourcingLines({ headline: 'Exchange in three stages (Sample Outlet)' })[0]).toMatch(/sources\[1\]\.headline: names its own outlet in brackets/);
    expect(sourcingLines({ headline: 'Exchange in three stages (article address not recorded; home page)' })[0]).toMatch(/headline: carries an editor’s note/);
    expect(sourcingLines({ summary: 'Exchange begins' })[0]).toMatch(/headline: is the same as our `summary`/);
  });

  it('rule 6: refuses a source nobody cites', () => {
    const out = sourcingLines({}, (s) => (s.events[0].sources = ['report']));
    expect(out).toEqual(['data/story.json: sources[1].id: "ref-page" is cited by no event or place: cite it or remove it']);
  });

  it('counts a source cited only by a place, and refuses a place or an event that cites nothing', () => {
    const places: ProjectFile = { name: 'data/places.geojson', data: { features: [{ properties: { id: 'p', sources: [] } }, { properties: { id: 'q', sources: ['ref-page'] } }] } };
    const file = createStoryFile('not negative');
    const story = file.data as { events: { sources: unknown[] }[] };
    story.events[0].sources = [];
    expect(checkSourcing([file, places]).map(formatProblem)).toEqual([
      'data/story.json: events[0].sources: cites no source: every event’s text rests on at least one',
      'data/places.geojson: features[0].properties.sources: cites no source: every place’s facts rest on at least one',
    ]);
  });
});

describe('quote marks in shown text (titles, bodies, names, claim texts, legend labels)', () => {
  /** Returns the problem lines of a story, places and theme whose shown texts are edited. */
  function inlineLines(edit: (story: any, places: any, theme: any) => void): string[] {
    const story = createStoryFile('not negative');
    const places = { name: 'data/places.geojson', data: { features: [{ properties: { id: 'p', name: 'A place', description: 'Where it was.', sources: ['report'] } }] } };
    const theme = { name: 'data/theme.json', data: { categories: [{ id: 'c', label: 'A category', description: 'What it marks.' }] } };
    edit(story.data, places.data, theme.data);
    return lines([story, places, theme]).filter((l) => l.includes('in quote marks'));
  }

  it('passes words in quote marks that are verbatim in a cited article', () => {
    expect(
      inlineLines((s, p, t) => {
        s.events[1].body = 'The minister called them “not negative”.';
        s.events[1].claims[0].text = 'The talks were “not negative”.';
        p.features[0].properties.name = '“just over an hour” away';
        t.categories[0].label = '“not negative”: a verdict';
      }),
    ).toEqual([]);
  });

  it('refuses a capital letter the article does not have, in a title, body, claim, place name and legend label, naming each path', () => {
    const out = inlineLines((s, p, t) => {
      s.events[1].title = 'Talks “Not negative”';
      s.events[0].body = 'It was “not negative” and “Just over an hour”.';
      s.events[1].claims[0].text = '“Not negative”, he said.';
      p.features[0].properties.name = '“Buffer zone”';
      t.categories[0].label = '“Not negative”: a verdict';
    });
    expect(out).toEqual([
      'data/story.json: events[0].body: “Just over an hour” is in quote marks but not verbatim in the articles it cites: quote exactly (case included) or drop the marks',
      'data/story.json: events[1].title: “Not negative” is in quote marks but not verbatim in the articles it cites: quote exactly (case included) or drop the marks',
      'data/story.json: events[1].claims[0].text: “Not negative” is in quote marks but not verbatim in the articles the claim cites: quote exactly (case included) or drop the marks',
      'data/places.geojson: features[0].properties.name: “Buffer zone” is in quote marks but not verbatim in the articles it cites: quote exactly (case included) or drop the marks',
      'data/theme.json: categories[0].label: “Not negative” is in quote marks but not verbatim in any of the articles: quote exactly (case included) or drop the marks',
    ]);
  });

  it('refuses words that are only in a source reported elsewhere (quotes come from the articles)', () => {
    const out = inlineLines((s) => (s.events[0].body = 'It was “exchange begins”.'));
    expect(out).toEqual(['data/story.json: events[0].body: “exchange begins” is in quote marks but not verbatim in the articles it cites: quote exactly (case included) or drop the marks']);
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

  it('exits 1 and names each sourcing problem of a project whose quotes are all fine', () => {
    const r = runCli(resolve(FIXTURES, 'sources'), '--project', resolve(FIXTURES, 'sourcing-bad-project'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('data/story.json: sources[1].url: https://example.org/ is a site’s home page');
    expect(r.out).toContain('data/story.json: sources[1].headline: names its own outlet in brackets');
    expect(r.out).toContain('data/story.json: events[1].sources: cites no source');
    expect(r.out).toContain('data/story.json: sources[2].id: "ref-unused" is cited by no event or place');
    expect(r.out).toContain('checked 2 quotes in 2 files: 2 ok, 0 failed');
    expect(r.out).toContain('4 sourcing problems');
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
      expect(r.out).toMatch(/checked \d+ quotes in 3 files: \d+ ok, 0 failed/);
      expect(r.status).toBe(0);
    },
    30_000,
  );
});
