import { describe, expect, it } from 'vitest';
import { KIOSK_DEFAULTS, kioskParams, kioskSettings } from '../../src/state/kiosk-settings.ts';

describe('kiosk settings', () => {
  it('gives the defaults when neither the data nor the URL sets anything', () => {
    expect(kioskSettings('')).toEqual(KIOSK_DEFAULTS);
  });

  it('takes the story block over the defaults and the URL over the block', () => {
    const s = kioskSettings('?distance=4&qr=https://example.org/map', { viewingDistanceM: 3, idleSeconds: 90, orientation: 'portrait' });
    expect(s.viewingDistanceM).toBe(4);
    expect(s.idleSeconds).toBe(90);
    expect(s.orientation).toBe('portrait');
    expect(s.qrUrl).toBe('https://example.org/map');
  });

  it('drops bad URL values so the level below applies', () => {
    const s = kioskSettings('?idle=0&distance=abc&qr=javascript:alert(1)&reloadhour=25&orientation=sideways&watchdog=1', {
      idleSeconds: 45,
      qrUrl: 'https://example.org/',
    });
    expect(s).toEqual({ ...KIOSK_DEFAULTS, idleSeconds: 45, qrUrl: 'https://example.org/' });
  });

  it('lets the URL switch the QR and the nightly reload off', () => {
    expect(kioskParams('?qr=none&reloadhour=none')).toEqual({ qrUrl: null, nightlyReloadHour: null });
  });

  it('drops bad block values too (the schema refuses them at build time)', () => {
    expect(kioskSettings('', { viewingDistanceM: 50, nightlyReloadHour: 3.5 })).toEqual(KIOSK_DEFAULTS);
  });
});
