/**
 * ECharts, tree-shaken: `echarts/core` with only the line and bar charts and the components every
 * chart uses (see echartsMore.ts for the rest). Views never import this module: Chart.tsx loads it
 * lazily, so a view's data requests start before the charting code has arrived.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
