// The gradient monitor's public surface: the training loop needs GradientMonitor (and its types); the UI and the
// project file need the history, probe snapshots and PCA. See docs/monitor.md for what every number means.
export { GradientMonitor, type MonitorDecision, type MonitorReport, type MonitorState } from './monitor';
export { parseMonitorSettings, DEFAULT_MONITOR_SETTINGS, MonitorSettingsError, type MonitorSettings } from './thresholds';
export { stepStats, firstToLastRatio, type StepStats } from './stats';
export { SpectralTracker, GAMMA, type SpectralEntry } from './spectral';
export { largestSingularValue } from './power-iteration';
export type { Alert } from './alerts';
export type { Remedy } from './remedies';
export type { AlertKind, Finding } from './rules';
export { fitPca, projectPca, type PcaFit } from './pca';
export { MetricHistory, SeriesHistory, type Bucket, type HistoryJson } from './history';
