/**
 * The column buffers of a wide read (src/input/prices/sink.ts): every column a view of its own
 * bytes, aligned for its element size, small columns sharing buffers of at most 16 MB.
 */
import { allocateColumns, columnView } from '../../../src/input/prices/sink';

test('columns are disjoint aligned views; small ones share buffers of at most 16 MB', () => {
  const codes = { base: 2, shift: 2 } as const;
  for (const rows of [1, 1826, 1 << 20, (3 << 20) + 7]) {
    const layouts = [null, codes, null, codes, codes, null, codes];
    const c = allocateColumns(layouts, rows, false);
    const views = [null, ...layouts].map((_, i) => columnView(c, i));
    views.forEach((v, i) => {
      expect(v.length).toBe(rows);
      expect(v).toBeInstanceOf(i > 0 && layouts[i - 1] !== null ? Int32Array : Float64Array);
      expect(v.byteOffset % v.BYTES_PER_ELEMENT).toBe(0);
      for (let j = 0; j < i; j++) {
        const w = views[j]!;
        const disjoint =
          v.buffer !== w.buffer ||
          v.byteOffset + v.byteLength <= w.byteOffset ||
          w.byteOffset + w.byteLength <= v.byteOffset;
        expect(disjoint).toBe(true);
      }
    });
    for (const b of c.buffers) {
      const own = views.filter((v) => v.buffer === b);
      if (own.length > 1) expect(b.byteLength).toBeLessThanOrEqual(16 << 20);
      expect(b.byteLength).toBe(own.reduce((n, v) => n + v.byteLength, 0));
    }
    // 1 M rows: the times and a doubles column, two doubles columns, four codes columns (16 MB
    // each); 3 M rows: every column over 8 MB, one buffer each
    expect(c.buffers.length).toBe(rows < 1 << 20 ? 1 : rows === 1 << 20 ? 3 : 8);
  }
});
