import { useEffect, useRef } from 'react';
import { type ChartOption, echarts, PALETTE } from './echarts.ts';

/**
 * One ECharts chart. The canvas is an image with a text name; every chart in the app has a table or
 * labels beside it with the same figures, so nothing is only in the picture.
 */
export function Chart(props: { option: ChartOption; label: string; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const { option } = props;
  useEffect(() => {
    const chart = echarts.init(element.current!, undefined, { renderer: 'canvas' });
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
