// Types for electron-builder.config.mjs as the tests read it.
import type { Configuration } from 'electron-builder';

type Target = { target: string; arch: string[] };
type Platform = { target: Target[]; icon: string; files: string[] };
declare const config: Omit<Configuration, 'win' | 'mac' | 'linux' | 'files' | 'asarUnpack' | 'directories' | 'fileAssociations'> & {
  win: Platform;
  mac: Platform & { category: string };
  linux: Platform & { category: string; maintainer: string };
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  fileAssociations: { ext: string; name: string; description: string; mimeType: string; role: string }[];
};
export default config;
