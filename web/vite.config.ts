import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by bin/build-web.js (npm install, or pacer start when web/ changed); `npm run web:dev` serves it with hot
// reload and sends /api to a running `pacer start` on port 4400.
export default defineConfig({
  plugins: [react()],
  build: {
    // The server's CSP allows no inline script, style or data: font: every asset is a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4400' },
  },
});
