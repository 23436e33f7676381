// Reasons in Bahasa Indonesia for a linked pair, built from its evidence:
// "NIK sama", "nama mirip 0,94 + tanggal lahir sama + RT/RW sama".
import type { Evidence, PairScore } from './compare';

/** 0.9432 → "0,94" (Indonesian decimal comma). */
export function formatSimilarity(sim: number): string {
  return (Math.floor(sim * 100) / 100).toFixed(2).replace('.', ',');
}

function positive(e: Evidence): string | null {
  switch (e.field) {
    case 'identity':
      return e.level === 'same' ? 'NIK sama' : e.level === 'oneDigit' ? 'NIK beda satu angka' : e.level === 'transposed' ? 'NIK dengan dua angka tertukar' : null;
    case 'name':
      if (e.level === 'same') return 'nama sama';
      return e.weight > 0 ? `nama mirip ${formatSimilarity(e.sim ?? 0)}` : null;
    case 'birth':
      return e.level === 'same'
        ? 'tanggal lahir sama'
        : e.level === 'swap'
          ? 'tanggal lahir sama (hari dan bulan tertukar)'
          : e.level === 'typo'
            ? 'tanggal lahir beda satu angka'
            : null;
    case 'address':
      if (e.weight <= 0.5) return null;
      return e.level === 'same' ? 'alamat sama' : `alamat mirip ${formatSimilarity(e.sim ?? 0)}`;
    case 'rtrw':
      return e.level === 'same' ? 'RT/RW sama' : null;
    case 'village':
      return e.level === 'same' ? 'kelurahan sama' : null;
    case 'birthPlace':
      return e.level === 'same' ? 'tempat lahir sama' : null;
    case 'noKk':
      return 'No KK sama';
    default:
      return null;
  }
}

function negative(e: Evidence): string | null {
  if (e.weight > -2) return null;
  switch (e.field) {
    case 'identity':
      return 'NIK berbeda';
    case 'name':
      return 'nama berbeda';
    case 'birth':
      return 'tanggal lahir berbeda';
    case 'sex':
      return 'jenis kelamin berbeda';
    case 'address':
      return 'alamat berbeda';
    case 'rtrw':
      return 'RT/RW berbeda';
    case 'birthPlace':
      return 'tempat lahir berbeda';
    default:
      return null;
  }
}

/** One readable line for a linked pair. */
export function pairReason(score: PairScore): string {
  const pos: string[] = [];
  const neg: string[] = [];
  const order = ['identity', 'name', 'birth', 'address', 'rtrw', 'village', 'district', 'birthPlace', 'sex', 'noKk'];
  const evidence = [...score.evidence].sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field));
  for (const e of evidence) {
    const p = positive(e);
    if (p) pos.push(p);
    else {
      const n = negative(e);
      if (n) neg.push(n);
    }
  }
  const main = pos.length > 0 ? pos.join(' + ') : 'data mirip';
  return neg.length > 0 ? `${main}, tetapi ${neg.join(', ')}` : main;
}
