/**
 * The documentation stays true to the repository: every relative link of the README,
 * CONTRIBUTING.md and the Markdown files of docs/ and fixtures/ names a file that exists (and a
 * heading that exists, for `#anchor`), so does every repository path they name in code, and the
 * README's worked example is the output of `npm start` (run in-process, no colour) and of the
 * sample-table golden case, its JSON excerpt the sample-json one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

/** The Markdown files of a directory and its subdirectories, relative to the root. */
const markdownIn = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(dir, f))
    .sort();

const DOCUMENTS = [
  'README.md',
  'CONTRIBUTING.md',
  ...markdownIn('docs'),
  ...markdownIn('fixtures'),
];

/** Fenced code blocks, indented or not. */
const FENCED = /^ *```[^\n]*\n[\s\S]*?^ *```$/gm;

/** Markdown text without fenced code blocks and inline code, where a `[x](y)` is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(FENCED, '').replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links `[text](target)` of a Markdown text. */
function linkTargets(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(markdown: string): Set<string> {
  const headings = withoutCode(markdown).match(/^#{1,6} .*$/gm) ?? [];
  return new Set(headings.map((h) => slug(h.replace(/^#+ /, ''))));
}

describe.each(DOCUMENTS)('%s', (doc) => {
  test('every relative link resolves, to a heading that exists for #anchors', () => {
    const broken: string[] = [];
    for (const target of linkTargets(read(doc))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not checked here
      const [file = '', anchor] = target.split('#');
      const resolved = file ? path.join(path.dirname(doc), file) : doc;
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${target}: no ${resolved}`);
      } else if (anchor !== undefined && !anchors(read(resolved)).has(anchor)) {
        broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

/**
 * Repository paths named in code spans (`src/cli/run.ts`, `test/golden/`): outside fenced blocks,
 * without placeholders (`<case>`, `*`, `…`). Generated directories (dist/, bench/data/) are not
 * in a clean clone and are not checked.
 */
function repositoryPaths(markdown: string): string[] {
  const spans = [...markdown.replace(FENCED, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  return spans.filter(
    (s) =>
      /^(bin|bench|docs|fixtures|scripts|src|test|tools)\/[\w./-]*$/.test(s) &&
      !s.startsWith('bench/data/'),
  );
}

describe.each(DOCUMENTS)('%s', (doc) => {
  test('every repository path it names in code exists', () => {
    const missing = repositoryPaths(read(doc)).filter((p) => !existsSync(path.join(ROOT, p)));
    expect(missing).toEqual([]);
  });
});

describe('README worked example', () => {
  const readme = read('README.md');

  test('the table is what npm start prints, and the sample-table golden output', async () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts
      .start;
    expect(start).toMatch(/^node bin\/hedge\.js /);
    const printed = await runCli(start.split(' ').slice(2));
    const block = /\(colour removed\) is:\n\n```\n([\s\S]*?)```\n/.exec(readme);
    expect(block).not.toBeNull();
    expect(block![1]).toBe(printed.stdout);
    expect(block![1]).toBe(read('test/golden/sample-table.out'));
  });

  test('the JSON excerpt is the ZED position of the sample-json golden output', () => {
    const report = JSON.parse(read('test/golden/sample-json.out')) as {
      positions: { symbol: string; hedges: unknown[]; stability: Record<string, unknown> }[];
    };
    const zed = report.positions.find((p) => p.symbol === 'ZED')!;
    const excerpt = /```json\n([\s\S]*?)```/.exec(readme);
    expect(excerpt).not.toBeNull();
    expect(JSON.parse(excerpt![1]!)).toEqual(zed.hedges[0]);
    const stability = /and its stability block: `([^`]*)`/.exec(readme.replace(/\n/g, ' '));
    expect(stability).not.toBeNull();
    const shown = JSON.parse(`{${stability![1]}}`) as Record<string, unknown>;
    for (const [key, value] of Object.entries(shown)) expect(zed.stability[key]).toBe(value);
  });
});

describe('docs/funding.md worked example', () => {
  test('the funding block is the sample-funding golden output', () => {
    const block = /```\n(┌─+┬[^`]*?│ Funding │[^`]*?)```/.exec(read('docs/funding.md'));
    expect(block).not.toBeNull();
    expect(read('test/golden/sample-funding.out')).toContain(block![1]!);
  });
});
