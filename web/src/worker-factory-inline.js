// file:// build: a classic worker inlined as a blob (module and file-URL
// workers are refused from origin null; see TOOLCHAIN.md).
import InlineWorker from './worker.js?worker&inline';
export default function createWorker() {
  return new InlineWorker();
}
