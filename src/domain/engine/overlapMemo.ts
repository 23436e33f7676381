// mayOverlap remembered per pair of programs: the check builds an "a|b" string on every
// call, and the findings ask it for every peer of every row (a handful of programs, so
// a handful of entries). Also the pieces of the overlap sentences, built once.
import { mayOverlap, type CompiledOverlap } from '../overlap';
import { OverlapTexts } from './overlapTexts';

export class OverlapMemo {
  private readonly known = new Map<string, Map<string, boolean>>();
  /** The overlap sentences' repeating pieces: kept here, as the engine keeps this memo from check to check. */
  readonly texts = new OverlapTexts();

  constructor(readonly overlap: CompiledOverlap) {}

  /** mayOverlap(overlap, a, b). */
  may(a: string, b: string): boolean {
    if (a === b) return true;
    let mine = this.known.get(a);
    if (!mine) this.known.set(a, (mine = new Map()));
    let verdict = mine.get(b);
    if (verdict === undefined) mine.set(b, (verdict = mayOverlap(this.overlap, a, b)));
    return verdict;
  }

  /** Whether some program of `mine` may not go with some program of `theirs`. */
  clash(mine: readonly string[], theirs: readonly string[]): boolean {
    // Index loops: a for-of makes an iterator per loop until this is optimised (every peer of every row).
    for (let i = 0; i < mine.length; i++) {
      for (let j = 0; j < theirs.length; j++) if (!this.may(mine[i] as string, theirs[j] as string)) return true;
    }
    return false;
  }
}
