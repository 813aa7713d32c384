/**
 * The file flags of a run: `--funding`'s values, and the consistency of every input file with
 * standard input and with `--output`. Nothing here reads a file.
 */
import path from 'node:path';
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
 * The file flags' consistency: at most one reads standard input, and --output is none of the
 * input files (inputs are never modified), except --previous with a JSON report: replacing
 * yesterday's report with today's is what a daily job does.
 * @throws UsageError
 */
export function checkFiles(
  o: Record<string, unknown>,
  output: string | undefined,
  format: string,
): void {
  const files = inputFiles(o);
  const stdinUsers = [...new Set(files.filter(([, f]) => f === '-').map(([k]) => k))];
  if (files.filter(([, f]) => f === '-').length > 1) {
    const names = stdinUsers.map(flagName);
    throw new UsageError(
      `${names.length === 1 ? `two ${names[0]} files` : names.join(' and ')} both read standard input; at most one file can be -`,
    );
  }
  if (output !== undefined) {
    const target = path.resolve(output);
    const input = files.find(([, f]) => f !== '-' && path.resolve(f) === target)?.[0];
    if (input === 'previous' && format !== 'json') {
      throw new UsageError(
        `--output ${showText(output)} is also the --previous file: only a JSON report (--format json) can replace it`,
      );
    }
    if (input !== undefined && input !== 'previous') {
      throw new UsageError(
        `--output ${showText(output)} is also the ${flagName(input)} file: the report would overwrite it`,
      );
    }
  }
}
