import type { UrlState } from './url-state.ts';
import { KIOSK_DEFAULTS, type KioskSettings } from './kiosk-settings.ts';

export type Mode = 'explore' | 'kiosk' | 'screenshot';
export const MODES: readonly Mode[] = ['explore', 'kiosk', 'screenshot'];

/** Returns the mode a `mode` parameter names, or undefined for a missing or unknown one. */
export function parseMode(value: string | null): Mode | undefined {
  return (MODES as readonly (string | null)[]).includes(value) ? (value as Mode) : undefined;
}

/** What the URL fixes for the page's life: read once at start, never changed by the reader, untouched by Reset. */
export interface AppConfig {
  readonly mode: Mode;
  /** Embedded in an article iframe: compact layout. */
  readonly embed: boolean;
  /** Kiosk idle timeout in seconds (the same as `kiosk.idleSeconds`). */
  readonly idle: number;
  /** The kiosk's settings: URL over the story's `kiosk` block over defaults. */
  readonly kiosk: KioskSettings;
}

/** The config of a URL that sets nothing. */
export const DEFAULT_CONFIG: AppConfig = { mode: 'explore', embed: false, idle: KIOSK_DEFAULTS.idleSeconds, kiosk: KIOSK_DEFAULTS };

/** Returns the page's config from what `parseUrl` read, defaults where the URL sets nothing valid. */
export function configFrom(parsed: UrlState, kiosk: KioskSettings = KIOSK_DEFAULTS): AppConfig {
  return Object.freeze({
    mode: parsed.mode ?? DEFAULT_CONFIG.mode,
    embed: parsed.embed ?? DEFAULT_CONFIG.embed,
    idle: kiosk.idleSeconds,
    kiosk,
  });
}
