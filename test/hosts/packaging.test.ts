// The electron-builder configuration, checked without building (building needs Electron's binaries from the
// network): it passes electron-builder's own schema, targets the platforms the README promises, unpacks native
// code from the asar, associates .rnnlab files, and names icons and app files that exist.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../electron-builder.config.mjs';

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
type Target = { target: string; arch: string[] };
const targets = (platform: { target: Target[] }) => Object.fromEntries(platform.target.map((t) => [t.target, t.arch]));

describe('electron-builder configuration', () => {
  it('is valid for electron-builder (its JSON schema)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger())).resolves.toBeUndefined();
    // The schema does reject mistakes: the check above is not vacuous.
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, dmgg: true } }, new DebugLogger())).rejects.toThrow(/Invalid configuration/);
  });

  it('builds NSIS for Windows, a dmg for Apple silicon only, and AppImage + deb for Linux', () => {
    expect(targets(config.win)).toEqual({ nsis: ['x64', 'arm64'] });
    // onnxruntime-node has shipped no darwin/x64 binaries since 1.24: no Intel Mac build.
    expect(targets(config.mac)).toEqual({ dmg: ['arm64'] });
    expect(existsSync(join(root, 'node_modules/onnxruntime-node/bin/napi-v6/darwin/x64'))).toBe(false);
    expect(targets(config.linux)).toEqual({ AppImage: ['x64', 'arm64'], deb: ['x64', 'arm64'] });
  });

  it('unpacks the native kernel and onnxruntime from the asar, and packs them', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['build/Release/*.node', 'node_modules/onnxruntime-node/bin/napi-v6/**']));
    expect(config.files).toContain('build/Release/rnnlab_kernel.node');
    // 'build' is electron-builder's default resources folder, which is never packed: ours is elsewhere.
    expect(config.directories.buildResources).not.toBe('build');
    // Each platform leaves the other platforms' onnxruntime binaries out, and keeps its own.
    expect(config.linux.files).toEqual(['!node_modules/onnxruntime-node/bin/napi-v6/darwin/**', '!node_modules/onnxruntime-node/bin/napi-v6/win32/**']);
    expect(config.win.files.some((f: string) => f.includes('/win32/'))).toBe(false);
    expect(config.mac.files.some((f: string) => f.includes('/darwin/'))).toBe(false);
  });

  it('packs the built app, the examples and the data it reads at run time', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**', 'resources/examples/*.rnnlab', 'resources/data/**']));
    expect(pkg.scripts.dist).toMatch(/npm run build && electron-builder --config electron-builder\.config\.mjs/);
    // Everything the main bundle imports at run time is a dependency (devDependencies are not packed).
    for (const name of ['zod', 'onnxruntime-node', 'write-file-atomic', 'protobufjs', 'csv-parse']) expect(pkg.dependencies[name], name).toBeDefined();
  });

  it('associates .rnnlab files with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'rnnlab', name: 'RNN Lab project', role: 'Editor' })]);
  });

  it('names icons that exist, of the right kind and size', () => {
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(readFileSync(join(root, config.mac.icon)).subarray(0, 4).toString()).toBe('icns');
    expect([...readFileSync(join(root, config.win.icon)).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(config.files).toContain('resources/icons/rnnlab.png');
  });
});
