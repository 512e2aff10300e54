// The Lab service and the helpers hosts need to expose it (IPC router, web host).
export { LabService, type LabServiceOptions } from './lab-service';
export { callLabMethod } from './dispatch';
export { EXAMPLES } from './examples';
