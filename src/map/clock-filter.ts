import type { Layer } from '@deck.gl/core';
import { DataFilterExtension, type DataFilterExtensionProps } from '@deck.gl/extensions';

/** The moment the time filters show, read when a layer draws. A time step writes it and asks for a redraw. */
export interface Clock {
  /** Hours from the story's start. */
  h: number;
  /** Hours behind `h` over which newly shown places fade in. */
  fadeIn: number;
  /** Hours ahead of `h` over which just-hidden places fade out. */
  fadeOut: number;
}

type Range = Readonly<[number, number]>;
export interface FilterRanges {
  filterRange: Range | Range[];
  filterSoftRange?: Range | Range[] | null;
}

export type ClockFilterProps<D = unknown> = DataFilterExtensionProps<D> & {
  /** The shared clock; without it the layer filters on its own `filterRange` like DataFilterExtension. */
  timeClock?: Clock | null;
  /** Returns the filter ranges for a clock reading (the layer's other filter dimensions stay as built). */
  timeRanges?: ((c: Clock) => FilterRanges) | null;
};

/**
 * DataFilterExtension whose ranges come from a shared clock at draw time, so a slider step costs one
 * uniform write per layer and a redraw: no new layer descriptors, no prop diff, no sublayer updates.
 * The parent's draw runs against a view of the layer whose props carry the clock's ranges.
 */
export class ClockFilterExtension extends DataFilterExtension {
  static extensionName = 'ClockFilterExtension';
  static defaultProps = {
    ...DataFilterExtension.defaultProps,
    timeClock: { type: 'object', value: null, compare: false },
    timeRanges: { type: 'function', value: null, compare: false },
  };

  draw(this: Layer<ClockFilterProps>, params: unknown, extension: this): void {
    const { timeClock, timeRanges } = this.props;
    if (!timeClock || !timeRanges) {
      DataFilterExtension.prototype.draw.call(this, params, extension);
      return;
    }
    const r = timeRanges(timeClock);
    const props = Object.create(this.props, {
      filterRange: { value: r.filterRange },
      filterSoftRange: { value: r.filterSoftRange ?? null },
    });
    const view = Object.create(this, { props: { value: props } }) as Layer<DataFilterExtensionProps>;
    DataFilterExtension.prototype.draw.call(view, params, extension as unknown as DataFilterExtension);
  }
}
