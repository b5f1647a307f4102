import './zod-jitless.ts';
import type { z } from 'zod';
import { Basemap, BuiltPlaces, DetailIndex } from './built-schema.ts';
import { METHODS_FILE, label, type DataFile } from './data-files.ts';
import { referenceProblems } from './references.ts';
import { BuiltStory, MethodsFile, Theme, formatIssues } from './schema.ts';

const SCHEMAS: Record<DataFile, z.ZodType> = {
  'story.json': BuiltStory,
  'theme.json': Theme,
  'places.json': BuiltPlaces,
  'basemap.topo.json': Basemap,
  'detail.json': DetailIndex,
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
    files['story.json'] as BuiltStory,
    (files['places.json'] as z.infer<typeof BuiltPlaces>).features,
    files['theme.json'] as Theme,
    { story: label('story.json'), places: label('places.json'), theme: label('theme.json') },
  );
}

/** Returns one line per problem in a loaded methods file ("data/methods.json: corrections[2].date: …"), empty when it is sound. */
export function methodsProblems(value: unknown): string[] {
  const r = MethodsFile.safeParse(value);
  return r.success ? [] : formatIssues(label(METHODS_FILE), r.error).split('\n');
}
