/**
 * ECharts, tree-shaken: `echarts/core` with only the line and bar charts and the components every
 * view uses. A view that needs more registers it in its own chunk (see views/forces/charts.ts), so
 * the first screen does not load it.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

/** Okabe–Ito: told apart with the common colour-vision deficiencies; every series also has a name, a symbol or a label. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
