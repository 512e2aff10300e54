// electron-builder configuration for `npm run dist`: Windows NSIS, macOS dmg (Apple silicon only: onnxruntime-node
// ships no darwin/x64 binaries since 1.24), Linux AppImage and deb. Native code (our kernel, onnxruntime) is unpacked
// from the asar so it can be loaded; each platform keeps only its own onnxruntime binaries.
const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';

/** onnxruntime binaries of every platform but `keep`, left out of that platform's package. */
const otherOrt = (keep) => ['darwin', 'linux', 'win32'].filter((p) => p !== keep).map((p) => `!${ORT}/${p}/**`);

export default {
  appId: 'org.rnnlab.app',
  productName: 'RNN Lab',
  executableName: 'rnn-lab',
  copyright: 'Copyright © RNN Lab contributors',
  directories: {
    output: 'dist',
    // Not the default 'build': that folder holds the compiled native kernel, which must ship.
    buildResources: 'resources/icons',
  },
  files: [
    'package.json',
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'build/Release/rnnlab_kernel.node',
    'resources/examples/*.rnnlab',
    'resources/data/**',
    // The window icon, read at run time (build resources are not packed unless named, as here).
    'resources/icons/rnnlab.png',
    '!**/*.map',
  ],
  // Native code cannot be loaded from inside app.asar: Electron redirects these to app.asar.unpacked.
  asarUnpack: ['build/Release/*.node', `${ORT}/**`],
  // The kernel and onnxruntime-node are N-API addons: ABI-stable, nothing to rebuild for Electron.
  npmRebuild: false,
  fileAssociations: [
    {
      ext: 'rnnlab',
      name: 'RNN Lab project',
      description: 'RNN Lab project',
      mimeType: 'application/x-rnnlab-project',
      role: 'Editor',
    },
  ],
  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'resources/icons/rnnlab.ico',
    files: otherOrt('win32'),
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: {
    // arm64 only: onnxruntime-node has had no darwin/x64 binaries since 1.24.
    target: [{ target: 'dmg', arch: ['arm64'] }],
    icon: 'resources/icons/rnnlab.icns',
    category: 'public.app-category.education',
    files: otherOrt('darwin'),
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    icon: 'resources/icons/rnnlab.png',
    category: 'Education',
    maintainer: 'RNN Lab contributors',
    files: otherOrt('linux'),
  },
};
