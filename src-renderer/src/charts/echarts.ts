// The ECharts pieces the Train page's charts use, registered once (tree-shaken: nothing else is bundled).
import { CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  CustomChart, HeatmapChart, LineChart, DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent,
  TooltipComponent, VisualMapComponent, CanvasRenderer,
]);
