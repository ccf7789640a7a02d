// `make serve`: serves the built site on 127.0.0.1 and prints the URL.
// usage: node scripts/serve.mjs DIR [PORT]
import { startServer } from './static-server.mjs';

const dir = process.argv[2] ?? 'web/dist';
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
try {
  const server = await startServer(dir, port);
  console.log(`bucketlab playground: http://127.0.0.1:${server.address().port}/  (serving ${dir}; Ctrl+C stops)`);
} catch (e) {
  console.error(`serve: cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message} (try: make serve PORT=8090)`);
  process.exit(1);
}
