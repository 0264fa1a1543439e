import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the console runs on Vite's server and forwards API calls to
// the gateway (GATEWAY_URL), so the browser sees one origin, as it does in
// production where the gateway serves the built files at /admin.
const gateway = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.GATEWAY_PORT ?? '4000'}`;

export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: Number(process.env.ADMIN_DEV_PORT ?? 5173),
    strictPort: true,
    proxy: { '/graphql': gateway, '/documents': gateway },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
