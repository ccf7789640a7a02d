// Share links: source and config, versioned and compressed, in the URL
// fragment (#v1:...; #v2:... carries the two sides of compare mode).
// Decoding never throws: it says what is wrong.
import LZString from 'lz-string';
import { memlimitBytes, seedOk } from './settings.js';

export const LINK_PREFIX = '#v1:';
export const COMPARE_PREFIX = '#v2:';  // compare mode: two sides in one link
export const MAX_SOURCE_BYTES = 256 * 1024;
const CONFIG_KEYS = { go: 'number', gogc: 'number', memlimit: 'string', seed: 'string' };

export function encodeLink(source, config) {
  const payload = { v: 1, source, config: pickConfig(config) };
  return LINK_PREFIX + LZString.compressToEncodedURIComponent(JSON.stringify(payload));
}

// Compare mode: side A and side B, each {source, config}.
export function encodeCompareLink(a, b) {
  const payload = { v: 2, a: { source: a.source, config: pickConfig(a.config) }, b: { source: b.source, config: pickConfig(b.config) } };
  return COMPARE_PREFIX + LZString.compressToEncodedURIComponent(JSON.stringify(payload));
}

function pickConfig(c) {
  const out = {};
  for (const k of Object.keys(CONFIG_KEYS)) if (c && k in c) out[k] = c[k];
  return out;
}

// Returns {ok: true, source, config[, b: {source, config}]} (b: a v2 compare
// link's side B; source/config are side A) | {ok: false, error} | null (no link).
export function decodeLink(hash) {
  if (!hash || hash === '#') return null;
  if (!hash.startsWith('#v')) return { ok: false, error: 'This link is not a bucketlab share link (unknown fragment).' };
  const v = hash.startsWith(LINK_PREFIX) ? 1 : hash.startsWith(COMPARE_PREFIX) ? 2 : 0;
  if (!v) {
    return { ok: false, error: `This share link has an unsupported version (${hash.slice(1, hash.indexOf(':') > 0 ? hash.indexOf(':') : 4)}); this page reads v1 and v2.` };
  }
  const body = hash.slice(4);
  if (body.length > (v === 2 ? 8 : 4) * MAX_SOURCE_BYTES) return { ok: false, error: 'This share link is too long to be a bucketlab link.' };
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
  if (!p || typeof p !== 'object') return { ok: false, error: 'This share link is damaged (no source in it). Your editor content is unchanged.' };
  if (v === 1) {
    if (p.v !== 1) return { ok: false, error: 'This share link is damaged (no source in it). Your editor content is unchanged.' };
    return checkSide(p, '');
  }
  // v2: a compare link, two sides ({v:2, a:{source,config}, b:{source,config}})
  if (p.v !== 2 || !p.a || typeof p.a !== 'object' || !p.b || typeof p.b !== 'object') {
    return { ok: false, error: 'This compare link is damaged (it does not hold two sides). Your editor content is unchanged.' };
  }
  const a = checkSide(p.a, 'side A: ');
  if (!a.ok) return a;
  const b = checkSide(p.b, 'side B: ');
  if (!b.ok) return b;
  return { ok: true, source: a.source, config: a.config, b: { source: b.source, config: b.config } };
}

// One side's {source, config}, checked field by field; `where` prefixes the message.
function checkSide(p, where) {
  const bad = (what) => ({ ok: false, error: `This share link ${where ? `(${where.slice(0, -2)}) ` : ''}${what}` });
  if (typeof p.source !== 'string') return bad('is damaged (no source in it). Your editor content is unchanged.');
  if (p.source.length > MAX_SOURCE_BYTES) return { ok: false, error: `The source in this share link${where ? ` (${where.slice(0, -2)})` : ''} is too large.` };
  if (p.config !== undefined && (p.config === null || typeof p.config !== 'object' || Array.isArray(p.config))) return bad('has bad settings.');
  const config = {};
  for (const [k, t] of Object.entries(CONFIG_KEYS)) {
    if (p.config && k in p.config) {
      if (typeof p.config[k] !== t) return bad(`has a bad setting (${k}).`);
      config[k] = p.config[k];
    }
  }
  if ('go' in config && config.go !== 19 && config.go !== 26) return bad('names an unknown Go version.');
  if ('gogc' in config && !Number.isInteger(config.gogc)) return bad('has a bad GOGC.');
  if ('memlimit' in config && !memlimitBytes(config.memlimit).ok) return bad('has a bad GOMEMLIMIT.');
  if ('seed' in config && !seedOk(config.seed)) return bad('has a bad seed.');
  return { ok: true, source: p.source, config };
}
