/** Series written by a reference script (scripts/reference/*.csv), read as columns of doubles. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** A function giving the named column of scripts/reference/`file` (a header row, then numbers). */
export function referenceColumns(file: string): (name: string) => Float64Array {
  const lines = readFileSync(path.resolve(__dirname, '../../scripts/reference', file), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0]!.split(',');
  return (name) => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`${file} has no column ${name}`);
    return Float64Array.from(lines.slice(1), (line) => Number(line.split(',')[at]));
  };
}
