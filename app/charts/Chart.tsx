import { Suspense } from 'react';
import { preloadable } from '../ui/preloadable.ts';
import type { ChartProps } from './EChart.tsx';

const Basic = preloadable(() => import('./EChart.tsx'));
const More = preloadable(() => import('./EChartMore.tsx'));

/**
 * Fetches ECharts (and with `more` the scatter and heatmap charts) ahead of the first chart. A view
 * calls it in an effect declared after its data requests, so the browser evaluates the charting
 * code while the server computes, not before the requests leave.
 */
export function preloadCharts(options: { more?: boolean } = {}): void {
  void Basic.preload();
  if (options.more) void More.preload();
}

/**
 * A chart, loaded lazily so a view's data requests do not wait for the charting code; `more` asks
 * for the scatter and heatmap charts too. Every chart in the app has a table or labels beside it
 * with the same figures, so nothing is only in the picture.
 */
export function Chart(props: ChartProps & { more?: boolean }) {
  const { more, ...rest } = props;
  const Drawn = more ? More.Component : Basic.Component;
  return (
    <Suspense fallback={<div className="chart" aria-busy="true" style={{ height: props.height ?? 280 }} />}>
      <Drawn {...rest} />
    </Suspense>
  );
}
