/**
 * The display width of a table cell, as string-width (cli-table3's measure) gives it, without
 * running string-width on the text hedge's tables are made of.
 *
 * cli-table3 measures every cell and every piece it pads or truncates with string-width, which
 * builds ansi-regex's RegExp on each call and runs emoji-regex's very large pattern over the
 * text: compiling that pattern alone takes ~1.2 ms of a cold run, and the typical table has only
 * ASCII and a few symbols (β ± ρ … – ▁…█ ⚠). The build (scripts/build.mjs) points cli-table3's
 * `string-width` here.
 *
 * Text made only of {@link ONE_COLUMN} characters is as wide as it is long: string-width counts
 * each of them as one column (test/report/text-width.test.ts checks every one), and emoji-regex
 * matches none of them alone, nor any sequence of them (its sequences need a variation selector,
 * a zero-width joiner, a keycap, a modifier, a tag or a regional indicator, all outside the
 * class), and without ESC or CSI there is nothing for strip-ansi to remove. Anything else goes
 * to string-width. Widths are remembered for the run (tables measure the same strings again).
 * string-width is a dependency of its own, in cli-table3's version range, so that both resolve
 * the same copy (a test checks it).
 */
import stringWidth from 'string-width';

/**
 * Printable ASCII; Latin-1 letters and signs but © and ® (emoji); Greek and Coptic (after the
 * combining marks U+0300–036F); dashes, quotes, bullets and the ellipsis (U+2010–2027, before the
 * joiners and ‼); box drawing and block elements (U+2500–259F); ⚠ and ✔ (text presentation).
 */
export const ONE_COLUMN =
  /^[\x20-\x7e\xa0-\xa8\xaa-\xad\xaf-\xff\u0370-\u03ff\u2010-\u2027\u2500-\u259f\u26a0\u2714]*$/;

const widths = new Map<string, number>();

/** string-width's width of `s` (columns on a terminal). */
export function textWidth(s: string): number {
  if (typeof s !== 'string') return stringWidth(s);
  let w = widths.get(s);
  if (w === undefined) {
    w = ONE_COLUMN.test(s) ? s.length : stringWidth(s);
    widths.set(s, w);
  }
  return w;
}
