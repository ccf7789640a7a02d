// Classroom mode (view): large type, the editor hidden, big step buttons,
// arrow keys to step, and a narration line that says in one sentence what
// the last step did (narration.js builds the sentences from the core's
// events). On with the Classroom button or ?classroom=1 in the URL.
//   → (ArrowRight) one statement   ↓ (ArrowDown) to the next evacuation / table grow
//   ↑ (ArrowUp) to the end of the next GC cycle   ← (ArrowLeft) reset
import { Narrator, stepStory } from './narration.js';

export const CLASSROOM_KEYS = Object.freeze({ ArrowRight: 'statement', ArrowDown: 'evacuation', ArrowUp: 'gc', ArrowLeft: 'reset' });
const MAX_LINES = 4;  // sentences shown under the headline

export class Classroom {
  // toggle: the header button; line: the narration element; list: the earlier sentences;
  // act(kind): step(kind) or reset
  constructor({ toggle, line, list, act }) {
    this.toggle = toggle;
    this.line = line;
    this.list = list;
    this.act = act;
    this.narrator = new Narrator();
    this.pending = [];  // [event, sentence] since the last step began
    toggle.addEventListener('click', () => this.set(!this.on));
    document.addEventListener('keydown', (e) => this.key(e));
    this.set(new URLSearchParams(location.search).get('classroom') === '1');
  }
  get on() { return document.body.classList.contains('classroom'); }
  set(on) {
    document.body.classList.toggle('classroom', on);
    document.documentElement.classList.toggle('classroom', on);  // the root font size (style.css)
    this.toggle.setAttribute('aria-pressed', String(on));
    const u = new URL(location.href);
    if (on) u.searchParams.set('classroom', '1'); else u.searchParams.delete('classroom');
    history.replaceState(null, '', u);
  }
  key(e) {
    if (!this.on || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    const kind = CLASSROOM_KEYS[e.key];
    if (!kind) return;
    e.preventDefault();
    this.act(kind);
  }
  // A new session: grows and names start over.
  reset() {
    this.narrator.reset();
    this.pending = [];
    this.stepping = false;
    this.say('Ready: press → for a statement, ↓ for the next evacuation or table grow, ↑ for the next GC cycle.', []);
  }
  // Every PROGRESS: during a step, narrate its events in order; during a
  // run, only follow the grows (a run's batches are many and unread).
  progress(maps, events) {
    this.narrator.setMaps(maps);
    if (!this.stepping) { for (const e of events) this.narrator.observe(e); return; }
    for (const e of events) this.pending.push([e, this.narrator.sentence(e)]);
    if (this.pending.length > 2000) this.pending.splice(0, this.pending.length - 2000);
  }
  stepBegins() { this.pending = []; this.stepping = true; }
  stepped(kind, result) {
    const ev = this.pending.map(([e]) => e), said = this.pending.map(([, s]) => s);
    this.pending = [];
    this.stepping = false;
    const story = stepStory(kind, ev, said, result?.line);
    // a step that ran out of program (or budget) before its boundary says so first
    const what = { statement: 'statement', mapop: 'map operation', evacuation: 'evacuation or table grow', gc: 'GC cycle' }[kind] ?? kind;
    const cut = result && result.state !== 'ready' ? `The program ${result.state === 'done' ? 'ended' : result.state} before the next ${what}. `
      : result && !result.stepReached ? `No ${what} was reached. ` : '';
    const rest = story.others.slice(-MAX_LINES);
    if (cut && ev.length) this.say(cut + 'Last event: ' + story.headline, rest);
    else this.say(cut ? cut.trim() : story.headline, cut ? [] : rest);
  }
  say(headline, rest) {
    this.line.textContent = headline;
    this.list.replaceChildren(...rest.map((s) => { const li = document.createElement('li'); li.textContent = s; return li; }));
  }
}
