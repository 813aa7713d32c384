/**
 * The file flags of a run: `--funding`'s values, and the consistency of the input files with
 * standard input. Nothing here reads a file.
 */
import { UsageError } from '../errors';
import { fundingFileOf } from '../input/funding';
import { showText } from '../report/text';

/** commander camel-cases flag names; this maps them back for messages. */
export function flagName(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

const INPUT_FILES = ['positions', 'prices', 'instruments', 'current', 'previous'] as const;

/** `--funding`'s values (commander collects them), each with a file. @throws UsageError */
export function fundingArgs(values: unknown): string[] {
  const list = (values ?? []) as string[];
  for (const arg of list) {
    const f = fundingFileOf(arg);
    if (f.path.trim() === '') {
      throw new UsageError(
        `--funding ${showText(JSON.stringify(arg))}: expected a file${f.symbol === null ? '' : ` after "${showText(f.symbol)}="`}`,
      );
    }
  }
  return list;
}

/** Every input file given: [flag key, path], --funding's once per file. */
function inputFiles(o: Record<string, unknown>): [string, string][] {
  const files: [string, string][] = [];
  for (const k of INPUT_FILES) if (typeof o[k] === 'string') files.push([k, o[k]]);
  for (const arg of (o.funding ?? []) as string[]) files.push(['funding', fundingFileOf(arg).path]);
  return files;
}

/**
 * At most one input file reads standard input. (That --output is none of the inputs, except
 * --previous replaced by a JSON report, is checked on the file system by real path and inode
 * before any work: ./output-target.ts.)
 * @throws UsageError
 */
export function checkFiles(o: Record<string, unknown>): void {
  const files = inputFiles(o);
  const stdinUsers = [...new Set(files.filter(([, f]) => f === '-').map(([k]) => k))];
  if (files.filter(([, f]) => f === '-').length > 1) {
    const names = stdinUsers.map(flagName);
    throw new UsageError(
      `${names.length === 1 ? `two ${names[0]} files` : names.join(' and ')} both read standard input; at most one file can be -`,
    );
  }
}
