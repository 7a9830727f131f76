/** The before/after chart of an improvement action (a gap when a window has no value, never a zero). */
import type { ChartOption } from '../../charts/echarts.ts';
import type { Effect } from './types.ts';

export function effectOption(effect: Effect, labels: { before: string; after: string }): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: [labels.before, labels.after] },
    yAxis: { type: 'value', ...(effect.measure === 'nps' ? { min: -100, max: 100 } : { min: 0, max: 100 }) },
    series: [
      {
        type: 'bar',
        data: [effect.before.value, effect.after.value],
        label: { show: true, position: 'top', formatter: ({ value }: { value: number }) => value.toFixed(1) },
      },
    ],
  };
}
