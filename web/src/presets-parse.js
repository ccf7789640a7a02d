// Presets are the workloads in examples/: the title is the first comment
// line, the "What to look for" paragraph is shown beside the menu.
export function parsePreset(file, text) {
  const lines = text.split('\n');
  const comment = [];
  for (const l of lines) {
    if (!l.startsWith('//')) break;
    comment.push(l.replace(/^\/\/ ?/, ''));
  }
  const title = (comment[0] ?? file).replace(/\.$/, '');
  const joined = comment.join('\n');
  const at = joined.indexOf('What to look for:');
  let look = '';
  if (at >= 0) {
    const rest = joined.slice(at + 'What to look for:'.length);
    const end = rest.search(/\n\s*\n/);
    look = (end >= 0 ? rest.slice(0, end) : rest).replace(/\s+/g, ' ').trim();
  }
  const name = file.replace(/^.*\//, '').replace(/\.go$/, '');
  return { name, title, look, source: text };
}
