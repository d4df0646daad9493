// Monaco's workers first, before GraphiQL loads Monaco (see monacoWorkers.ts for why not
// 'graphiql/setup-workers/vite').
import './monacoWorkers';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GRAPHQL_URL } from '../graphql/client';
import { currentToken } from '../graphql/session';
import { DEFAULT_QUERY, defaultHeaders } from './defaults';

const fetcher = createGraphiQLFetcher({ url: GRAPHQL_URL });
const headers = defaultHeaders(currentToken());

const root = document.getElementById('graphiql');
if (!root) throw new Error('graphiql.html has no #graphiql element');

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      initialHeaders={headers}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
      // Tokens are credentials: do not keep them in localStorage beyond the dashboard's own.
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
