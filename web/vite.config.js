// Two builds from one source: dist/ for any static host (relative URLs, a
// module worker), and VARIANT=inline dist-inline/index.html, one file that
// opens from file:// (a classic inlined worker; see ../shared TOOLCHAIN.md).
// dist/ loads the wasm binary as its own file (scripts/split-wasm.mjs);
// dist-inline/ keeps it inlined.
import { defineConfig } from 'vite';
import path from 'node:path';

const inline = process.env.VARIANT === 'inline';

// A strict Content-Security-Policy that still lets the wasm core run. The
// served build loads only its own files; the single-file build has every
// script inline (so 'unsafe-inline'), and its worker is a blob. Styles are
// inline because CodeMirror and uPlot set them at run time.
const CSP = inline
  ? "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; worker-src blob:; " +
    "style-src 'unsafe-inline'; img-src data:; connect-src data: blob:; base-uri 'none'; form-action 'none'"
  : "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data:; connect-src 'self' data:; base-uri 'none'; form-action 'none'";
const csp = {
  name: 'bucketlab-csp',
  transformIndexHtml: (html) => html.replace('<meta charset="utf-8">',
    `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`),
};
export default defineConfig(async () => ({
  base: './',
  plugins: inline ? [csp, (await import('vite-plugin-singlefile')).viteSingleFile()] : [csp],
  resolve: {
    alias: {
      './worker-factory.js': path.resolve(__dirname, inline ? 'src/worker-factory-inline.js' : 'src/worker-factory-url.js'),
      './wasm-loader.js': path.resolve(__dirname, inline ? 'src/wasm-loader-inline.js' : 'src/wasm-loader-split.js'),
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
