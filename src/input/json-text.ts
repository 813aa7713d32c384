/**
 * Locations in JSON text, for messages about a JSON input file: where its syntax breaks, and on
 * which line the value at a path starts. Used only once a file has failed to parse or validate,
 * so it favours clarity over speed (one recursive pass, O(size of the text)).
 */
import { cleanText } from './cells';

/** A key path into a JSON document: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/** A JSON syntax error: the 1-based line (null: unknown) and what was wrong there. */
export interface JsonSyntaxError {
  readonly line: number | null;
  readonly message: string;
}

class Stop extends Error {
  constructor(readonly syntax: JsonSyntaxError | null) {
    super('stop');
  }
}

/** A recursive-descent reader of JSON that validates and records the line of one path. */
class Scanner {
  private i = 0;
  private line = 1;
  found: number | null = null;

  constructor(
    private readonly text: string,
    private readonly target: JsonPath | null,
  ) {}

  run(): void {
    this.value(0, this.target !== null);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private fail(message: string): never {
    throw new Stop({ line: this.line, message });
  }

  /** What is at the cursor, for messages: `"x"`, or `the end of the file`. */
  private here(): string {
    return this.i >= this.text.length
      ? 'the end of the file'
      : `"${cleanText(this.text[this.i]!)}"`;
  }

  private space(): void {
    const t = this.text;
    for (; this.i < t.length; this.i++) {
      const c = t.charCodeAt(this.i);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) return;
    }
  }

  private expect(ch: string, what: string): void {
    this.space();
    if (this.text[this.i] !== ch) this.fail(`expected ${what}, got ${this.here()}`);
    this.i++;
  }

  /** A value at `depth` of the target path (`onPath`: the path so far matches the target). */
  private value(depth: number, onPath: boolean): void {
    this.space();
    if (onPath && depth === this.target!.length) {
      this.found = this.line;
      throw new Stop(null);
    }
    const c = this.text[this.i];
    if (c === '{') this.object(depth, onPath);
    else if (c === '[') this.array(depth, onPath);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (!this.word('true') && !this.word('false') && !this.word('null')) {
      this.fail(`expected a value, got ${this.here()}`);
    }
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  private object(depth: number, onPath: boolean): void {
    this.i++;
    this.space();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') {
        this.fail(`expected a property name in double quotes, got ${this.here()}`);
      }
      const key = this.string();
      this.expect(':', '":" after a property name');
      this.value(depth + 1, onPath && this.target![depth] === key);
      this.space();
      const c = this.text[this.i++];
      if (c === '}') return;
      if (c !== ',') {
        this.i--;
        this.fail(`expected "," or "}" after a property value, got ${this.here()}`);
      }
    }
  }

  private array(depth: number, onPath: boolean): void {
    this.i++;
    this.space();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(depth + 1, onPath && this.target![depth] === index);
      this.space();
      const c = this.text[this.i++];
      if (c === ']') return;
      if (c !== ',') {
        this.i--;
        this.fail(`expected "," or "]" after an array element, got ${this.here()}`);
      }
    }
  }

  /** A string at the cursor (on its opening quote); returns its value. */
  private string(): string {
    const t = this.text;
    const start = this.i;
    for (this.i++; this.i < t.length; this.i++) {
      const c = t.charCodeAt(this.i);
      if (c === 34) {
        this.i++;
        return JSON.parse(t.slice(start, this.i)) as string;
      }
      if (c < 32) this.fail('a string is not closed on its line (or holds a control character)');
      if (c === 92) {
        this.i++;
        const e = t[this.i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.i + 1, this.i + 5))) {
            this.fail('invalid \\u escape in a string');
          }
          this.i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          this.fail(`invalid escape in a string: \\${cleanText(e ?? '')}`);
        }
      }
    }
    return this.fail('a string is not closed');
  }

  private number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (m === null) this.fail(`invalid number starting with ${this.here()}`);
    this.i += m[0].length;
    const next = this.text[this.i];
    if (next !== undefined && /[0-9.eE]/.test(next)) this.fail('invalid number');
  }
}

function scan(text: string, target: JsonPath | null): Scanner {
  const s = new Scanner(text, target);
  try {
    s.run();
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    if (e.syntax !== null) throw e;
  }
  return s;
}

/**
 * The first syntax error of `text` as JSON (RFC 8259), with its line and a short description
 * (`expected "," or "}" after a property value, got "\""`), or null when it is valid JSON.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    scan(text, null);
    return null;
  } catch (e) {
    if (e instanceof Stop) return e.syntax;
    if (e instanceof RangeError) return { line: null, message: 'nested too deeply' };
    throw e;
  }
}

/**
 * The 1-based line where the value at `path` starts in the valid JSON `text` (for a duplicate
 * key, its first occurrence), or null when there is no such value.
 */
export function jsonLineOf(text: string, path: JsonPath): number | null {
  try {
    return scan(text, path).found;
  } catch (e) {
    if (e instanceof Stop || e instanceof RangeError) return null; // RangeError: nested too deeply
    throw e;
  }
}

/** A path as text for messages: `totals[2].hedgeQuantity`. */
export function pathText(path: JsonPath): string {
  return path
    .map((k, i) =>
      typeof k === 'number'
        ? `[${k}]`
        : /^[A-Za-z_$][\w$]*$/.test(k)
          ? `${i === 0 ? '' : '.'}${k}`
          : `[${JSON.stringify(cleanText(k))}]`,
    )
    .join('');
}
