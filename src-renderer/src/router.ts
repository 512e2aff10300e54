// The pages, in navigation order. Hash history so the app works from file:// in Electron. Each page is its own
// chunk; `navKey` names its i18n label (shell.nav.*), whose English text is the accessible name tests rely on.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';

export const PAGES = ['start', 'design', 'data', 'train', 'trajectories', 'inspect', 'onnx', 'runs'] as const;
export type PageName = (typeof PAGES)[number];

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'start', component: () => import('./views/start/StartView.vue') },
  { path: '/design', name: 'design', component: () => import('./views/design/DesignView.vue') },
  { path: '/data', name: 'data', component: () => import('./views/data/DataView.vue') },
  { path: '/train', name: 'train', component: () => import('./views/train/TrainView.vue') },
  { path: '/trajectories', name: 'trajectories', component: () => import('./views/trajectories/TrajectoriesView.vue') },
  { path: '/inspect', name: 'inspect', component: () => import('./views/inspect/InspectView.vue') },
  { path: '/onnx', name: 'onnx', component: () => import('./views/onnx/OnnxView.vue') },
  { path: '/runs', name: 'runs', component: () => import('./views/runs/RunsView.vue') },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHashHistory(), routes });
