import { useEffect, useRef } from 'react';
import { type ChartOption, echarts } from './echarts.ts';
import { PALETTE } from './palette.ts';

export interface ChartProps {
  option: ChartOption;
  label: string;
  height?: number;
  testId?: string;
}

/** One ECharts chart, drawn on a canvas that is an image with a text name. */
export default function EChart(props: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const { option } = props;
  useEffect(() => {
    const target = element.current!;
    delete target.dataset.rendered;
    const chart = echarts.init(target, undefined, { renderer: 'canvas' });
    // Marks the chart as drawn (tests and the benchmark wait for it).
    chart.on('finished', () => {
      target.dataset.rendered = 'true';
    });
    chart.setOption({
      color: PALETTE,
      animation: false,
      textStyle: { fontFamily: 'system-ui, sans-serif' },
      ...option,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return (
    <div
      ref={element}
      className="chart"
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ height: props.height ?? 280 }}
    />
  );
}
