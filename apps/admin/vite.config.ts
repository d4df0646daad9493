import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.STEWARD_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  // The API serves dist/ at '/' (and dist/graphiql.html for a browser GET of /graphql).
  base: '/',
  plugins: [react()],
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
