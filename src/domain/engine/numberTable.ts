// A map from non-negative integer keys below 2^53 (hashed blocking keys) to
// non-negative int32 ids, as open addressing over typed arrays. A Map with such
// keys boxes and hashes each double: with ~900k blocking keys in the 100k full
// check, its gets and sets took ~0.5 s. Entries are only added, never removed
// (block ids are never reused).
//
// Each slot is a key and its id + 1 side by side in one Float64Array (0: empty
// slot), so a probe reads one cache line: most keys are met once (identity
// numbers), and with keys and ids in two arrays each probe missed the cache twice.

const TWO_32 = 4294967296;

export class NumberTable {
  /** Slot i: key at [2i], id + 1 at [2i + 1] (0 when the slot is empty). */
  private slots: Float64Array<ArrayBuffer>;
  private mask: number;
  private count = 0;
  /** What warm read: kept (not private, never read) so the reads are not optimised away. */
  warmSum = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Float64Array(size * 2);
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
    const slots = this.slots;
    let i = this.slot(key);
    for (;;) {
      const v = slots[2 * i + 1] as number;
      if (v === 0) return -1;
      if (slots[2 * i] === key) return v - 1;
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Read the first slot of each of keys[0 .. n - 1], so the gets that follow find
   * them in the cache: the table is large (16 MB on 100k rows) and its slots are
   * random, and these loads overlap where one get after another waits on each miss.
   */
  warm(keys: Float64Array, n: number): void {
    const slots = this.slots;
    let sum = 0;
    // XOR keeps the sum a small integer (the ids are), as warmSum starts: no shape change.
    for (let k = 0; k < n; k++) sum ^= slots[2 * this.slot(keys[k] as number) + 1] as number;
    this.warmSum = sum;
  }

  /**
   * The id of `key`, giving it `id` when it is not in the table yet: one probe, where
   * get then add probed twice for each new key (~290k of the ~900k keys of 100k rows are new).
   */
  idOrAdd(key: number, id: number): number {
    if ((this.count + 1) * 4 > this.slots.length) this.rehash();
    const slots = this.slots;
    // From the slot before the key's own, as in put.
    let i = this.slot(key) - 1;
    let stored: number;
    do {
      i = (i + 1) & this.mask;
      stored = slots[2 * i + 1] as number;
    } while (stored !== 0 && slots[2 * i] !== key);
    if (stored !== 0) return stored - 1;
    slots[2 * i] = key;
    slots[2 * i + 1] = id + 1;
    this.count++;
    return id;
  }

  /** Set the id of a key not in the table yet. */
  add(key: number, value: number): void {
    if ((this.count + 1) * 4 > this.slots.length) this.rehash();
    this.put(key, value + 1);
    this.count++;
  }

  /** Write a key and its stored value (id + 1) into the first free slot of its run. */
  private put(key: number, stored: number): void {
    const slots = this.slots;
    // The step to the next slot runs for every key, the first time too (from the slot before
    // the key's own): collisions are rare while the table is nearly empty, and a step first
    // taken after V8 optimised the loading loop sent it back to be compiled again.
    let i = this.slot(key) - 1;
    do {
      i = (i + 1) & this.mask;
    } while (slots[2 * i + 1] !== 0);
    slots[2 * i] = key;
    slots[2 * i + 1] = stored;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      const stored = old[i + 1] as number;
      if (stored !== 0) this.put(old[i] as number, stored);
    }
  }
}
