import './zod-jitless.ts';
import type { z } from 'zod';
import { Basemap, BuiltPlaces, Detail } from './built-schema.ts';
import { label, type DataFile } from './data-files.ts';
import { referenceProblems } from './references.ts';
import { Story, Theme, formatIssues } from './schema.ts';

const SCHEMAS: Record<DataFile, z.ZodType> = {
  'story.json': Story,
  'theme.json': Theme,
  'places.json': BuiltPlaces,
  'basemap.topo.json': Basemap,
  'detail.json': Detail,
};

/**
 * Returns one line per problem in the loaded data files ("data/story.json: events[3].start: must be
 * …"), with the same schemas the data build checks them with, then the references between them.
 * Empty when the data is sound.
 */
export function dataProblems(files: Record<DataFile, unknown>): string[] {
  const problems: string[] = [];
  for (const [file, schema] of Object.entries(SCHEMAS) as [DataFile, z.ZodType][]) {
    const r = schema.safeParse(files[file]);
    if (!r.success) problems.push(...formatIssues(label(file), r.error).split('\n'));
  }
  if (problems.length) return problems;
  return referenceProblems(
    files['story.json'] as Story,
    (files['places.json'] as z.infer<typeof BuiltPlaces>).features,
    files['theme.json'] as Theme,
    { story: label('story.json'), places: label('places.json'), theme: label('theme.json') },
  );
}
