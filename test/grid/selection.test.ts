import { describe, expect, it } from 'vitest';
import { advance, columnLetter, edgeTarget, moveBy, moveTo, rangeOf, remapSelection, single } from '../../src/app/grid/selection';

const D = { rows: 10, cols: 5 };

describe('selection model', () => {
  it('moves and clamps at the edges', () => {
    const s = single({ row: 0, col: 0 });
    expect(moveBy(s, -1, -1, false, D).focus).toEqual({ row: 0, col: 0 });
    expect(moveBy(s, 3, 2, false, D).focus).toEqual({ row: 3, col: 2 });
    expect(moveBy(single({ row: 9, col: 4 }), 5, 5, false, D).focus).toEqual({ row: 9, col: 4 });
  });

  it('extends a range with Shift and collapses without it', () => {
    const s = moveBy(moveBy(single({ row: 2, col: 1 }), 2, 0, true, D), 0, 2, true, D);
    expect(rangeOf(s)).toEqual({ top: 2, bottom: 4, left: 1, right: 3 });
    expect(moveBy(s, 1, 0, false, D)).toEqual(single({ row: 5, col: 3 }));
    // A range dragged up-left is normalised.
    expect(rangeOf(moveTo(single({ row: 5, col: 4 }), { row: 1, col: 0 }, true, D))).toEqual({ top: 1, bottom: 5, left: 0, right: 4 });
  });

  it('Ctrl+arrow jumps to the edge of the data like a spreadsheet', () => {
    // Column 0: rows 0-3 filled, 4-6 empty, 7-8 filled, 9 empty.
    const filled = (row: number) => row <= 3 || row === 7 || row === 8;
    const f = (row: number, _col: number) => filled(row);
    expect(edgeTarget({ row: 0, col: 0 }, 1, 0, D, f)).toEqual({ row: 3, col: 0 }); // end of the run
    expect(edgeTarget({ row: 3, col: 0 }, 1, 0, D, f)).toEqual({ row: 7, col: 0 }); // next filled cell
    expect(edgeTarget({ row: 8, col: 0 }, 1, 0, D, f)).toEqual({ row: 9, col: 0 }); // nothing further: the edge
    expect(edgeTarget({ row: 7, col: 0 }, -1, 0, D, f)).toEqual({ row: 3, col: 0 });
    expect(edgeTarget({ row: 0, col: 0 }, -1, 0, D, f)).toEqual({ row: 0, col: 0 });
  });

  it('Tab wraps to the next row, Enter moves down, Shift goes back', () => {
    expect(advance(single({ row: 0, col: 3 }), 'tab', false, D).focus).toEqual({ row: 0, col: 4 });
    expect(advance(single({ row: 0, col: 4 }), 'tab', false, D).focus).toEqual({ row: 1, col: 0 });
    expect(advance(single({ row: 1, col: 0 }), 'tab', true, D).focus).toEqual({ row: 0, col: 4 });
    expect(advance(single({ row: 0, col: 0 }), 'tab', true, D).focus).toEqual({ row: 0, col: 0 });
    expect(advance(single({ row: 2, col: 2 }), 'enter', false, D).focus).toEqual({ row: 3, col: 2 });
    expect(advance(single({ row: 2, col: 2 }), 'enter', true, D).focus).toEqual({ row: 1, col: 2 });
    expect(advance(single({ row: 9, col: 2 }), 'enter', false, D).focus).toEqual({ row: 9, col: 2 });
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('follows the selected row when rows are inserted above it', () => {
    const before = ['a', 'b', 'c'];
    const after = ['x', 'a', 'b', 'c'];
    const idx = new Map(after.map((id, i) => [id, i]));
    const s = remapSelection(single({ row: 1, col: 2 }), before, (id) => idx.get(id), { rows: 5, cols: 5 });
    expect(s.focus).toEqual({ row: 2, col: 2 });
    // A deleted row keeps the position (clamped).
    const gone = remapSelection(single({ row: 2, col: 0 }), before, (id) => (id === 'c' ? undefined : idx.get(id)), { rows: 2, cols: 5 });
    expect(gone.focus).toEqual({ row: 1, col: 0 });
  });
});
