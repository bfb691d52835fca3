import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modules } from '../../tsup.config.js';
import typedocConfig from '../../typedoc.config.mjs';

const root = new URL('../../', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, root), 'utf8');

describe('the module list', () => {
  it('has one source, package.json exports, with an index.ts per module', () => {
    expect(modules.length).toBeGreaterThan(3);
    for (const m of modules) expect(existsSync(new URL(`src/${m}/index.ts`, root))).toBe(true);
  });

  it('is what the root barrel re-exports, in order', () => {
    const reexported = [...read('src/index.ts').matchAll(/export \* from '\.\/([\w-]+)\/index\.js';/g)].map((m) => m[1]);
    expect(reexported).toEqual(modules);
  });

  it('is what typedoc documents', () => {
    expect(typedocConfig.entryPoints).toEqual(modules.map((m) => `src/${m}/index.ts`));
  });

  it('leaves no public-looking module folder out (lifecycle and cli are internal)', () => {
    const folders = readdirSync(new URL('src/', root), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    const internal = new Set(['lifecycle', 'cli']);
    expect(folders.filter((f) => !internal.has(f)).sort()).toEqual([...modules].sort());
  });
});
