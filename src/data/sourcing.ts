/**
 * The sourcing rules shared by the schema (build time) and `npm run check:sources` (editorial
 * check): what makes an outside document citable, what gives a headline away as our own words,
 * and which sources the story actually cites. Pure functions on plain data.
 */

/** Returns why a URL does not name a specific document (home page, bad URL), or null when it does. */
export function urlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (u.pathname === '' || u.pathname === '/') return 'is a site’s home page, not a document: cite the article’s own address';
  return null;
}

const OUR_MARKERS = [/home ?page/i, /address not recorded/i, /exact address/i, /\(article\b/i];

/**
 * Returns why a headline looks like our summary rather than the document's own headline, or null.
 * A headline that names its own outlet in brackets ("… (TRT World)"), carries an editor's note
 * ("home page", "address not recorded") or repeats our `summary` is ours.
 */
export function headlineProblem(headline: string, outlet: string | undefined, summary?: string | null): string | null {
  const h = headline.trim();
  if (OUR_MARKERS.some((re) => re.test(h))) return 'carries an editor’s note: put our words in `summary`, the document’s headline here';
  if (outlet && new RegExp(`\\(${outlet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^)]*\\)\\s*$`, 'i').test(h))
    return `names its own outlet in brackets, so it is our summary: put it in \`summary\` and the document’s headline here`;
  if (summary && summary.trim() === h) return 'is the same as our `summary`: the headline field holds the document’s own headline';
  return null;
}

interface Cites {
  sources?: unknown;
  claims?: unknown;
  heldShare?: unknown;
}

function idsOf(x: Cites): string[] {
  const out: string[] = [];
  if (Array.isArray(x.sources)) for (const s of x.sources) if (typeof s === 'string') out.push(s);
  if (Array.isArray(x.claims))
    for (const c of x.claims)
      if (c && typeof c === 'object' && Array.isArray((c as Cites).sources))
        for (const r of (c as { sources: unknown[] }).sources)
          if (r && typeof r === 'object' && typeof (r as { source?: unknown }).source === 'string') out.push((r as { source: string }).source);
  const held = x.heldShare as { source?: unknown } | undefined;
  if (held && typeof held.source === 'string') out.push(held.source);
  return out;
}

/** Returns every source id cited by an event (sources, claims) or a place (sources, claims, heldShare). */
export function citedSourceIds(events: readonly Cites[], placeProps: readonly Cites[]): Set<string> {
  return new Set([...events.flatMap(idsOf), ...placeProps.flatMap(idsOf)]);
}
