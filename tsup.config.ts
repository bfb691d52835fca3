import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * The public modules, read from package.json's `exports` (the one list of modules: every `./name` subpath
 * other than `./package.json` is `src/name/index.ts`). `test/package/modules.test.ts` checks that the root
 * barrel, the typedoc entry points and this list agree.
 */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> };
export const modules = Object.keys(pkg.exports)
  .filter((k) => k !== '.' && k !== './package.json' && !k.includes('*') && !k.endsWith('.json'))
  .map((k) => k.slice(2));

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
    // The `itsm-kit` command (package.json `bin`), not a public module.
    'cli/main': 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
});
