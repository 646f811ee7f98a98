import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const contractsSrc = fileURLToPath(new URL('../../libs/contracts/src', import.meta.url));

// The api serves this build at `/` and answers `/api`; in development the dev server forwards
// `/api` to a locally running api (ICC_HUB_API_URL, default http://localhost:3000).
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [preact()],
  resolve: {
    alias: {
      '@app/contracts': contractsSrc,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // The dev server forwards API calls to a hub started with `npm start` on its default port.
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
