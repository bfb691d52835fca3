import { defineConfig } from 'tsup';

/** One entry per public module plus the root barrel; each becomes a subpath export in package.json. */
export const modules = ['core', 'calendar', 'sla', 'incident', 'problem'] as const;

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(modules.map((m) => [`${m}/index`, `src/${m}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
});
