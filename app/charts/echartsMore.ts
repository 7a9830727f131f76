/** The scatter and heatmap charts with mark lines and the visual map: only the views that draw them load this. */
import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent, VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts.ts';

echarts.use([HeatmapChart, ScatterChart, MarkLineComponent, VisualMapComponent]);
