// Packed lists must answer as plain arrays would, before and after edits.
import { describe, expect, it } from 'vitest';
import { IntLists } from '../../src/domain/engine/intLists';
import { mulberry32 } from './random';

function contents(lists: IntLists, k: number): number[] {
  const own = lists.ownArray(k);
  const read: number[] = [];
  if (own) read.push(...own);
  else for (let i = lists.from(k); i < lists.to(k); i++) read.push(lists.packedAt(i));
  expect(lists.size(k)).toBe(read.length);
  expect([...lists.values(k)]).toEqual(read);
  return read;
}

describe('IntLists', () => {
  it('keeps the same values as arrays through a load, pushes, removes and replacements', () => {
    const rnd = mulberry32(11);
    const int = (n: number) => Math.floor(rnd() * n);
    for (let round = 0; round < 20; round++) {
      const lists = new IntLists();
      const ref: number[][] = [];
      const count = 1 + int(40);
      for (let k = 0; k < count; k++) {
        expect(lists.add()).toBe(k);
        ref.push([]);
      }
      const n = int(200);
      const listOf = new Int32Array(n);
      const values = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        listOf[i] = int(count);
        values[i] = i;
        (ref[listOf[i] as number] as number[]).push(i);
      }
      lists.load(count, listOf, values, n);
      for (let k = 0; k < count; k++) expect(contents(lists, k)).toEqual(ref[k]);
      for (let step = 0; step < 300; step++) {
        const op = int(5);
        if (op === 0) {
          ref.push([]);
          expect(lists.add()).toBe(ref.length - 1);
          continue;
        }
        const k = int(ref.length);
        const mine = ref[k] as number[];
        const x = mine.length > 0 && rnd() < 0.7 ? (mine[int(mine.length)] as number) : 1000 + int(50);
        if (op === 1 || op === 2) {
          lists.push(k, x);
          mine.push(x);
        } else if (op === 3) {
          lists.remove(k, x);
          const i = mine.indexOf(x);
          if (i >= 0) {
            mine[i] = mine[mine.length - 1] as number;
            mine.pop();
          }
        } else {
          const next = Array.from({ length: int(4) }, () => int(100));
          lists.set(k, [...next]);
          ref[k] = next;
        }
        expect(lists.includes(k, x)).toBe((ref[k] as number[]).includes(x));
        expect(contents(lists, k)).toEqual(ref[k]);
      }
      expect(lists.count).toBe(ref.length);
      for (let k = 0; k < ref.length; k++) expect(contents(lists, k)).toEqual(ref[k]);
    }
  });
});
