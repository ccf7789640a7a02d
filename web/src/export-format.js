// Sample table → CSV and JSON for the export buttons (export-view.js makes
// the downloads). Pure; tested under node (web/test).
// Numbers are written as JavaScript prints them (shortest round-trip form),
// so a parsed file gives back exactly the page's (= the core's) values.

function csvCell(v) {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v ?? '');
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// table: {columns: string[], rows: number, value(row, col)} (SampleTable).
export function samplesCsv(table) {
  const lines = [table.columns.map(csvCell).join(',')];
  for (let r = 0; r < table.rows; r++) lines.push(table.columns.map((c) => csvCell(table.value(r, c))).join(','));
  return lines.join('\n') + '\n';
}

// {"columns": [...], "rows": [[...], ...], ...meta}
export function samplesJson(table, meta = {}) {
  const rows = [];
  for (let r = 0; r < table.rows; r++) rows.push(table.columns.map((c) => table.value(r, c)));
  return JSON.stringify({ ...meta, columns: table.columns, rows });
}

// Minimal CSV reader for the files samplesCsv writes (and the tests).
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// A file name: bucketlab-<what>-<yyyymmdd-hhmmss>.<ext>
export function exportName(what, ext, date = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
  return `bucketlab-${what.replace(/[^A-Za-z0-9_-]+/g, '-')}-${stamp}.${ext}`;
}
