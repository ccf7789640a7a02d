// The source editor: CodeMirror 6 with Go highlighting; checker and
// run-time errors become lint diagnostics at their line:col. A lean setup
// instead of basicSetup (no autocompletion or search panel): ~23 KB less
// gzip for what a short workload does not need.
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, highlightSpecialChars } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { history, historyKeymap, defaultKeymap, indentWithTab } from '@codemirror/commands';
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput, indentUnit, LanguageSupport } from '@codemirror/language';
import { goLanguage } from '@codemirror/lang-go';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';

export function createEditor(parent, { doc, onChange, keys }) {
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(keymap.of(keys)),
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      indentUnit.of('\t'),  // gofmt indents with tabs
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      highlightActiveLine(),
      // Tab indents; Esc then Tab leaves the editor (CodeMirror's escape hatch for keyboard users)
      keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
      new LanguageSupport(goLanguage),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      EditorView.contentAttributes.of({ 'aria-label': 'Go workload source' }),
    ],
  });
  return {
    view,
    get text() { return view.state.doc.toString(); },
    set text(t) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } }); },
    // diagnostics: [{line, col, message, severity}] (1-based line:col); the
    // mark covers the character at line:col (or the line's end)
    mark(diagnostics) {
      const doc = view.state.doc;
      const ds = diagnostics.filter((d) => d.line >= 1 && d.line <= doc.lines).map((d) => {
        const line = doc.line(d.line);
        const from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
        const to = from < line.to ? from + 1 : from;
        return { from, to, severity: d.severity ?? 'error', message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, ds));
    },
    // puts the cursor at line:col and scrolls there (error panel links)
    goto(lineNo, col) {
      const doc = view.state.doc;
      if (lineNo < 1 || lineNo > doc.lines) return;
      const line = doc.line(lineNo);
      const pos = Math.min(line.from + Math.max(0, col - 1), line.to);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    focus() { view.focus(); },
  };
}
