// The settings fields as Go reads the environment: GOMEMLIMIT in Go's
// byte-count syntax, converted to the decimal bytes the core's load()
// takes. Pure: tested under node (web/test).

const MAX_INT64 = (1n << 63n) - 1n;

// runtime/string.go parseByteCount (Go 1.19 and 1.26 alike): digits, with
// an optional "B" or "KiB"/"MiB"/"GiB"/"TiB" suffix; no sign, no spaces,
// at most MaxInt64. Returns a BigInt, or null when Go would refuse it.
export function parseByteCount(s) {
  if (s === '') return null;
  // strconv.ParseInt(t, 10, 64): an optional sign, digits, within int64; then Go refuses n < 0
  const digits = (t) => {
    const m = /^([+-]?)(\d+)$/.exec(t);
    if (!m) return null;
    const v = BigInt(m[2]);
    if (v > MAX_INT64 + (m[1] === '-' ? 1n : 0n)) return null;  // out of range
    return m[1] === '-' && v !== 0n ? null : v;                   // negative
  };
  const last = s[s.length - 1];
  let n = null, m = 1n;
  if (last >= '0' && last <= '9') n = digits(s);
  else if (last !== 'B' || s.length < 2) return null;
  else if (s[s.length - 2] >= '0' && s[s.length - 2] <= '9') n = digits(s.slice(0, -1));
  else if (s[s.length - 2] !== 'i' || s.length < 4) return null;
  else {
    const power = { K: 1n, M: 2n, G: 3n, T: 4n }[s[s.length - 3]];
    if (power === undefined) return null;
    m = 1024n ** power;
    n = digits(s.slice(0, -3));
  }
  if (n === null) return null;
  n *= m;
  return n > MAX_INT64 ? null : n;
}

// GOMEMLIMIT as typed → {ok, bytes: decimal string ('' = no limit)} | {ok: false, error}.
// readGOMEMLIMIT (runtime/mgcpacer.go): "" and "off" mean no limit.
export function memlimitBytes(text) {
  const t = text.trim();
  if (t === '' || t === 'off') return { ok: true, bytes: '' };
  const n = parseByteCount(t);
  if (n === null) return { ok: false, error: `GOMEMLIMIT=${t} is malformed: Go takes bytes, optionally with a B, KiB, MiB, GiB or TiB suffix (e.g. 64MiB), or off.` };
  return { ok: true, bytes: n.toString() };
}

// The seed is a uint64 in decimal.
export function seedOk(text) {
  return /^\d{1,20}$/.test(text) && BigInt(text) < (1n << 64n);
}
