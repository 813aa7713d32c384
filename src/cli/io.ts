import type { Tiering } from './tiering';

/** Everything the program touches outside itself, injectable so tests never spawn a process. */
export interface Io {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** V8 tiering for the size of the run (src/cli/tiering.ts); none in tests run in-process. */
  readonly tiering?: Tiering;
}
