// The "Modelled time" panel: the cost model's figures (the core's
// modelled() object, core/sim/report.cpp modelled_json). Every figure here is
// simulated time, charged per operation by core/runtime/cost_model.h with
// prices fitted against Go 1.19 on one machine: the panel says so.

const GROUP_NAMES = {
  interpreter: 'interpreter (statements, library calls)',
  maps: 'map operations and growth',
  malloc: 'malloc, zeroing, page faults',
  sweep: 'sweeping',
  gc_stw: 'GC stop-the-world pauses',
  gc_mark: 'GC marking',
  runtime: 'runtime calls (ReadMemStats, …)',
  scavenge: 'scavenging',
};

// ns → "12.3 ms" / "850 µs" / "420 ns"
export function formatNs(ns) {
  if (ns === undefined || ns === null || Number.isNaN(ns)) return '–';
  const a = Math.abs(ns);
  if (a >= 1e9) return `${(ns / 1e9).toFixed(3)} s`;
  if (a >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (a >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

// Rows {id, label, value, text, title}: value is the plain number (tests read
// it from data-value), text what the cell shows.
export function modelledRows(m) {
  if (!m || m.nanotime === undefined) return [];
  const n = m.NumGC ?? 0;
  const pauses = m.PauseNs ?? [];
  const rows = [
    { id: 'elapsed', label: 'simulated time since main started', value: m.elapsed_ns, text: formatNs(m.elapsed_ns),
      title: 'nanotime − 1: the cost model charges every operation a fitted price; time.Now, time.Sleep and the samples use this clock' },
    { id: 'NumGC', label: 'GC cycles (NumGC)', value: n, text: String(n), title: 'completed GC cycles' },
    { id: 'PauseTotalNs', label: 'PauseTotalNs', value: m.PauseTotalNs, text: formatNs(m.PauseTotalNs),
      title: 'cumulative stop-the-world pause (sweep termination + mark termination of every cycle), as MemStats.PauseTotalNs' },
    { id: 'LastPause', label: 'last pause (PauseNs)', value: pauses.length ? pauses[0] : 0, text: pauses.length ? formatNs(pauses[0]) : '–',
      title: 'the newest entry of MemStats.PauseNs' },
    { id: 'MeanPause', label: 'mean pause', value: n ? m.PauseTotalNs / n : 0, text: n ? formatNs(m.PauseTotalNs / n) : '–',
      title: 'PauseTotalNs / NumGC' },
    { id: 'GCCPUFraction', label: 'GCCPUFraction', value: m.GCCPUFraction, text: Number(m.GCCPUFraction ?? 0).toFixed(4),
      title: "the GC's share of the CPU time available since the program started (mgc.go's definition: GC CPU over GOMAXPROCS × elapsed), updated at each mark termination" },
  ];
  const total = Object.values(m.groups ?? {}).reduce((a, b) => a + b, 0);
  for (const [g, ns] of Object.entries(m.groups ?? {})) {
    if (!ns) continue;
    rows.push({ id: `group-${g}`, label: `· ${GROUP_NAMES[g] ?? g}`, value: ns,
      text: `${formatNs(ns)} (${total ? ((100 * ns) / total).toFixed(1) : '0.0'}%)`, title: `simulated time charged to ${g}` });
  }
  return rows;
}

// Writes the rows into a <tbody> (cells by textContent only).
// Updated in place (rebuilt only when the set of rows changes): a rebuild
// per batch re-styled and re-laid out the table at every frame of a run.
export function showModelled(tbody, m) {
  const rows = modelledRows(m);
  const ids = rows.map((r) => r.id).join();
  if (tbody.dataset.rows !== ids) {
    tbody.dataset.rows = ids;
    tbody.replaceChildren(...rows.map((r) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = r.label;
      const td = document.createElement('td');
      td.dataset.testid = `modelled-${r.id}`;
      row.append(th, td);
      return row;
    }));
  }
  rows.forEach((r, i) => {
    const th = tbody.rows[i].cells[0], td = tbody.rows[i].cells[1];
    if (th.textContent !== r.label) th.textContent = r.label;
    if (th.title !== r.title) th.title = r.title;
    if (td.textContent !== r.text) td.textContent = r.text;
    const v = String(r.value);
    if (td.dataset.value !== v) td.dataset.value = v;
  });
}
