// The source editor: CodeMirror 6 with Go highlighting; checker and
// run-time errors become lint diagnostics at their line:col.
import {
  EditorView, keymap, lineNumbers, highlightActiveLineGutter, highlightSpecialChars, drawSelection,
  highlightActiveLine,
} from '@codemirror/view';
import { Prec, StateField, StateEffect } from '@codemirror/state';
import { Decoration } from '@codemirror/view';
import { indentOnInput, syntaxHighlighting, defaultHighlightStyle, bracketMatching, foldGutter, foldKeymap } from '@codemirror/language';
import { history, defaultKeymap, historyKeymap } from '@codemirror/commands';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { goLanguage } from '@codemirror/lang-go';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { byteColToOffset } from './text-pos.js';

// codemirror's basicSetup without autocompletion and search (the page
// stays lean: see docs/web.md for the bundle size).
const setup = [
  lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(),
  drawSelection(), indentOnInput(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  bracketMatching(), closeBrackets(), highlightActiveLine(),
  keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
];

// The statement a paused run or a step stopped at: a highlighted line.
const setCurrent = StateEffect.define();
const currentLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCurrent)) continue;
      const n = e.value;
      deco = n >= 1 && n <= tr.state.doc.lines
        ? Decoration.set([Decoration.line({ class: 'cm-current-stmt', attributes: { 'data-testid': 'current-line' } }).range(tr.state.doc.line(n).from)])
        : Decoration.none;
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function createEditor(parent, { doc, onChange, keys }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(keymap.of(keys)),
      setup,
      goLanguage,
      lintGutter(),
      currentLine,
      EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      EditorView.contentAttributes.of({ 'aria-label': 'Go workload source' }),
    ],
  });
  let shown = 0;
  return {
    view,
    get text() { return view.state.doc.toString(); },
    set text(t) { shown = 0; view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t }, effects: setCurrent.of(0) }); },
    // diagnostics: [{line, col, message, severity}] (1-based line:col)
    mark(diagnostics) {
      const doc = view.state.doc;
      const ds = diagnostics.filter((d) => d.line >= 1 && d.line <= doc.lines).map((d) => {
        const line = doc.line(d.line);
        const from = line.from + byteColToOffset(line.text, d.col);
        const to = from < line.to ? from + 1 : from;  // one character (or the line's end)
        return { from, to, severity: d.severity ?? 'error', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, ds));
    },
    // line 0: none
    showCurrent(line) {
      if (line === shown) return;  // a transaction per batch would cost a CodeMirror update each time
      shown = line;
      view.dispatch({ effects: setCurrent.of(line) });
      if (line >= 1 && line <= view.state.doc.lines) {
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }) });
      }
    },
    // puts the cursor at line:col (Go's byte column) and scrolls there
    goto(lineNo, col) {
      const doc = view.state.doc;
      if (!(lineNo >= 1 && lineNo <= doc.lines)) return;
      const line = doc.line(lineNo);
      view.dispatch({ selection: { anchor: line.from + byteColToOffset(line.text, col) }, scrollIntoView: true });
      view.focus();
    },
    focus() { view.focus(); },
  };
}
