// Two builds from one source: dist/ for any static host (relative URLs, a
// module worker), and VARIANT=inline dist-inline/index.html, one file that
// opens from file:// (a classic inlined worker; see ../shared TOOLCHAIN.md).
import { defineConfig } from 'vite';
import path from 'node:path';

const inline = process.env.VARIANT === 'inline';
export default defineConfig(async () => ({
  base: './',
  plugins: inline ? [(await import('vite-plugin-singlefile')).viteSingleFile()] : [],
  resolve: {
    alias: {
      './worker-factory.js': path.resolve(__dirname, inline ? 'src/worker-factory-inline.js' : 'src/worker-factory-url.js'),
      './wasm-loader.js': path.resolve(__dirname, inline ? 'src/wasm-loader-inline.js' : 'src/wasm-loader-url.js'),
    },
  },
  worker: { format: inline ? 'iife' : 'es' },
  server: { fs: { allow: ['..'] } },
  build: {
    outDir: inline ? 'dist-inline' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
}));
