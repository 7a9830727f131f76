/** The overview's chart options, from API figures (suppressed figures are gaps, never zeros). */
import type { Overview, TrendPoint } from '../../api/types.ts';
import type { ChartOption } from '../../charts/echarts.ts';
import { SYMBOLS } from '../../charts/palette.ts';
import { plotted } from '../../format/figures.ts';

export function trendOption(
  points: TrendPoint[],
  names: { nps: string; csat: string; ces: string },
): ChartOption {
  const line = (name: string, data: (number | null)[], i: number, yAxisIndex = 0) => ({
    name,
    type: 'line',
    data,
    yAxisIndex,
    symbol: SYMBOLS[i],
    symbolSize: 7,
    lineStyle: { type: ['solid', 'dashed', 'dotted'][i] },
    connectNulls: false,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: [
      { type: 'value', min: -100, max: 100, name: 'NPS' },
      { type: 'value', min: 0, max: 100, name: '0–100' },
    ],
    series: [
      line(
        names.nps,
        points.map((p) => plotted(p.nps)),
        0,
      ),
      line(
        names.csat,
        points.map((p) => plotted(p.csat)),
        1,
        1,
      ),
      line(
        names.ces,
        points.map((p) => plotted(p.ces)),
        2,
        1,
      ),
    ],
  };
}

export function volumeOption(points: TrendPoint[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name, type: 'bar', data: points.map((p) => p.n ?? 0) }],
  };
}

/** One horizontal bar split by segment, each part labelled with its name and share. */
export function segmentOption(
  segments: Overview['segments'],
  label: (segment: string) => string,
): ChartOption {
  return {
    tooltip: { trigger: 'item' },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: false },
    xAxis: { type: 'value', max: 100, show: false },
    yAxis: { type: 'category', data: [''], show: false },
    series: segments.map((s, i) => ({
      name: label(s.segment),
      type: 'bar',
      stack: 'segments',
      barWidth: 44,
      itemStyle: { borderColor: '#fff', borderWidth: 2, decal: { symbol: SYMBOLS[i], symbolSize: 0.4 } },
      label: { show: true, formatter: '{a}: {c}%', color: '#000', backgroundColor: '#fff', padding: 3 },
      data: [s.share.suppressed ? null : Math.round(s.share.share * 1000) / 10],
    })),
  };
}
