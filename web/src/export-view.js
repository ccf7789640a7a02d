// Export buttons: the sample table as CSV or JSON, and any chart or view as
// PNG (every uPlot chart's canvas, the canvases marked data-png, and the
// map view's canvas if it has one). Formats in export-format.js.
import { samplesCsv, samplesJson, exportName } from './export-format.js';

const PNG_SOURCES = [
  ['[data-testid^="chart-"]', (fig) => fig.querySelector('canvas'), (fig) => fig.getAttribute('data-testid')],
  ['canvas[data-png]', (c) => c, (c) => c.dataset.png],
  ['#inspector canvas', (c) => c, (c, i) => `map-view${i ? `-${i + 1}` : ''}`],
];

// The PNG targets on the page now: [{name, canvas}].
export function pngTargets(doc = document) {
  const out = [];
  for (const [sel, canvasOf, nameOf] of PNG_SOURCES) {
    [...doc.querySelectorAll(sel)].forEach((e, i) => {
      const canvas = canvasOf(e);
      if (canvas && canvas.width && canvas.height && !out.some((t) => t.canvas === canvas)) out.push({ name: nameOf(e, i), canvas });
    });
  }
  return out;
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// root: container; table(): SampleTable; meta(): extra JSON fields (settings).
export function setupExport(root, { table, meta }) {
  const btn = (text, testid, title, fn) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.title = title;
    b.setAttribute('data-testid', testid);
    b.addEventListener('click', fn);
    root.append(b);
    return b;
  };
  btn('Samples CSV', 'export-csv', 'Download every sample row, all columns, with a header row', () => {
    download(new Blob([samplesCsv(table())], { type: 'text/csv' }), exportName('samples', 'csv'));
  });
  btn('Samples JSON', 'export-json', 'Download the samples as {columns, rows} with the settings', () => {
    download(new Blob([samplesJson(table(), meta())], { type: 'application/json' }), exportName('samples', 'json'));
  });
  const sel = document.createElement('select');
  sel.setAttribute('data-testid', 'export-png-target');
  sel.setAttribute('aria-label', 'Chart or view to save as PNG');
  const refill = () => {
    const keep = sel.value;
    sel.replaceChildren(...pngTargets().map((t) => Object.assign(document.createElement('option'), { value: t.name, textContent: t.name })));
    if ([...sel.options].some((o) => o.value === keep)) sel.value = keep;
  };
  sel.addEventListener('focus', refill);
  sel.addEventListener('pointerdown', refill);
  const label = document.createElement('label');
  label.append('PNG of ', sel);
  root.append(label);
  btn('Save PNG', 'export-png', 'Download the chosen chart or view as a PNG image', () => {
    refill();
    const t = pngTargets().find((x) => x.name === sel.value) ?? pngTargets()[0];
    if (!t) return;
    t.canvas.toBlob((b) => b && download(b, exportName(t.name, 'png')), 'image/png');
  });
  refill();
  return { refill };
}
