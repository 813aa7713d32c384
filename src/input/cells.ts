/**
 * Conversion of single CSV cells, shared by every parser (and by any faster prices reader): no
 * allocation on the common path.
 */

const BLANK = /^\s*$/;
const RADIX_PREFIX = /^\s*0[xXoObB]/;

/**
 * Reads a number cell.
 * @returns NaN (a missing value) for an empty or blank cell; the value for a finite decimal
 *   number (`12`, `-0.5`, `1e-3`, `.5`, `+7`); undefined for anything else (`n/a`, `NaN`,
 *   `Infinity`, `1e999`, `0x10`, `1,234`, `$5`), which the caller reports as
 *   `expected a number, got "…"`.
 */
export function parseNumberCell(text: string): number | undefined {
  if (text.length === 0) return NaN;
  const v = Number(text); // trims whitespace; '' and blanks give 0, junk gives NaN
  if (v - v !== 0) return undefined; // NaN or ±Infinity
  if (v === 0 && BLANK.test(text)) return NaN;
  if (Number.isInteger(v) && v >= 0 && RADIX_PREFIX.test(text)) return undefined; // 0x…, 0o…, 0b…
  return v;
}

/** Longest piece of user text echoed in a message, in code points. */
export const SHOWN_LENGTH = 40;

/**
 * User text made safe to print inside a message, without quotes: control characters (C0, DEL,
 * C1), line and paragraph separators, bidirectional overrides and zero-width characters become
 * escapes (`\x1b`, `\n`, `\u{202e}`); `"` and `\` are escaped; text beyond SHOWN_LENGTH code
 * points is cut and marked with `…`.
 */
export function cleanText(text: string, max = SHOWN_LENGTH): string {
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count === max) return `${out}…`;
    out += escapeChar(ch);
    count++;
  }
  return out;
}

/**
 * A file name made safe to print in a message: control characters, line separators and bidi
 * controls escaped as in cleanText, everything else (quotes, backslashes, length) as given.
 */
export function cleanName(name: string): string {
  let out = '';
  for (const ch of name) out += ch === '"' || ch === '\\' ? ch : escapeChar(ch);
  return out;
}

/** User text quoted for a message: `"n/a"`, `"\x1b[31m"`, `"aaaa…"`. */
export function showValue(text: string): string {
  return `"${cleanText(text)}"`;
}

function escapeChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0x20 && c < 0x7f) return c === 0x22 ? '\\"' : c === 0x5c ? '\\\\' : ch;
  if (c === 0x0a) return '\\n';
  if (c === 0x0d) return '\\r';
  if (c === 0x09) return '\\t';
  if (c < 0xa0) return `\\x${c.toString(16).padStart(2, '0')}`;
  if (
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    (c >= 0xd800 && c <= 0xdfff) ||
    c === 0xfeff
  ) {
    return `\\u{${c.toString(16)}}`;
  }
  return ch;
}
