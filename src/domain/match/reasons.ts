// Reasons for a linked pair, built from its evidence, in Bahasa Indonesia (and English):
// "NIK sama", "nama mirip 0,94 + tanggal lahir sama + RT/RW sama".
import type { Evidence, Field, Level, PairScore } from './compare';

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
    otherSex: 'NIK dan jenis kelamin menunjukkan dua orang', twins: 'NIK hanya beda nomor urut dalam satu KK (saudara kembar)',
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
    otherSex: 'NIK and sex show two people', twins: 'NIKs differ only in the serial within one family card (twins)',
  },
} as const;

type Words = (typeof WORDS)[Lang];

/**
 * The reasons that are one phrase for a field at a level, as tables rather than branches:
 * a rare level (a transposed NIK, a different sex) met only after pairReason is optimised
 * would deoptimise it.
 */
interface Phrases {
  /** Positive, by field then level (name, address and noKk are worded in positive() itself). */
  positive: ReadonlyMap<Field, ReadonlyMap<Level, string>>;
  /** Negative, by field (for evidence weighing -2 bits or less). */
  negative: ReadonlyMap<Field, string>;
}

function phrases(w: Words): Phrases {
  return {
    positive: new Map<Field, ReadonlyMap<Level, string>>([
      ['identity', new Map<Level, string>([['same', w.identitySame], ['oneDigit', w.identityOneDigit], ['transposed', w.identityTransposed]])],
      ['birth', new Map<Level, string>([['same', w.birthSame], ['swap', w.birthSwap], ['typo', w.birthTypo]])],
      ['rtrw', new Map<Level, string>([['same', w.rtrwSame]])],
      ['village', new Map<Level, string>([['same', w.villageSame]])],
      ['birthPlace', new Map<Level, string>([['same', w.birthPlaceSame]])],
    ]),
    negative: new Map<Field, string>([
      ['identity', w.identityDiffers], ['name', w.nameDiffers], ['birth', w.birthDiffers], ['sex', w.sexDiffers],
      ['address', w.addressDiffers], ['rtrw', w.rtrwDiffers], ['birthPlace', w.birthPlaceDiffers],
    ]),
  };
}

const PHRASES: Readonly<Record<Lang, Phrases>> = { id: phrases(WORDS.id), en: phrases(WORDS.en) };

function positive(e: Evidence, lang: Lang): string | null {
  const w = WORDS[lang];
  if (e.field === 'name') {
    if (e.level === 'same') return w.nameSame;
    return e.weight > 0 ? `${w.nameSimilar} ${formatSimilarity(e.sim ?? 0, lang)}` : null;
  }
  if (e.field === 'address') {
    if (e.weight <= 0.5) return null;
    return e.level === 'same' ? w.addressSame : `${w.addressSimilar} ${formatSimilarity(e.sim ?? 0, lang)}`;
  }
  if (e.field === 'noKk') return w.noKkSame;
  return PHRASES[lang].positive.get(e.field)?.get(e.level) ?? null;
}

function negative(e: Evidence, lang: Lang): string | null {
  if (e.field === 'twoPeople') return e.level === 'twins' ? WORDS[lang].twins : WORDS[lang].otherSex;
  // 'household' is no evidence of its own (a family's fields counted once): not worded.
  return e.weight > -2 ? null : PHRASES[lang].negative.get(e.field) ?? null;
}

/**
 * The order reasons are listed in; fields not named here last: the household correction
 * (not worded) and the signs of two people (only in explanations: such pairs never link).
 */
const ORDER: readonly string[] = ['identity', 'name', 'birth', 'address', 'rtrw', 'village', 'district', 'birthPlace', 'sex', 'noKk'];

/** The phrases of a pair's reason line, gathered in ORDER (see pairReason). */
class ReasonParts {
  /** Sized for every piece of evidence (a push onto [] reserved 17 slots); trimmed to `count`. */
  readonly pos: string[];
  count = 0;
  neg: string[] | null = null;

  constructor(
    private readonly lang: Lang,
    evidence: number,
  ) {
    this.pos = new Array<string>(evidence);
  }

  take(e: Evidence): void {
    const p = positive(e, this.lang);
    if (p) this.pos[this.count++] = p;
    else {
      const n = negative(e, this.lang);
      if (n) (this.neg ??= []).push(n);
    }
  }
}

/**
 * One readable line for a linked pair. The evidence is read field by field in ORDER
 * (stable: a field's evidence in list order), not copied and sorted: this runs for
 * every link of every group and relation, and the copies were most of its garbage.
 */
export function pairReason(score: PairScore, lang: Lang = 'id'): string {
  const evidence = score.evidence;
  const parts = new ReasonParts(lang, evidence.length);
  for (let o = 0; o < ORDER.length; o++) {
    const field = ORDER[o];
    for (let i = 0; i < evidence.length; i++) {
      const e = evidence[i] as Evidence;
      if (e.field === field) parts.take(e);
    }
  }
  for (let i = 0; i < evidence.length; i++) {
    const e = evidence[i] as Evidence;
    if (!ORDER.includes(e.field)) parts.take(e);
  }
  parts.pos.length = parts.count;
  const main = parts.count > 0 ? parts.pos.join(' + ') : WORDS[lang].similarData;
  return parts.neg !== null ? `${main}, ${WORDS[lang].but} ${parts.neg.join(', ')}` : main;
}
