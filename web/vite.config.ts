/**
 * Vite build of the dashboard: web/index.html and web/src into web/dist, which the gateway serves
 * at `/` (src/http/dashboard.ts). Everything is bundled: no CDN, no web fonts. `npm run dev -w web`
 * serves it with hot reload and forwards /graphql to a gateway on localhost:4000.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
