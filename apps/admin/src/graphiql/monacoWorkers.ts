/**
 * Monaco's web workers (editor, JSON for variables and headers, GraphQL for validation and
 * completion), bundled by Vite: no CDN, the playground works offline.
 *
 * This is what `graphiql/setup-workers/vite` does, kept in our own source on purpose: Vite's
 * dependency pre-bundler cannot process the `?worker` imports inside that published module, so
 * `vite dev` dies on start with "Cannot read file: ...editor.worker.js?worker" (graphql/graphiql
 * #4038, #4473). In app source, Vite's worker plugin handles them, in dev and in the build.
 */
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
