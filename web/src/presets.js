// Every workload in examples/ is a preset: parsed at build time (the
// 'virtual:presets' module of vite.config.js, with presets-parse.js) into
// {name, title, look, source}; churn_users first, then by name.
import PRESETS from 'virtual:presets';

export { PRESETS };
