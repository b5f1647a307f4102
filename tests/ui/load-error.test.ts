import { describe, expect, it } from 'vitest';
import { FALLBACK_LOOK, lookFromTheme } from '../../src/ui/load-error.ts';
import { readTheme } from '../fixtures/theme.ts';

describe('the load-error notice’s look', () => {
  it('takes every colour and the font of a sound theme as the custom properties the page reads', () => {
    const theme = readTheme();
    const look = lookFromTheme(theme);
    expect(look['--text']).toBe(theme.colors.text);
    expect(look['--alert']).toBe(theme.colors.alert);
    expect(look['--current-event']).toBe(theme.colors.currentEvent);
    expect(look['--font']).toBe(`"${theme.font}", system-ui, sans-serif`);
  });

  it('leaves out what is not a #rrggbb colour or a plain font name, so the fallback shows there', () => {
    const look = lookFromTheme({ font: 'x"; background: url(//evil)', colors: { text: '#12', panel: 'red', line: '#abcdef', 'bad key': '#000000', page: 7 } });
    expect(look).toEqual({ '--line': '#abcdef' });
    for (const bad of [null, 'text', [], { colors: null }, { colors: 'x' }]) expect(lookFromTheme(bad)).toEqual({});
  });

  it('has a fallback for every colour the notice and the page around it read', () => {
    expect(Object.keys(FALLBACK_LOOK).sort()).toEqual(['--alert', '--line', '--muted', '--page', '--panel', '--text']);
    for (const v of Object.values(FALLBACK_LOOK)) expect(v).toMatch(/^#[0-9a-f]{6}$/);
  });
});
