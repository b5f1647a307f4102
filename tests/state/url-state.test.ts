import { describe, expect, it } from 'vitest';
import { KIOSK_DEFAULTS, kioskSettings } from '../../src/state/kiosk-settings.ts';
import { LOAD_TIMEOUT_S, explorerQuery, formatView, parseInstant, parseLoadTimeout, parseUrl, parseView, serializeUrl, type UrlContext } from '../../src/state/url-state.ts';
import { roundView } from '../../src/state/view.ts';

const at = (iso: string) => Date.parse(iso);

type SerializeCtx = Parameters<typeof serializeUrl>[1];
type UrlFields = Parameters<typeof serializeUrl>[0];

/** Returns a URL context like the app's: the story range, two events, some places and layers, and defaults. */
function createCtx(overrides: Partial<SerializeCtx> = {}): SerializeCtx & UrlContext {
  const events = [
    { id: 'operation-spiderweb', t0: at('2025-06-01T11:35Z') },
    { id: 'second-round-ciragan', t0: at('2025-06-02T11:44Z') },
  ];
  return {
    start: at('2025-05-15T00:00Z'),
    end: at('2025-06-17T00:00Z'),
    events,
    placeIds: ['olenya', 'ciragan-palace', 'moscow'],
    layerIds: ['venue', 'struck', 'claimed-region', 'arcs'],
    eventAt: (t) => events.filter((e) => e.t0 <= t).at(-1)?.id ?? null,
    defaults: { layers: ['venue', 'struck', 'claimed-region', 'arcs'], idle: 60, follow: false },
    ...overrides,
  };
}

/** Returns the URL-settable state at its defaults, with any fields overridden. */
function createState(overrides: Partial<UrlFields> = {}): UrlFields {
  return {
    t: at('2025-05-15T00:00Z'),
    place: null,
    view: null,
    layers: ['venue', 'struck', 'claimed-region', 'arcs'],
    mode: 'explore',
    embed: false,
    idle: 60,
    follow: false,
    ...overrides,
  };
}

/** Returns a query string for the given raw parameters, encoded as a browser would. */
function query(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`;
}

/** Returns the state after writing `s` to a URL and reading it back over the defaults. */
function roundTrip(s: UrlFields, ctx = createCtx()): UrlFields {
  return { ...createState({ layers: ctx.defaults.layers, idle: ctx.defaults.idle, follow: ctx.defaults.follow }), ...parseUrl(serializeUrl(s, ctx), ctx) };
}

describe('parseUrl / serializeUrl round trip', () => {
  it('round-trips the defaults', () => {
    const s = createState();
    expect(roundTrip(s)).toEqual(s);
  });

  it('round-trips every field set away from its default', () => {
    const s = createState({
      t: at('2025-06-01T14:35Z'),
      place: 'ciragan-palace',
      view: { zoom: 5.5, lat: 41.0445, lon: 29.0158 },
      layers: ['venue', 'arcs'],
      mode: 'kiosk',
      embed: true,
      follow: true,
      idle: 300,
    });
    expect(roundTrip(s)).toEqual(s);
  });

  it('round-trips a time with seconds, an empty layer set and screenshot mode', () => {
    const s = createState({ t: at('2025-06-02T11:44:30Z'), layers: [], mode: 'screenshot' });
    expect(roundTrip(s)).toEqual(s);
  });

  it('round-trips follow off when the default is on, and the idle bounds', () => {
    const ctx = createCtx({ defaults: { layers: createCtx().layerIds, idle: 60, follow: true } });
    for (const idle of [1, 3600]) {
      const s = createState({ follow: false, idle });
      expect(roundTrip(s, ctx)).toEqual(s);
    }
  });

  it('round-trips the story start and end exactly', () => {
    for (const t of [at('2025-05-15T00:00Z'), at('2025-06-17T00:00Z')]) expect(roundTrip(createState({ t })).t).toBe(t);
  });

  it('writes the event under the playhead next to the time', () => {
    const q = serializeUrl(createState({ t: at('2025-06-01T14:35Z') }), createCtx());
    expect(q).toBe('?t=2025-06-01T14:35Z&event=operation-spiderweb');
  });
});

describe('serializeUrl', () => {
  it('writes only t when everything else is at its default', () => {
    expect(serializeUrl(createState(), createCtx())).toBe('?t=2025-05-15T00:00Z');
  });

  it('omits layers when the default layers are visible, in any order', () => {
    const q = serializeUrl(createState({ layers: ['arcs', 'claimed-region', 'struck', 'venue'] }), createCtx());
    expect(q).not.toContain('layers=');
  });

  it('writes layers in the context order when they differ from the defaults', () => {
    const q = serializeUrl(createState({ layers: ['arcs', 'venue'] }), createCtx());
    expect(q).toContain('layers=venue,arcs');
  });

  it('writes an empty layers value when every layer is hidden', () => {
    expect(new URLSearchParams(serializeUrl(createState({ layers: [] }), createCtx())).get('layers')).toBe('');
  });

  it('omits mode=explore but writes other modes', () => {
    expect(serializeUrl(createState({ mode: 'explore' }), createCtx())).not.toContain('mode=');
    expect(serializeUrl(createState({ mode: 'kiosk' }), createCtx())).toContain('mode=kiosk');
  });

  it('writes a kiosk page’s settings that differ from the story’s, in a fixed order, so that they read back the same', () => {
    const search = '?mode=kiosk&orientation=portrait&t=2025-06-01T00:00Z&qr=https://example.org/a?b=1&distance=4&watchdog=5&reloadhour=none&diagonal=65';
    const kiosk = kioskSettings(search);
    const q = serializeUrl(createState({ mode: 'kiosk', kiosk }), createCtx());
    expect(q).toBe('?t=2025-05-15T00:00Z&mode=kiosk&distance=4&qr=https%3A%2F%2Fexample.org%2Fa%3Fb%3D1&reloadhour=none&orientation=portrait&watchdog=5&diagonal=65');
    expect(kioskSettings(q)).toEqual(kiosk);
    // the defaults are left out; an explore page writes none of them (its link is not a kiosk's)
    expect(serializeUrl(createState({ mode: 'kiosk', kiosk: KIOSK_DEFAULTS }), createCtx())).toBe('?t=2025-05-15T00:00Z&mode=kiosk');
    expect(serializeUrl(createState({ mode: 'explore', kiosk }), createCtx())).toBe('?t=2025-05-15T00:00Z');
  });

  it('compares kiosk settings with the story’s own: a URL that turns the story’s QR code off says so', () => {
    const story = { ...KIOSK_DEFAULTS, qrUrl: 'https://example.org/', nightlyReloadHour: null, watchdogSeconds: 60 };
    const ctx = createCtx({ defaults: { ...createCtx().defaults, kiosk: story } });
    const kiosk = kioskSettings('?qr=none&reloadhour=4&watchdog=30', story);
    const q = serializeUrl(createState({ mode: 'kiosk', kiosk }), ctx);
    expect(q).toBe('?t=2025-05-15T00:00Z&mode=kiosk&qr=none&reloadhour=4&watchdog=30');
    expect(kioskSettings(q, story)).toEqual(kiosk);
    expect(serializeUrl(createState({ mode: 'kiosk', kiosk: story }), ctx)).toBe('?t=2025-05-15T00:00Z&mode=kiosk');
  });

  it('omits the default idle and follow and writes others', () => {
    const q = serializeUrl(createState({ idle: 120, follow: true }), createCtx());
    expect(q).toContain('idle=120');
    expect(q).toContain('follow=1');
    expect(serializeUrl(createState(), createCtx())).not.toMatch(/idle=|follow=|embed=|place=|view=/);
  });

  it('writes the view rounded', () => {
    const q = serializeUrl(createState({ view: { zoom: 4.123456, lat: 55.7512345, lon: 37.6187654 } }), createCtx());
    expect(q).toContain('view=4.12/55.7512/37.6188');
  });
});

describe('parseUrl', () => {
  it('accepts a full valid query', () => {
    expect(
      parseUrl(
        '?t=2025-06-01T11:35Z&place=olenya&view=5.5/55.75/37.62&layers=arcs,venue&mode=kiosk&embed=1&follow=0&idle=90',
        createCtx(),
      ),
    ).toEqual({
      t: at('2025-06-01T11:35Z'),
      place: 'olenya',
      view: { zoom: 5.5, lat: 55.75, lon: 37.62 },
      layers: ['venue', 'arcs'],
      mode: 'kiosk',
      embed: true,
      follow: false,
      idle: 90,
    });
  });

  it('returns nothing for an empty query', () => {
    expect(parseUrl('', createCtx())).toEqual({});
    expect(parseUrl('?', createCtx())).toEqual({});
  });

  it.each([
    ['a time with a non-UTC offset', '2025-06-01T14:35+03:00'],
    ['a time without a zone', '2025-06-01T14:35'],
    ['a date only', '2025-06-01'],
    ['a time before the story', '2025-05-14T23:59Z'],
    ['a time after the story', '2025-06-17T00:01Z'],
    ['a time in another year', '2024-06-01T11:35Z'],
    ['an impossible month', '2025-13-01T00:00Z'],
    ['an impossible day', '2025-06-00T12:00Z'],
    ['garbage', 'yesterday'],
    ['epoch milliseconds', String(at('2025-06-01T11:35Z'))],
    ['a huge number', '1e400'],
    ['an empty value', ''],
  ])('drops t given %s', (_, t) => {
    expect(parseUrl(query({ t }), createCtx())).not.toHaveProperty('t');
  });

  it('drops a non-UTC offset written raw in the query', () => {
    expect(parseUrl('?t=2025-06-01T14:35+03:00', createCtx())).not.toHaveProperty('t');
    expect(parseUrl('?t=2025-06-01T14:35%2B03:00', createCtx())).not.toHaveProperty('t');
  });

  it('accepts a time with seconds and milliseconds', () => {
    expect(parseUrl('?t=2025-06-01T11:35:20.5Z', createCtx()).t).toBe(at('2025-06-01T11:35:20.500Z'));
  });

  it('drops an unknown event and an unknown place', () => {
    const r = parseUrl(query({ event: 'no-such-event', place: 'atlantis' }), createCtx());
    expect(r).not.toHaveProperty('t');
    expect(r).not.toHaveProperty('place');
  });

  it('matches event and place ids exactly', () => {
    const r = parseUrl(query({ event: 'OPERATION-SPIDERWEB', place: 'olenya ' }), createCtx());
    expect(r).toEqual({});
  });

  it('sets t to the event start when only event is given', () => {
    expect(parseUrl(query({ event: 'second-round-ciragan' }), createCtx())).toEqual({ t: at('2025-06-02T11:44Z') });
  });

  it('lets t win over event when both are given', () => {
    expect(parseUrl(query({ t: '2025-05-20T08:00Z', event: 'second-round-ciragan' }), createCtx()).t).toBe(at('2025-05-20T08:00Z'));
  });

  it('falls back to the event when t is given but invalid', () => {
    expect(parseUrl(query({ t: 'garbage', event: 'operation-spiderweb' }), createCtx()).t).toBe(at('2025-06-01T11:35Z'));
  });

  it('drops script markup in every parameter and never throws', () => {
    const evil = '<script>alert(1)</script>';
    const params = ['t', 'event', 'place', 'view', 'layers', 'mode', 'embed', 'follow', 'idle'];
    const q = query(Object.fromEntries(params.map((p) => [p, evil])));
    expect(parseUrl(q, createCtx())).toEqual({});
    expect(parseUrl(`?${params.map((p) => `${p}=${evil}`).join('&')}`, createCtx())).toEqual({});
  });

  it.each(['%', '%E0%A4%A', '&&&=&', '?==', '?t=%ZZ', '?layers=,,,', '?view=///', `?${'x'.repeat(100_000)}`])(
    'never throws on malformed query %#',
    (q) => {
      expect(() => parseUrl(q, createCtx())).not.toThrow();
      expect(parseUrl(q, createCtx())).toEqual({});
    },
  );

  it.each([
    ['two parts', '5/55'],
    ['four parts', '5/55/37/1'],
    ['NaN', 'NaN/55/37'],
    ['zoom 99', '99/55/37'],
    ['negative zoom', '-1/55/37'],
    ['lat 91', '5/91/37'],
    ['lat -91', '5/-91/37'],
    ['lat past web mercator', '5/86/37'],
    ['lon 181', '5/55/181'],
    ['exponent notation', '1e1/55/37'],
    ['huge number', '1e400/55/37'],
    ['empty parts', '5//37'],
    ['trailing dot', '5./55/37'],
    ['Infinity', 'Infinity/55/37'],
    ['hex', '0x5/55/37'],
  ])('drops a view with %s', (_, view) => {
    expect(parseUrl(query({ view }), createCtx())).not.toHaveProperty('view');
  });

  it('accepts a view at its limits', () => {
    expect(parseUrl(query({ view: '0/-85/-180' }), createCtx()).view).toEqual({ zoom: 0, lat: -85, lon: -180 });
    expect(parseUrl(query({ view: '13/85/180' }), createCtx()).view).toEqual({ zoom: 13, lat: 85, lon: 180 });
  });

  it('clamps a zoom beyond the map (up to 18, as other maps write) to its limit of 13, and writes 13 back', () => {
    const ctx = createCtx();
    const view = parseUrl(query({ view: '18/41/29' }), ctx).view;
    expect(view).toEqual({ zoom: 13, lat: 41, lon: 29 });
    expect(serializeUrl(createState({ view: view! }), ctx)).toContain('view=13/41/29');
    expect(serializeUrl(createState({ view: { zoom: 16.5, lat: 41, lon: 29 } }), ctx)).toContain('view=13/41/29');
    expect(parseUrl(query({ view: '18.01/41/29' }), ctx)).not.toHaveProperty('view');
  });

  it('drops the whole layers value when one id is unknown', () => {
    expect(parseUrl(query({ layers: 'venue,bogus' }), createCtx())).not.toHaveProperty('layers');
    expect(parseUrl(query({ layers: 'venue,' }), createCtx())).not.toHaveProperty('layers');
  });

  it('reads layers in the context order without duplicates', () => {
    expect(parseUrl(query({ layers: 'arcs,venue,arcs' }), createCtx()).layers).toEqual(['venue', 'arcs']);
  });

  it('reads an empty layers value as no layers', () => {
    expect(parseUrl('?layers=', createCtx()).layers).toEqual([]);
  });

  it.each(['admin', 'Kiosk', 'EXPLORE', '', 'kiosk '])('drops mode %j', (mode) => {
    expect(parseUrl(query({ mode }), createCtx())).not.toHaveProperty('mode');
  });

  it.each(['0', '-5', '99999', 'abc', '3601', '1.5', '', '1e3', ' 60'])('drops idle %j', (idle) => {
    expect(parseUrl(query({ idle }), createCtx())).not.toHaveProperty('idle');
  });

  it('accepts idle from 1 to 3600 seconds', () => {
    expect(parseUrl('?idle=1', createCtx()).idle).toBe(1);
    expect(parseUrl('?idle=3600', createCtx()).idle).toBe(3600);
    expect(parseUrl('?idle=0090', createCtx()).idle).toBe(90);
  });

  it('reads embed only as "1" and follow only as "1" or "0"', () => {
    expect(parseUrl('?embed=1&follow=1', createCtx())).toEqual({ embed: true, follow: true });
    expect(parseUrl('?follow=0', createCtx())).toEqual({ follow: false });
    expect(parseUrl('?embed=0&follow=true', createCtx())).toEqual({});
    expect(parseUrl('?embed=true&follow=yes', createCtx())).toEqual({});
  });

  it('ignores any parameter longer than 200 characters, even a valid one', () => {
    const longId = 'a'.repeat(201);
    const ctx = createCtx({ placeIds: [longId, 'a'.repeat(200)] });
    expect(parseUrl(query({ place: longId }), ctx)).not.toHaveProperty('place');
    expect(parseUrl(query({ place: 'a'.repeat(200) }), ctx).place).toBe('a'.repeat(200));

    const longView = `5.${'0'.repeat(200)}/55/37`;
    expect(parseView(longView)).not.toBeNull();
    expect(parseUrl(query({ view: longView }), ctx)).not.toHaveProperty('view');

    const longLayers = Array.from({ length: 40 }, () => 'venue').join(',');
    expect(longLayers.length).toBeGreaterThan(200);
    expect(parseUrl(query({ layers: longLayers }), ctx)).not.toHaveProperty('layers');
  });

  it('keeps the other parameters when one is rejected', () => {
    expect(parseUrl(query({ t: 'nope', place: 'moscow', mode: 'admin', idle: '120' }), createCtx())).toEqual({ place: 'moscow', idle: 120 });
  });
});

describe('parseInstant', () => {
  it('accepts only strict UTC instants', () => {
    expect(parseInstant('2025-06-01T11:35Z')).toBe(at('2025-06-01T11:35Z'));
    expect(parseInstant('2025-06-01T11:35:59.999Z')).toBe(at('2025-06-01T11:35:59.999Z'));
    expect(parseInstant('2025-06-01T11:35z')).toBeNull();
    expect(parseInstant(' 2025-06-01T11:35Z')).toBeNull();
    expect(parseInstant('2025-06-01T11:35:20.1234Z')).toBeNull();
    expect(parseInstant('+002025-06-01T11:35Z')).toBeNull();
  });

  it.each(['2025-02-30T00:00Z', '2025-02-29T12:00Z', '2025-04-31T00:00Z', '2025-06-01T24:00Z', '2025-06-01T23:60Z', '2025-06-01T23:59:60Z', '2025-13-01T00:00Z'])(
    'refuses %s, which does not exist, instead of rolling it over',
    (s) => {
      expect(parseInstant(s)).toBeNull();
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseInstant('2024-02-29T12:00Z')).toBe(at('2024-02-29T12:00Z'));
  });
});

describe('explorerQuery', () => {
  it('forwards only the state, leaving the mode, the embed flag and the idle time behind', () => {
    const ctx = createCtx();
    const s = createState({ t: at('2025-06-01T14:35Z'), place: 'olenya', view: { zoom: 5, lat: 55, lon: 40 }, layers: ['venue'], mode: 'screenshot', embed: true, idle: 30, follow: true });
    expect(explorerQuery(s, ctx)).toBe('?t=2025-06-01T14:35Z&event=operation-spiderweb&place=olenya&view=5/55/40&layers=venue&follow=1');
  });

  it('gives the explorer the embed\'s moment when nothing else is set', () => {
    expect(explorerQuery(createState({ embed: true }), createCtx())).toBe('?t=2025-05-15T00:00Z');
  });
});

describe('parseLoadTimeout', () => {
  it('reads loadtimeout in seconds', () => {
    expect(parseLoadTimeout('?loadtimeout=2')).toBe(2000);
    expect(parseLoadTimeout('?t=2025-06-01T11:35Z&loadtimeout=300')).toBe(300_000);
  });

  it.each(['', '?loadtimeout=', '?loadtimeout=0', '?loadtimeout=301', '?loadtimeout=-5', '?loadtimeout=1.5', '?loadtimeout=abc', '?loadtimeout=1e3', '?loadtimeout=%00'])(
    'falls back to the default for %j',
    (q) => {
      expect(parseLoadTimeout(q)).toBe(LOAD_TIMEOUT_S * 1000);
    },
  );
});

describe('parseView / formatView', () => {
  it('parses zoom/lat/lon', () => {
    expect(parseView('2.2/55/62')).toEqual({ zoom: 2.2, lat: 55, lon: 62 });
    expect(parseView('3/-12.5/-45.25')).toEqual({ zoom: 3, lat: -12.5, lon: -45.25 });
  });

  it('rounds zoom to 2 decimals and degrees to 4', () => {
    expect(formatView({ zoom: 5.126, lat: 55.123449, lon: 37.123451 })).toBe('5.13/55.1234/37.1235');
    expect(formatView({ zoom: 4.004, lat: -33.00004, lon: -70.99996 })).toBe('4/-33/-71');
  });

  it('writes no trailing zeros', () => {
    expect(formatView({ zoom: 5.1, lat: 41.5, lon: 29 })).toBe('5.1/41.5/29');
  });

  it('parses what it formats, to the rounding', () => {
    const v = { zoom: 7.3456, lat: 50.123456, lon: 30.987654 };
    expect(parseView(formatView(v))).toEqual({ zoom: 7.35, lat: 50.1235, lon: 30.9877 });
  });

  it('parses what it formats to the view the map is set to after the reader moves it (roundView)', () => {
    for (const v of [{ zoom: 7.3456, lat: 50.123456, lon: 30.987654 }, { zoom: 1.755416, lat: 71.130184, lon: -4.006464 }, { zoom: 0.004, lat: -0.00004, lon: 179.99996 }]) {
      const r = roundView(v);
      expect(parseView(formatView(v))).toEqual(r);
      // already round: unchanged, so the map is not moved again
      expect(roundView(r)).toEqual(r);
    }
  });
});
