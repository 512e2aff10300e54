// Which frame URLs count as our renderer: the built file (any hash or query) or the dev server's origin.
import { describe, expect, it } from 'vitest';
import { isRendererUrl, rendererLocation } from '../../src-main/electron/renderer-location';

describe('rendererLocation and isRendererUrl', () => {
  const built = rendererLocation('/opt/rnn-lab', undefined, false);
  const dev = rendererLocation('/opt/rnn-lab', 'http://localhost:5173/', false);

  it('uses the dev server only when not packaged', () => {
    expect(built).toEqual({ kind: 'file', file: '/opt/rnn-lab/out/renderer/index.html' });
    expect(dev).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
    expect(rendererLocation('/opt/rnn-lab', 'http://localhost:5173/', true).kind).toBe('file');
  });

  it.each([
    ['file:///opt/rnn-lab/out/renderer/index.html', built, true],
    ['file:///opt/rnn-lab/out/renderer/index.html?x=1#/a', built, true],
    ['file:///opt/rnn-lab/out/renderer/../renderer/index.html', built, true],
    ['file:///opt/rnn-lab/out/renderer/index.htm', built, false],
    ['http://localhost:5173/index.html', built, false],
    ['not a url', built, false],
    ['http://localhost:5173/src/main.ts', dev, true],
    ['http://localhost:5174/', dev, false],
    ['http://127.0.0.1:5173/', dev, false],
    ['file:///opt/rnn-lab/out/renderer/index.html', dev, false],
  ])('%s -> %s', (url, location, expected) => {
    expect(isRendererUrl(url, location)).toBe(expected);
  });
});
