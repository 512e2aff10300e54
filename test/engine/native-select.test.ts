// Engine selection: native by default when the addon loads; a missing addon falls back to the reference engine
// with one warning line saying why, while an explicit request for native that cannot be met is an error.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src-main/core/errors';
import { findAddonPath, loadNativeEngine } from '../../src-main/core/engine/native/index';
import { selectEngine } from '../../src-main/core/engine/select';

const missing = path.join('/nonexistent', 'build', 'Release', 'rnnlab_kernel.node');

describe('selectEngine', () => {
  it('finds the addon under the package root and picks the native engine by default', async () => {
    expect(findAddonPath()).toBe(path.resolve(process.cwd(), 'build/Release/rnnlab_kernel.node'));
    const choice = await selectEngine();
    expect(choice.engine.name).toBe('native');
    expect(choice.warning).toBeNull();
    expect((await selectEngine('native')).engine.name).toBe('native');
  });

  it('gives the reference engine when asked, without a warning', async () => {
    const choice = await selectEngine('reference', { addonPath: missing });
    expect(choice).toMatchObject({ engine: { name: 'reference' }, warning: null });
  });

  it('falls back to the reference engine with the reason when the addon is missing', async () => {
    const choice = await selectEngine(undefined, { addonPath: missing });
    expect(choice.engine.name).toBe('reference');
    expect(choice.warning).toBe(
      `native kernel unavailable (${missing} not found; run npm run build:kernel); using the reference engine`,
    );
  });

  it('reports a broken or foreign addon file as the reason, without throwing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rnnlab-kernel-'));
    const broken = path.join(dir, 'rnnlab_kernel.node');
    writeFileSync(broken, 'not a shared library');
    const load = loadNativeEngine(broken);
    expect(load).toMatchObject({ ok: false, reason: expect.stringMatching(/rnnlab_kernel\.node failed to load: .+/) });
    const foreign = loadNativeEngine(path.resolve(process.cwd(), 'package.json'));
    expect(foreign).toMatchObject({ ok: false, reason: expect.stringMatching(/package\.json is not the RNN Lab kernel/) });
  });

  it('refuses an explicit native request it cannot meet', async () => {
    await expect(selectEngine('native', { addonPath: missing })).rejects.toThrow(EngineError);
    await expect(selectEngine('native', { addonPath: missing })).rejects.toThrow(
      /^native kernel unavailable \(.* not found; run npm run build:kernel\); build it with npm run build:kernel or use --engine reference$/,
    );
  });

  it('rejects an unknown engine name', async () => {
    await expect(selectEngine('fast' as never)).rejects.toThrow(/unknown engine 'fast': expected native or reference/);
  });
});
