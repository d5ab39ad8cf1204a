export { type BarChartOptions, barChart } from "./bar-chart.js";
export { type EstimateChartOptions, type EstimateRow, estimateChart } from "./estimate-chart.js";
export { type LineChartOptions, lineChart } from "./line-chart.js";
