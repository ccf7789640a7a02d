// http(s) build: a module worker Vite emits as its own file.
export default function createWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}
