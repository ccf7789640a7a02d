// The source editor: CodeMirror 6 with Go highlighting; checker and
// run-time errors become lint diagnostics at their line:col.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  highlightActiveLine,
} from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { history, defaultKeymap, historyKeymap } from '@codemirror/commands';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { goLanguage } from '@codemirror/lang-go';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';

// codemirror's basicSetup without autocompletion and search (the page
// stays lean: see docs/web.md for the bundle size).
const setup = [
  lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(),
  drawSelection(), indentOnInput(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(), closeBrackets(), highlightActiveLine(),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
];

export function createEditor(parent, { doc, onChange, keys }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(keymap.of(keys)),
      setup,
      goLanguage,
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
