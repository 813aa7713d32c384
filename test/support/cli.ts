import { Readable } from 'node:stream';
import { run } from '../../src/cli/run';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured stdout/stderr and optional stdin text. */
export async function runCli(
  args: readonly string[],
  opts: {
    stdin?: string | Buffer;
    env?: Record<string, string>;
    tty?: boolean;
    /** The terminal's width (with tty). */
    columns?: number;
  } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdin: Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]),
    stdout: {
      write: (s: string) => (stdout += s),
      isTTY: opts.tty ?? false,
      ...(opts.columns !== undefined && { columns: opts.columns }),
    },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** Asserts the exact stderr lines (each with `hedge: `), an empty stdout and the exit code. */
export function expectFailure(res: CliResult, code: 1 | 2, lines: readonly string[]): void {
  expect({ code: res.code, stdout: res.stdout, stderr: res.stderr.split('\n') }).toEqual({
    code,
    stdout: '',
    stderr: [...lines, ''],
  });
}
