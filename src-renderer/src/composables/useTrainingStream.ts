// Connects the run store to the live training stream for as long as the Train page is mounted: subscribes first
// (so nothing is missed), then loads the live run with getRun('current') (a reload redraws), then batches points,
// alerts and evaluations into the page at most 4 times a second. Project changes (opened, undone, remedied) reload
// settings and runs.
import { onBeforeUnmount, onMounted } from 'vue';
import { lab } from '../api';
import { useRunStore } from '../stores/run';
import { createThrottle } from './throttle';

/** Four a second reads as live; each flush redraws up to five charts, and ECharts redraws a chart whole. */
export const CHART_UPDATES_PER_SECOND = 4;

export function useTrainingStream() {
  const store = useRunStore();
  const throttle = createThrottle(() => store.flush(), 1000 / CHART_UPDATES_PER_SECOND);
  let reload: ReturnType<typeof setTimeout> | undefined;
  const stops: (() => void)[] = [];

  onMounted(() => {
    stops.push(lab.onTrainingEvent((event) => {
      store.receive(event);
      if (event.type === 'metrics' || event.type === 'alert' || event.type === 'evaluation') throttle.poke();
      // The run stopped: its last points go on the charts now, not a throttle interval later.
      if (event.type === 'status' && event.status.status !== 'running') store.flush();
      if (event.type === 'status' && ['done', 'failed', 'idle'].includes(event.status.status)) void store.refreshRuns();
    }));
    stops.push(lab.onProjectChanged(() => {
      // Opened, edited, undone, saved: settings and runs may have changed. Debounced, and the live curves are
      // left alone while a run is going (its points keep streaming in).
      clearTimeout(reload);
      reload = setTimeout(() => void (store.active ? store.refreshSettings() : store.load()), 250);
    }));
    void store.load();
  });

  onBeforeUnmount(() => {
    throttle.cancel();
    clearTimeout(reload);
    store.flush();
    for (const stop of stops.splice(0)) stop();
  });

  return store;
}
