// Registers the echarts-gl pieces the 3-D trajectory plot draws with (scatter3D, line3D, grid3D). Imported only
// dynamically, by TrajectoryPlot3d.vue once WebGL is known to work, so no other page loads echarts-gl. The build
// rewrites claygl's one `new Function` (scripts/vite-plugin-no-eval.ts) so it runs under the app's CSP.
import { use } from 'echarts/core';
import { Line3DChart, Scatter3DChart } from 'echarts-gl/charts';
import { Grid3DComponent } from 'echarts-gl/components';
import '../insight-echarts';

use([Scatter3DChart, Line3DChart, Grid3DComponent]);
