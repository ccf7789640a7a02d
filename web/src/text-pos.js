// Positions the core reports (1-based line:col, col in bytes as Go counts
// them) to positions in the editor (UTF-16 code units). Pure: tested under node.
// The 0-based UTF-16 offset within `text` of byte column `col` (1-based).
export function byteColToOffset(text, col) {
  let bytes = 0, i = 0;
  while (i < text.length && bytes < col - 1) {
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

