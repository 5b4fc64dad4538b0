import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web client. `npm run build:web` (codegen, then this) writes apps/web/dist/, which the API
 * serves at / on the same origin as /graphql. `npx vite --config apps/web/vite.config.ts` serves
 * it in development and proxies the API paths to WAYPOINT_API (default http://localhost:3000).
 *
 * There is no @vitejs/plugin-react: Vite 8 transforms JSX with Oxc, configured here for the
 * React 17+ automatic runtime (no `import React` in every file). No Fast Refresh, full reloads.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.WAYPOINT_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // The generated documents in a chunk of their own (as before the lazy set existed): the
        // entry stays React + Apollo + the shell, and a schema change does not bust its cache.
        advancedChunks: { groups: [{ name: 'graphql', test: /src[\\/]generated[\\/]graphql\.ts$/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
      '/calendar': { target: api, changeOrigin: true },
      '/health': { target: api, changeOrigin: true },
      '/admin/queues': { target: api, changeOrigin: true },
    },
  },
});
