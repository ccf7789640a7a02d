// The source editor: CodeMirror 6 with Go highlighting; checker and
// run-time errors become lint diagnostics at their line:col.
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { go } from '@codemirror/lang-go';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

export function createEditor(parent, { doc, onChange, keys }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(keymap.of(keys)),
      basicSetup,
      go(),
      lintGutter(),
      EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      EditorView.contentAttributes.of({ 'aria-label': 'Go workload source' }),
    ],
  });
  return {
    view,
    get text() { return view.state.doc.toString(); },
    set text(t) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }); },
    // diagnostics: [{line, col, message, severity}] (1-based line:col)
    mark(diagnostics) {
      const doc = view.state.doc;
      const ds = diagnostics.filter((d) => d.line >= 1 && d.line <= doc.lines).map((d) => {
        const line = doc.line(d.line);
        const from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
        const to = Math.max(from, Math.min(line.to, from + 1)) === from && line.to > from ? from + 1 : Math.min(line.to, Math.max(from + 1, from));
        return { from, to: to < from ? from : to, severity: d.severity ?? 'error', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, ds));
    },
    focus() { view.focus(); },
  };
}
