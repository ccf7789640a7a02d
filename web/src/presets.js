// Every workload in examples/ is a preset, bundled at build time.
import { parsePreset } from './presets-parse.js';

const files = import.meta.glob('../../examples/*.go', { query: '?raw', import: 'default', eager: true });
export const PRESETS = Object.entries(files)
  .map(([file, text]) => parsePreset(file, text))
  .sort((a, b) => (a.name === 'churn_users' ? -1 : b.name === 'churn_users' ? 1 : a.name.localeCompare(b.name)));
