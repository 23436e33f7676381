// Per source (sheet or file), the verdict on its NIK and No KK columns: was a
// trailing 0 typed (a real serial, one NIK in ten) or left by Excel (nearly
// every value ends in 0, or some are in scientific notation)? The counts are
// kept row by row, so the verdict is a function of the current rows only and
// an incremental engine reaches the same verdict as a full recompute.
import { idColumnVerdict, idValueKind, type IdColumnCounts, type IdColumnsVerdict, type IdValueKind } from '../nik';
import type { RecordRow } from '../schema';

export type IdTrust = IdColumnsVerdict;

const NOT_TRUSTED: IdTrust = { nik: 'unsure', no_kk: 'unsure' };

interface SourceCounts {
  nik: IdColumnCounts;
  no_kk: IdColumnCounts;
  /** Rows whose NIK or No KK is 16 digits ending in 0: the rows a verdict decides about. */
  zeroRows: Set<string>;
  trust: IdTrust;
}

function bump(c: IdColumnCounts, kind: IdValueKind, by: 1 | -1): void {
  // Every comparison and every store runs for every value (no if/else), so optimised code
  // has seen them all and does not deopt when a list's first damaged number arrives.
  const zero = kind === 'sixteen-zero';
  c.scientific += kind === 'scientific' ? by : 0;
  c.sixteenDigits += zero || kind === 'sixteen' ? by : 0;
  c.trailingZero += zero ? by : 0;
}

const kindOf = (raw: string | undefined): IdValueKind => (raw ? idValueKind(raw) : 'empty');

export class IdColumns {
  private readonly sources = new Map<string, SourceCounts>();

  /** The current verdict for a source's columns (untrusted until there is enough clean evidence). */
  trust(source: string): IdTrust {
    return this.sources.get(source)?.trust ?? NOT_TRUSTED;
  }

  /** Count a row in (by 1) or out (by -1). Returns its source. */
  count(row: RecordRow, by: 1 | -1): string {
    let s = this.sources.get(row.source);
    if (!s) {
      s = {
        nik: { sixteenDigits: 0, trailingZero: 0, scientific: 0 },
        no_kk: { sixteenDigits: 0, trailingZero: 0, scientific: 0 },
        zeroRows: new Set(),
        trust: NOT_TRUSTED,
      };
      this.sources.set(row.source, s);
    }
    const nik = kindOf(row.values.nik);
    const kk = kindOf(row.values.no_kk);
    bump(s.nik, nik, by);
    bump(s.no_kk, kk, by);
    if (nik === 'sixteen-zero' || kk === 'sixteen-zero') {
      if (by === 1) s.zeroRows.add(row.key);
      else s.zeroRows.delete(row.key);
    }
    return row.source;
  }

  /**
   * Re-judge the given sources. Returns the rows whose findings and features may
   * differ under the new verdict (those with a trailing 0 in a column whose verdict flipped).
   */
  rejudge(sources: Iterable<string>): string[] {
    const out: string[] = [];
    for (const source of sources) {
      const s = this.sources.get(source);
      if (!s) continue;
      const next: IdTrust = { nik: idColumnVerdict(s.nik), no_kk: idColumnVerdict(s.no_kk) };
      const flipped = next.nik !== s.trust.nik || next.no_kk !== s.trust.no_kk;
      s.trust = next;
      // One push per row: spreading a Set of 100k+ rows into push overflows the call stack.
      if (flipped) for (const key of s.zeroRows) out.push(key);
      if (s.nik.sixteenDigits === 0 && s.nik.scientific === 0 && s.no_kk.sixteenDigits === 0 && s.no_kk.scientific === 0 && s.zeroRows.size === 0) {
        this.sources.delete(source);
      }
    }
    return out;
  }
}
