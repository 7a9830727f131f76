/**
 * How a figure reads: its value and interval in the unit it is measured in, or nothing at all when
 * it is suppressed (the base is too small), so a suppressed figure can never show as a number.
 */
import type { Mean, Nps, Share } from '../api/types.ts';

export interface Shown {
  value: string;
  lower: string;
  upper: string;
  n: number;
}

export interface Formats {
  number: (value: number, digits?: number) => string;
  percent: (share: number, digits?: number) => string;
}

/** NPS runs from −100 to 100 and is shown as a whole number. */
export function showNps(figure: Nps | undefined, f: Formats): Shown | null {
  if (!figure || figure.suppressed) return null;
  return {
    value: f.number(figure.score, 0),
    lower: f.number(figure.lower, 0),
    upper: f.number(figure.upper, 0),
    n: figure.n,
  };
}

export function showMean(figure: Mean | undefined, f: Formats, digits = 1): Shown | null {
  if (!figure || figure.suppressed) return null;
  return {
    value: f.number(figure.mean, digits),
    lower: f.number(figure.lower, digits),
    upper: f.number(figure.upper, digits),
    n: figure.n,
  };
}

export function showShare(figure: Share | undefined, f: Formats): Shown | null {
  if (!figure || figure.suppressed) return null;
  return {
    value: f.percent(figure.share),
    lower: f.percent(figure.lower),
    upper: f.percent(figure.upper),
    n: figure.n,
  };
}

/** The plotted value of a figure, or null (a gap) when suppressed. */
export function plotted(figure: Nps | Mean | Share | undefined): number | null {
  if (!figure || figure.suppressed) return null;
  if ('score' in figure) return figure.score;
  if ('mean' in figure) return figure.mean;
  return figure.share * 100;
}

/** Direction of a change, for an arrow and words (never colour alone). */
export function direction(difference: number, epsilon = 0.05): 'up' | 'down' | 'flat' {
  if (difference > epsilon) return 'up';
  if (difference < -epsilon) return 'down';
  return 'flat';
}
