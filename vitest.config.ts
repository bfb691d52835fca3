import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `itsm-kit/<module>` resolves to the sources, as tsconfig.json's `paths` do for tsc and tsx, so that tests and
// examples import the package exactly as a user would.
const src = fileURLToPath(new URL('./src/', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^itsm-kit$/, replacement: `${src}index.ts` },
      { find: /^itsm-kit\/(.+)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
