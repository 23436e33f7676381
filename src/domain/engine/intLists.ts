// Lists of small non-negative integers by list id: the matcher's block → rows,
// term → rows and row → blocks. A bulk load (the full check) packs every list
// into one Int32Array: 100k rows make ~600k lists, most holding one value, and
// an array object per list cost ~100 MB and most of the garbage collector's
// copying. A list edited after the load moves into its own array.

/** What ownArray gives for an empty list that has no array of its own. */
const EMPTY: readonly number[] = Object.freeze([]);

// The bulk loads' passes are functions of their own, one loop each: V8 compiles each
// loop once (on-stack replacement), where a loop followed by code that had not run yet
// lost its optimised code there and was compiled again.

/** Start offsets of `lists` packed lists holding the values of listOf[0 .. n - 1] (counts, then running sums). */
function startsOf(lists: number, listOf: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const start = new Int32Array(lists + 1);
  countInto(start, listOf, n);
  sumInPlace(start);
  return start;
}

/** counts[k + 1] = how many of listOf[0 .. n - 1] are k. */
function countInto(counts: Int32Array, listOf: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) counts[(listOf[i] as number) + 1]++;
}

/** Running sums: a[k] becomes a[0] + ... + a[k]. */
function sumInPlace(a: Int32Array): void {
  for (let k = 1; k < a.length; k++) a[k] = (a[k] as number) + (a[k - 1] as number);
}

/** Value i goes to packed[fill[listOf[i]]++] (fill: each list's next free slot). */
function scatter(fill: Int32Array, listOf: Int32Array, values: Int32Array, n: number, packed: Int32Array): void {
  for (let i = 0; i < n; i++) packed[fill[listOf[i] as number]++] = values[i] as number;
}

/** Row r goes to packed[fill[k]++] for each list k it holds (see loadTransposed). */
function scatterRows(fill: Int32Array, rowStart: Int32Array, rowValues: Int32Array, rows: number, packed: Int32Array): void {
  for (let r = 0; r < rows; r++) {
    for (let i = rowStart[r] as number, end = rowStart[r + 1] as number; i < end; i++) packed[fill[rowValues[i] as number]++] = r;
  }
}

export class IntLists {
  /** List k's packed values are packed[start[k]] .. packed[start[k + 1] - 1] (k < packedLists). */
  private start: Int32Array<ArrayBuffer> = new Int32Array(1);
  private packed: Int32Array<ArrayBuffer> = new Int32Array(0);
  private packedLists = 0;
  private lists = 0;
  /**
   * Lists with an array of their own (edited, or created after the load). Any other
   * list is packed (k < packedLists) or empty. A map, not an array by list id: filling
   * an array with one slot per list cost ~15 ms per load for ~600k lists, nearly all packed.
   */
  private readonly own = new Map<number, number[]>();

  /** Number of lists (ids 0 .. count - 1). */
  get count(): number {
    return this.lists;
  }

  /** A new empty list; returns its id. */
  add(): number {
    return this.lists++;
  }

  /**
   * Replace everything with `lists` packed lists: value i belongs to list
   * listOf[i] (for i < n). Values keep their order within a list.
   */
  load(lists: number, listOf: Int32Array, values: Int32Array, n: number): void {
    const start = startsOf(lists, listOf, n);
    const packed = new Int32Array(n);
    scatter(start.slice(0, lists), listOf, values, n, packed);
    this.loadPacked(start, packed);
  }

  /**
   * Replace everything with `lists` packed lists that transpose the packed rows
   * (row r holds rowValues[rowStart[r]] .. rowValues[rowStart[r + 1] - 1]): list k
   * gets, in row order, each row that holds k. The same as load with one entry
   * (k, r) per value in row order, without building those entries.
   */
  loadTransposed(lists: number, rowStart: Int32Array, rowValues: Int32Array, rows: number): void {
    const n = rowStart[rows] as number;
    const start = startsOf(lists, rowValues, n);
    const packed = new Int32Array(n);
    scatterRows(start.slice(0, lists), rowStart, rowValues, rows, packed);
    this.loadPacked(start, packed);
  }

  /** Replace everything with lists already packed (see `start`/`packed`). */
  loadPacked(start: Int32Array<ArrayBuffer>, packed: Int32Array<ArrayBuffer>): void {
    this.start = start;
    this.packed = packed;
    this.packedLists = start.length - 1;
    this.lists = this.packedLists;
    this.own.clear();
  }

  /** List k's own array (undefined: none). The map is empty right after a load: no look-up then. */
  private ownOf(k: number): number[] | undefined {
    return this.own.size === 0 ? undefined : this.own.get(k);
  }

  size(k: number): number {
    const own = this.ownOf(k);
    if (own !== undefined) return own.length;
    return k < this.packedLists ? (this.start[k + 1] as number) - (this.start[k] as number) : 0;
  }

  /**
   * List k's own array, or undefined when it is packed (then read it with
   * from/to/packedAt: the hot loops do, without a copy).
   */
  ownArray(k: number): readonly number[] | undefined {
    const own = this.ownOf(k);
    if (own !== undefined) return own;
    return k < this.packedLists ? undefined : EMPTY;
  }

  from(k: number): number {
    return this.start[k] as number;
  }

  to(k: number): number {
    return this.start[k + 1] as number;
  }

  /** A copy of the packed lists' start offsets (list k starts at [k]). */
  starts(): Int32Array {
    return this.start.slice(0, this.packedLists);
  }

  packedAt(i: number): number {
    return this.packed[i] as number;
  }

  /** Call fn with each value of list k, in order (no copy). */
  forEach(k: number, fn: (x: number) => void): void {
    const own = this.ownArray(k);
    if (own !== undefined) {
      for (let i = 0; i < own.length; i++) fn(own[i] as number);
      return;
    }
    for (let i = this.start[k] as number, end = this.start[k + 1] as number; i < end; i++) fn(this.packed[i] as number);
  }

  /** List k as an array (its own one, or a copy of the packed values). */
  values(k: number): readonly number[] {
    const own = this.ownArray(k);
    if (own !== undefined) return own;
    return Array.from(this.packed.subarray(this.start[k] as number, this.start[k + 1] as number));
  }

  includes(k: number, x: number): boolean {
    const own = this.ownArray(k);
    if (own !== undefined) return own.includes(x);
    for (let i = this.start[k] as number, end = this.start[k + 1] as number; i < end; i++) if (this.packed[i] === x) return true;
    return false;
  }

  /** Append x to list k. */
  push(k: number, x: number): void {
    // An empty list gets a one-element literal: a pushed-into array reserves room for 17.
    if (this.size(k) === 0) this.own.set(k, [x]);
    else this.editable(k).push(x);
  }

  /** Remove one occurrence of x from list k (order is not kept). */
  remove(k: number, x: number): void {
    const own = this.editable(k);
    const i = own.indexOf(x);
    if (i < 0) return;
    own[i] = own[own.length - 1] as number;
    own.pop();
  }

  /** Make list k's values exactly `list` (the array is kept, not copied). */
  set(k: number, list: number[]): void {
    this.own.set(k, list);
  }

  private editable(k: number): number[] {
    let own = this.ownOf(k);
    if (own === undefined) {
      own = k < this.packedLists ? Array.from(this.packed.subarray(this.start[k] as number, this.start[k + 1] as number)) : [];
      this.own.set(k, own);
    }
    return own;
  }
}
