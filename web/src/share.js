// Share links: source and config, versioned and compressed, in the URL
// fragment (#v1:...). Decoding never throws: it says what is wrong.
import LZString from 'lz-string';
import { memlimitBytes, seedOk } from './settings.js';

export const LINK_PREFIX = '#v1:';
export const MAX_SOURCE_BYTES = 256 * 1024;
const CONFIG_KEYS = { go: 'number', gogc: 'number', memlimit: 'string', seed: 'string' };

export function encodeLink(source, config) {
  const payload = { v: 1, source, config: pickConfig(config) };
  return LINK_PREFIX + LZString.compressToEncodedURIComponent(JSON.stringify(payload));
}

function pickConfig(c) {
  const out = {};
  for (const k of Object.keys(CONFIG_KEYS)) if (c && k in c) out[k] = c[k];
  return out;
}

// Returns {ok: true, source, config} | {ok: false, error} | null (no link in the hash).
export function decodeLink(hash) {
  if (!hash || hash === '#') return null;
  if (!hash.startsWith('#v')) return { ok: false, error: 'This link is not a bucketlab share link (unknown fragment).' };
  if (!hash.startsWith(LINK_PREFIX)) {
    return { ok: false, error: `This share link has an unsupported version (${hash.slice(1, hash.indexOf(':') > 0 ? hash.indexOf(':') : 4)}); this page reads v1.` };
  }
  const body = hash.slice(LINK_PREFIX.length);
  if (body.length > 4 * MAX_SOURCE_BYTES) return { ok: false, error: 'This share link is too long to be a bucketlab link.' };
  let text;
  try {
    text = LZString.decompressFromEncodedURIComponent(body);
  } catch {
    text = null;
  }
  if (!text) return { ok: false, error: 'This share link is damaged (it does not decompress). Your editor content is unchanged.' };
  let p;
  try {
    p = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This share link is damaged (its content is not valid). Your editor content is unchanged.' };
  }
  if (!p || typeof p !== 'object' || p.v !== 1 || typeof p.source !== 'string') {
    return { ok: false, error: 'This share link is damaged (no source in it). Your editor content is unchanged.' };
  }
  if (p.source.length > MAX_SOURCE_BYTES) return { ok: false, error: 'The source in this share link is too large.' };
  const config = {};
  for (const [k, t] of Object.entries(CONFIG_KEYS)) {
    if (p.config && k in p.config) {
      if (typeof p.config[k] !== t) return { ok: false, error: `This share link has a bad setting (${k}).` };
      config[k] = p.config[k];
    }
  }
  if ('go' in config && config.go !== 19 && config.go !== 26) return { ok: false, error: 'This share link names an unknown Go version.' };
  if ('gogc' in config && !Number.isInteger(config.gogc)) return { ok: false, error: 'This share link has a bad GOGC.' };
  if ('memlimit' in config && !memlimitBytes(config.memlimit).ok) return { ok: false, error: 'This share link has a bad GOMEMLIMIT.' };
  if ('seed' in config && !seedOk(config.seed)) return { ok: false, error: 'This share link has a bad seed.' };
  return { ok: true, source: p.source, config };
}
