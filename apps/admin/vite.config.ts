import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption, version as viteVersion } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.STEWARD_API_URL ?? 'http://localhost:4000';

/**
 * The major version of the `vite` that @vitejs/plugin-react itself imports. The install hoists
 * the plugin to the root, next to the vite 8 that vitest pulls in, while this workspace runs its
 * own vite 7: the plugin then believes it runs in vite 8 and, in `vite dev`, installs vite 8's
 * native refresh wrapper, which vite 7 cannot run ("Missing field `moduleType`").
 */
function pluginViteMajor(): string | null {
  try {
    const pluginEntry = createRequire(import.meta.url).resolve('@vitejs/plugin-react');
    const vitePackage = createRequire(pluginEntry).resolve('vite/package.json');
    return (
      (JSON.parse(readFileSync(vitePackage, 'utf8')) as { version: string }).version.split(
        '.',
      )[0] ?? null
    );
  } catch {
    return null;
  }
}

/**
 * React with the automatic JSX runtime. When the plugin and the running vite disagree (above),
 * its refresh wrapper is left out: `vite dev` then works with full page reloads instead of Fast
 * Refresh. Nothing changes once the install has a single vite.
 */
function reactPlugins(): PluginOption[] {
  const mismatch = pluginViteMajor() !== null && pluginViteMajor() !== viteVersion.split('.')[0];
  return react().filter((p) => !(mismatch && p.name === 'vite:react:refresh-wrapper'));
}

export default defineConfig({
  // The API serves dist/ at '/' (and dist/graphiql.html for a browser GET of /graphql).
  base: '/',
  plugins: reactPlugins(),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco (GraphiQL's editor) is large; only graphiql.html loads it, never the dashboard.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        main: resolve(here, 'index.html'),
        graphiql: resolve(here, 'graphiql.html'),
      },
      onwarn(warning, warn) {
        // GraphiQL ships React Compiler directives ("use no memo") that bundling drops harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.id?.includes('node_modules'))
          return;
        warn(warning);
      },
    },
  },
  // Monaco's workers are ES modules (src/graphiql/monacoWorkers.ts).
  worker: { format: 'es' },
  // In `vite dev` the GraphQL worker's module graph is served unbundled, and these CommonJS
  // packages in it would stop the worker (no completion or validation in GraphiQL); pre-bundling
  // turns them into ES modules. The build bundles them anyway.
  optimizeDeps: {
    include: [
      'monaco-graphql > picomatch-browser',
      'monaco-graphql > graphql-language-service > nullthrows',
      'monaco-graphql > graphql-language-service > debounce-promise',
      'monaco-graphql > graphql-language-service > vscode-languageserver-types',
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
      '/readyz': { target: api, changeOrigin: true },
    },
  },
});
