/**
 * Text fitted to a terminal's width: the visible width of a line (escape sequences of colour
 * take no column), and words wrapped onto lines no wider than a width.
 */
import { textWidth } from './text-width';

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;

/** Columns `line` takes on a terminal: colour sequences take none, wide characters two. */
export function visibleWidth(line: string): number {
  return textWidth(line.includes('\x1b') ? line.replace(SGR, '') : line);
}

/** The widest line of a text, in columns. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, visibleWidth(line));
  return widest;
}

/** A word wider than `width` cut into pieces of at most `width` columns (by code point). */
function pieces(word: string, width: number): string[] {
  if (visibleWidth(word) <= width) return [word];
  const out: string[] = [];
  let piece = '';
  let w = 0;
  for (const ch of word) {
    const cw = textWidth(ch);
    if (w + cw > width && piece !== '') {
      out.push(piece);
      piece = '';
      w = 0;
    }
    piece += ch;
    w += cw;
  }
  if (piece !== '') out.push(piece);
  return out;
}

/**
 * `text` (without colour) wrapped at spaces onto lines of at most `width` columns, the first
 * starting after `taken` columns (a prefix printed before it), every later one indented by
 * `indent` spaces; a word wider than a line is cut. `width` null: the text as it is. Runs of
 * spaces between words become one at a break only.
 */
export function wrapText(text: string, width: number | null, indent = 0, taken = 0): string {
  if (width === null || taken + visibleWidth(text) <= width) return text;
  const room = Math.max(1, width - indent);
  const first = Math.max(1, width - taken);
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const limit = () => (lines.length === 0 ? first : room);
  for (const word of text.split(' ')) {
    for (const part of pieces(word, room)) {
      const pw = visibleWidth(part);
      const breakFirst = lines.length === 0 && line === '' && taken > 0 && pw > first;
      if ((line !== '' && w + 1 + pw > limit()) || breakFirst) {
        lines.push(line);
        line = '';
        w = 0;
      }
      line = line === '' ? part : `${line} ${part}`;
      w += (w === 0 ? 0 : 1) + pw;
    }
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : ' '.repeat(indent) + l)).join('\n');
}
