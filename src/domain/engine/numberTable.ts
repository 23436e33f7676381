// A map from non-negative integer keys below 2^53 (hashed blocking keys) to
// non-negative int32 ids, as open addressing over typed arrays. A Map with such
// keys boxes and hashes each double: with ~900k blocking keys in the 100k full
// check, its gets and sets took ~0.5 s. Entries are only added, never removed
// (block ids are never reused).

const EMPTY = -1;
const TWO_32 = 4294967296;

export class NumberTable {
  private keys: Float64Array<ArrayBuffer>;
  private values: Int32Array<ArrayBuffer>;
  private mask: number;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Mix both 32-bit halves of the key into a slot number. */
  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / TWO_32) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The id of `key`, or -1. */
  get(key: number): number {
    let i = this.slot(key);
    for (;;) {
      const v = this.values[i] as number;
      if (v === EMPTY) return EMPTY;
      if (this.keys[i] === key) return v;
      i = (i + 1) & this.mask;
    }
  }

  /** Set the id of a key not in the table yet. */
  add(key: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.rehash();
    let i = this.slot(key);
    while (this.values[i] !== EMPTY) i = (i + 1) & this.mask;
    this.keys[i] = key;
    this.values[i] = value;
    this.count++;
  }

  private rehash(): void {
    const keys = this.keys;
    const values = this.values;
    const size = values.length * 2;
    this.keys = new Float64Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === EMPTY) continue;
      let j = this.slot(keys[i] as number);
      while (this.values[j] !== EMPTY) j = (j + 1) & this.mask;
      this.keys[j] = keys[i] as number;
      this.values[j] = v;
    }
  }
}
