import { defineConfig } from 'vitest/config';

// Unit tests of the dashboard's pure logic (query building, menus, previews); no browser here.
// The end-to-end browser test lives in apps/api/test/browser.test.ts, against the built app.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    passWithNoTests: false,
    environment: 'node',
  },
});
