/** The Forces view's chart options, from API figures (suppressed figures are gaps, never zeros). */
import type { Breakdown, ForceKey, Forces, TrendPoint } from '../../api/types.ts';
import { FORCES } from '../../api/types.ts';
import type { ChartOption } from '../../charts/echarts.ts';
import { SYMBOLS } from '../../charts/palette.ts';
import { plotted } from '../../format/figures.ts';

type Names = (force: ForceKey) => string;

/** Importance (share of R², %) across, score up, cut at the means; each point labelled with its Force. */
export function quadrantOption(
  quadrant: NonNullable<Forces['quadrant']>,
  name: Names,
  axes: { importance: string; performance: string },
): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 56, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'value', name: axes.importance, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: axes.performance, nameLocation: 'middle', nameGap: 40, scale: true },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        data: quadrant.forces.map((f, i) => ({
          name: name(f.force),
          value: [Math.round(f.importance * 1000) / 10, Math.round(f.performance * 10) / 10],
          symbol: SYMBOLS[i % SYMBOLS.length],
        })),
        label: { show: true, formatter: '{b}', position: 'right', color: '#000' },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#4b5563' },
          label: { show: false },
          data: [
            { xAxis: Math.round(quadrant.cuts.importance * 1000) / 10 },
            { yAxis: Math.round(quadrant.cuts.performance * 10) / 10 },
          ],
        },
      },
    ],
  };
}

export function forceTrendOption(points: TrendPoint[], name: Names): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 56, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', scale: true },
    series: FORCES.map((force, i) => ({
      name: name(force),
      type: 'line',
      symbol: SYMBOLS[i],
      symbolSize: 7,
      data: points.map((p) => plotted(p.forces[force])),
    })),
  };
}

/** Touchpoint rows (named, relationship answers without a touchpoint left out) × the six Forces. */
export function heatmapRows(breakdown: Breakdown, touchpointName: (id: string) => string | undefined) {
  return breakdown.rows
    .filter((row) => row.key !== '-')
    .map((row) => ({ key: row.key, name: touchpointName(row.key) ?? row.key, n: row.n, forces: row.forces }));
}

export function heatmapOption(rows: ReturnType<typeof heatmapRows>, name: Names): ChartOption {
  const data: [number, number, number | string][] = [];
  rows.forEach((row, y) => {
    FORCES.forEach((force, x) => {
      const value = plotted(row.forces[force]);
      data.push([x, y, value === null ? '-' : Math.round(value * 10) / 10]);
    });
  });
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 180, right: 16, top: 16, bottom: 80 },
    xAxis: { type: 'category', data: FORCES.map(name), splitArea: { show: true } },
    yAxis: { type: 'category', data: rows.map((row) => row.name), inverse: true },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f4a582', '#f7f7f7', '#92c5de'] },
    },
    series: [{ type: 'heatmap', data, label: { show: true, color: '#000' } }],
  };
}
