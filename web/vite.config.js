// Two builds from one source: dist/ for any static host (relative URLs, a
// module worker), and VARIANT=inline dist-inline/index.html, one file that
// opens from file:// (a classic inlined worker; see ../shared TOOLCHAIN.md).
// dist/ loads the wasm binary as its own file (scripts/split-wasm.mjs);
// dist-inline/ keeps it inlined.
import { defineConfig } from 'vite';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { parsePreset } from './src/presets-parse.js';

// 'virtual:presets': the examples/ workloads parsed at build time (title and
// "What to look for" from each file's leading comment), as a JSON module.
function presetsPlugin() {
  const id = 'virtual:presets';
  const dir = path.resolve(__dirname, '..', 'examples');
  return {
    name: 'bucketlab-presets',
    resolveId: (x) => (x === id ? '\0' + id : null),
    load(x) {
      if (x !== '\0' + id) return null;
      const files = readdirSync(dir).filter((f) => f.endsWith('.go')).sort();
      const presets = files.map((f) => {
        this.addWatchFile(path.join(dir, f));
        return parsePreset(f, readFileSync(path.join(dir, f), 'utf8'));
      });
      presets.sort((a, b) => (a.name === 'churn_users' ? -1 : b.name === 'churn_users' ? 1 : a.name.localeCompare(b.name)));
      return `export default ${JSON.stringify(presets)};`;
    },
  };
}

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
  plugins: [presetsPlugin(), csp, ...(inline ? [(await import('vite-plugin-singlefile')).viteSingleFile()] : [])],
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
    // terser: ~7 KB gzip less than esbuild's minifier for the page and the
    // worker (issue 9's bundle size; bench/perf_notes.md).
    minify: 'terser',
    terserOptions: { compress: { passes: 2 } },
    chunkSizeWarningLimit: 1200,
  },
}));
