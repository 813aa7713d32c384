/** Everything the program touches outside itself, injectable so tests never spawn a process. */
export interface Io {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: {
    write(text: string): unknown;
    readonly isTTY?: boolean;
    /** A terminal's width in columns (read only when isTTY). */
    readonly columns?: number | undefined;
  };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}
