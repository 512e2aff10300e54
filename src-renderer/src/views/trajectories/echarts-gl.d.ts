// echarts-gl ships no type declarations: the three installers the 3-D trajectory plot registers.
declare module 'echarts-gl/charts' {
  import type { EChartsExtensionInstaller } from 'echarts/types/src/extension';
  export const Scatter3DChart: EChartsExtensionInstaller;
  export const Line3DChart: EChartsExtensionInstaller;
}
declare module 'echarts-gl/components' {
  import type { EChartsExtensionInstaller } from 'echarts/types/src/extension';
  export const Grid3DComponent: EChartsExtensionInstaller;
}
