import { ProblemList } from '../../src/errors';
import { forEachCsvRecord } from '../../src/input/csv';
import { problemsOf, source } from './helpers';

/** Records as [line, fields] and the problems, for a file named data.csv. */
function records(
  text: string,
  comments = false,
): { rows: [number, string[]][]; problems: string[] } {
  const rows: [number, string[]][] = [];
  const list = new ProblemList();
  forEachCsvRecord(source(text, 'data.csv'), { comments }, list, (fields, line) =>
    rows.push([line, fields]),
  );
  let problems: string[] = [];
  if (list.count > 0) problems = problemsOf(() => list.throwIfAny());
  return { rows, problems };
}

describe('forEachCsvRecord', () => {
  it('gives each record its physical starting line, skipping blank lines', () => {
    expect(records('a,b\n\n1,2\n   \n3,4').rows).toEqual([
      [1, ['a', 'b']],
      [3, ['1', '2']],
      [5, ['3', '4']],
    ]);
  });

  it('handles CRLF, CR and mixed line ends', () => {
    expect(records('a,b\r\n1,2\r\n\r\n3,4\r\n').rows.map((r) => r[0])).toEqual([1, 2, 4]);
    expect(records('a,b\r1,2\r3,4\r').rows.map((r) => r[0])).toEqual([1, 2, 3]);
    const mixed = records('a,b\r\n1,2\n3,"x\r\ny"\r5,6\n');
    expect(mixed.problems).toEqual([]);
    expect(mixed.rows).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', 'x\ny']],
      [5, ['5', '6']],
    ]);
  });

  it('keeps quoted commas, quotes and newlines, and counts lines inside fields', () => {
    const { rows } = records('a,b\n"x,y","say ""hi"""\n"multi\nline\r\nfield",z\n\nlast,1\n');
    expect(rows).toEqual([
      [1, ['a', 'b']],
      [2, ['x,y', 'say "hi"']],
      [3, ['multi\nline\nfield', 'z']],
      [7, ['last', '1']],
    ]);
  });

  it('trims fields and keeps a quote inside an unquoted field as text', () => {
    expect(records('a,b\n  1 ,  " 2 "  \n5" pipe,x\n').rows.slice(1)).toEqual([
      [2, ['1', ' 2 ']],
      [3, ['5" pipe', 'x']],
    ]);
  });

  it('skips rows of empty fields after the header', () => {
    expect(records('a,b\n1,2\n,\n , \n3,4\n').rows.map((r) => r[0])).toEqual([1, 2, 5]);
  });

  it('skips # comment lines when asked, but not a # inside a line', () => {
    expect(records('# top\na,b\n# note, with comma\n1,#2\n', true).rows).toEqual([
      [2, ['a', 'b']],
      [4, ['1', '#2']],
    ]);
    expect(records('a,b\n#x,1\n').rows).toEqual([
      [1, ['a', 'b']],
      [2, ['#x', '1']],
    ]);
  });

  it('reports every ragged record at its starting line and goes on', () => {
    const { rows, problems } = records('a,b,c\n1,2\n3,4,5\n"x\ny",1,2,3\n6\n7,8,9\n');
    expect(rows.map((r) => r[0])).toEqual([1, 3, 7]);
    expect(problems).toEqual([
      'data.csv:2: found 2 fields, but the header has 3',
      'data.csv:4: found 4 fields, but the header has 3',
      'data.csv:6: found 1 field, but the header has 3',
    ]);
  });

  it('reports an unclosed quote at the line where it opens, and stops', () => {
    expect(records('a,b\n1,2\n\n3,"open\n4,5\n6,7\n').problems).toEqual([
      'data.csv:4: a quoted field is never closed (missing closing quote)',
    ]);
    // the opening quote is on the second line of a record that starts with a closed multi-line field
    expect(records('a,b,c\n"x\ny",z,"open\n1,2,3\n').problems).toEqual([
      'data.csv:3: a quoted field is never closed (missing closing quote)',
    ]);
    // quotes in comment lines do not count
    expect(records('a,b\n# "quoted\n1,"open\n', true).problems).toEqual([
      'data.csv:3: a quoted field is never closed (missing closing quote)',
    ]);
  });

  it('reports text after a closing quote, and stops', () => {
    const { rows, problems } = records('a,b\n1,2\n3,"4"x\n5,"6"y\n');
    expect(rows.map((r) => r[0])).toEqual([1, 2]);
    expect(problems).toEqual([
      'data.csv:3: unexpected text after a closing quote (inside a quoted field, write a quote as "")',
    ]);
  });

  it('keeps ragged-row problems found before a fatal error', () => {
    expect(records('a,b\n1\n2,"x"y\n').problems).toEqual([
      'data.csv:2: found 1 field, but the header has 2',
      'data.csv:3: unexpected text after a closing quote (inside a quoted field, write a quote as "")',
    ]);
  });
});
