// The repeating pieces of the 'program-overlap' sentences (see relations.ts), kept by
// OverlapMemo so they live as long as the overlap matrix they were built under.

export const ALSO_ID = 'Juga terdaftar di program ';
export const ALSO_EN = 'Also registered in programme ';
export const NOT_WITH = ' tidak boleh diterima bersamaan dengan ';

export interface Texts {
  id: string;
  en: string;
}

/**
 * The pieces of the 'program-overlap' sentences that repeat from row to row (a handful of
 * programs and sources), each built once: a sentence is then joined from four or five parts
 * instead of eight to twelve, and each part is a slot in the list and in join's buffer.
 */
export class OverlapTexts {
  private readonly leads = new Map<string, Texts>();
  private readonly places = new Map<string, Texts>();
  private readonly tails = new Map<string, Map<string, string>>();

  /** What comes before the places of program `b`: "Juga terdaftar di program <b> (". */
  lead(b: string): Texts {
    let t = this.leads.get(b);
    if (!t) this.leads.set(b, (t = { id: [ALSO_ID, b, ' ('].join(''), en: [ALSO_EN, b, ' ('].join('') }));
    return t;
  }

  /** What comes before a row's position in `source`: "<source> baris ". */
  place(source: string): Texts {
    let t = this.places.get(source);
    if (!t) this.places.set(source, (t = { id: [source, ' baris '].join(''), en: [source, ' row '].join('') }));
    return t;
  }

  /** What follows the places in Indonesian: "); <a> tidak boleh diterima bersamaan dengan <b>.". */
  tail(a: string, b: string): string {
    let mine = this.tails.get(a);
    if (!mine) this.tails.set(a, (mine = new Map()));
    let t = mine.get(b);
    if (t === undefined) mine.set(b, (t = ['); ', a, NOT_WITH, b, '.'].join('')));
    return t;
  }
}
