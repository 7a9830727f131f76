import './echartsMore.ts';

export { default } from './EChart.tsx';
