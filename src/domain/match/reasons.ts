// Reasons for a linked pair, built from its evidence, in Bahasa Indonesia (and English):
// "NIK sama", "nama mirip 0,94 + tanggal lahir sama + RT/RW sama".
import type { Evidence, PairScore } from './compare';
import { sortSmall } from '../smallSort';

/** 0.9432 → "0,94" (Indonesian decimal comma); "0.94" in English. */
export function formatSimilarity(sim: number, lang: 'id' | 'en' = 'id'): string {
  const text = (Math.floor(sim * 100) / 100).toFixed(2);
  return lang === 'id' ? text.replace('.', ',') : text;
}

type Lang = 'id' | 'en';

/** The words of each reason, in Bahasa Indonesia and English. */
const WORDS = {
  id: {
    identitySame: 'NIK sama', identityOneDigit: 'NIK beda satu angka', identityTransposed: 'NIK dengan dua angka tertukar',
    nameSame: 'nama sama', nameSimilar: 'nama mirip', birthSame: 'tanggal lahir sama',
    birthSwap: 'tanggal lahir sama (hari dan bulan tertukar)', birthTypo: 'tanggal lahir beda satu angka',
    addressSame: 'alamat sama', addressSimilar: 'alamat mirip', rtrwSame: 'RT/RW sama', villageSame: 'kelurahan sama',
    birthPlaceSame: 'tempat lahir sama', noKkSame: 'No KK sama',
    identityDiffers: 'NIK berbeda', nameDiffers: 'nama berbeda', birthDiffers: 'tanggal lahir berbeda', sexDiffers: 'jenis kelamin berbeda',
    addressDiffers: 'alamat berbeda', rtrwDiffers: 'RT/RW berbeda', birthPlaceDiffers: 'tempat lahir berbeda',
    similarData: 'data mirip', but: 'tetapi',
  },
  en: {
    identitySame: 'same NIK', identityOneDigit: 'NIK one digit apart', identityTransposed: 'NIK with two digits swapped',
    nameSame: 'same name', nameSimilar: 'similar name', birthSame: 'same date of birth',
    birthSwap: 'same date of birth (day and month swapped)', birthTypo: 'date of birth one digit apart',
    addressSame: 'same address', addressSimilar: 'similar address', rtrwSame: 'same RT/RW', villageSame: 'same village',
    birthPlaceSame: 'same place of birth', noKkSame: 'same family card number',
    identityDiffers: 'different NIK', nameDiffers: 'different name', birthDiffers: 'different date of birth', sexDiffers: 'different sex',
    addressDiffers: 'different address', rtrwDiffers: 'different RT/RW', birthPlaceDiffers: 'different place of birth',
    similarData: 'similar data', but: 'but',
  },
} as const;

function positive(e: Evidence, lang: Lang): string | null {
  const w = WORDS[lang];
  switch (e.field) {
    case 'identity':
      return e.level === 'same' ? w.identitySame : e.level === 'oneDigit' ? w.identityOneDigit : e.level === 'transposed' ? w.identityTransposed : null;
    case 'name':
      if (e.level === 'same') return w.nameSame;
      return e.weight > 0 ? `${w.nameSimilar} ${formatSimilarity(e.sim ?? 0, lang)}` : null;
    case 'birth':
      return e.level === 'same' ? w.birthSame : e.level === 'swap' ? w.birthSwap : e.level === 'typo' ? w.birthTypo : null;
    case 'address':
      if (e.weight <= 0.5) return null;
      return e.level === 'same' ? w.addressSame : `${w.addressSimilar} ${formatSimilarity(e.sim ?? 0, lang)}`;
    case 'rtrw':
      return e.level === 'same' ? w.rtrwSame : null;
    case 'village':
      return e.level === 'same' ? w.villageSame : null;
    case 'birthPlace':
      return e.level === 'same' ? w.birthPlaceSame : null;
    case 'noKk':
      return w.noKkSame;
    default:
      return null;
  }
}

function negative(e: Evidence, lang: Lang): string | null {
  if (e.weight > -2) return null;
  const w = WORDS[lang];
  switch (e.field) {
    case 'identity':
      return w.identityDiffers;
    case 'name':
      return w.nameDiffers;
    case 'birth':
      return w.birthDiffers;
    case 'sex':
      return w.sexDiffers;
    case 'address':
      return w.addressDiffers;
    case 'rtrw':
      return w.rtrwDiffers;
    case 'birthPlace':
      return w.birthPlaceDiffers;
    default:
      return null;
  }
}

/** The order reasons are listed in (fields not named here first). */
const ORDER: readonly string[] = ['identity', 'name', 'birth', 'address', 'rtrw', 'village', 'district', 'birthPlace', 'sex', 'noKk'];

/** `list` in ORDER, stably (evidence lists are short, and this runs per group link). */
function inOrder(list: readonly Evidence[]): Evidence[] {
  return sortSmall(list.slice(), (x, y) => ORDER.indexOf(x.field) - ORDER.indexOf(y.field));
}

/** One readable line for a linked pair. */
export function pairReason(score: PairScore, lang: Lang = 'id'): string {
  const pos: string[] = [];
  const neg: string[] = [];
  for (const e of inOrder(score.evidence)) {
    const p = positive(e, lang);
    if (p) pos.push(p);
    else {
      const n = negative(e, lang);
      if (n) neg.push(n);
    }
  }
  const main = pos.length > 0 ? pos.join(' + ') : WORDS[lang].similarData;
  return neg.length > 0 ? `${main}, ${WORDS[lang].but} ${neg.join(', ')}` : main;
}
