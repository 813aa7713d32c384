import { createProgress } from '../../src/cli/progress';

function stderr(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { write: (s: string) => out.push(s), isTTY } };
}

describe('createProgress', () => {
  test('draws on a terminal after the delay, at most once per interval, and clears the line', () => {
    const { out, stream } = stderr(true);
    let t = 0;
    const p = createProgress(stream, { quiet: false, label: 'prices.csv', now: () => t });
    p.update(1e6, 100e6);
    expect(out).toEqual([]); // within the delay
    t = 300;
    p.update(42e6, 100e6);
    t = 350;
    p.update(43e6, 100e6); // within the interval
    t = 450;
    p.update(100e6, null);
    p.done();
    expect(out).toEqual([
      '\rhedge: reading prices.csv   42%  42/100 MB\x1b[K',
      '\rhedge: reading prices.csv  100 MB\x1b[K',
      '\r\x1b[K',
    ]);
  });

  test('nothing when stderr is not a terminal, when quiet, or when nothing was drawn', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { out, stream } = stderr(tty);
      let t = 0;
      const p = createProgress(stream, { quiet, label: 'x', now: () => t });
      t = 1000;
      p.update(1, 2);
      p.done();
      expect(out).toEqual([]);
    }
    const { out, stream } = stderr(true);
    createProgress(stream, { quiet: false, label: 'x', now: () => 0 }).done();
    expect(out).toEqual([]);
  });
});
