// Indonesian personal names, normalised for matching: the same person written
// 'H. Moch. Chairoel Anwar, S.Pd.' and 'Muhammad Khairul Anwar' must compare
// equal. The result is lowercase ASCII letters and digits in single-spaced
// tokens; normalizeName(normalizeName(x)) === normalizeName(x).
import { emptyList } from './emptyList';

/** Honorifics, religious and address titles: dropped when written with a dot, or when leading. */
const TITLES: ReadonlySet<string> = new Set([
  'h', 'hj', 'hajjah', 'hajah', 'haji', 'kh', 'dr', 'drs', 'dra', 'drg', 'ir', 'prof', 'ust', 'ustadz', 'ustad',
  'ustadzah', 'bpk', 'bp', 'bapak', 'pak', 'ibu', 'bu', 'mbah', 'ny', 'nyonya', 'tn', 'tuan', 'sdr', 'sdri', 'alm', 'almh',
  'almarhum', 'almarhumah', 'nn', 'nona',
]);

/** Academic degrees as written after a name ('S.Pd.', 'SE', 'A.Md.Keb'), compared without dots. */
const DEGREES: ReadonlySet<string> = new Set([
  'spd', 'spdi', 'spdsd', 'se', 'sh', 'shi', 'st', 'skom', 'ssos', 'sag', 'sip', 'skep', 'sked', 'sfarm',
  'shut', 'spt', 'sp', 'ssi', 'ss', 'sthi', 'sth', 'sak', 'sgz', 'skm', 'spsi', 'sds', 'ssn', 'sstat', 'spi',
  'sei', 'sikom', 'stp', 'sos', 'ak', 'ns', 'apt', 'bsc', 'msc', 'mba', 'phd', 'lc', 'mpd', 'mpdi', 'msi',
  'mm', 'mh', 'mt', 'mkom', 'mag', 'mkes', 'mhum', 'mak', 'me', 'mp', 'mkn', 'msos', 'amd', 'amdkeb',
  'amdkep', 'amdkes', 'amdgz', 'amdfarm', 'amdak', 'amdpar', 'ba', 'ma', 'sstp', 'ip', 'mip', 'map',
]);

/** Whole-token spellings of the same name. Keys are compared after old-spelling conversion too. */
const CANONICAL: ReadonlyMap<string, string> = new Map(Object.entries({
  m: 'muhammad', mhd: 'muhammad', muhd: 'muhammad', mhmd: 'muhammad', muh: 'muhammad', moh: 'muhammad', mohd: 'muhammad',
  moch: 'muhammad', mokh: 'muhammad', mochd: 'muhammad', mokhd: 'muhammad', much: 'muhammad', mukh: 'muhammad',
  mochammad: 'muhammad', mokhammad: 'muhammad', mochamad: 'muhammad', mokhamad: 'muhammad',
  mohammad: 'muhammad', mohamad: 'muhammad', mohamed: 'muhammad', mohammed: 'muhammad', muhamad: 'muhammad',
  muhammat: 'muhammad', muhamat: 'muhammad', mukhammad: 'muhammad', mukhamad: 'muhammad', muchammad: 'muhammad',
  muchamad: 'muhammad', mochamat: 'muhammad', mokhamat: 'muhammad', muhammed: 'muhammad', muhamed: 'muhammad',
  st: 'siti', sitti: 'siti',
  abd: 'abdul', abdoel: 'abdul', abdl: 'abdul',
  achmad: 'ahmad', akhmad: 'ahmad', ahmat: 'ahmad', achmat: 'ahmad', akhmat: 'ahmad', ahmed: 'ahmad',
  noor: 'nur', nor: 'nur',
}));

/** Connectors dropped between name parts ('Ahmad bin Yusuf'). */
const CONNECTORS: ReadonlySet<string> = new Set(['bin', 'binti', 'bt', 'bte']);

const OLD_SPELLING = /oe|dj|tj|sj|nj|ch/;

/** Dutch-era spelling → EYD, applied until stable (so 'sdj' → 'sj' → 'sy'). */
function modernSpelling(token: string): string {
  let t = token;
  for (let i = 0; i < 8 && OLD_SPELLING.test(t); i++) {
    t = t
      .replace(/oe/g, 'u')
      .replace(/dj/g, 'j')
      .replace(/tj/g, 'c')
      .replace(/sj/g, 'sy')
      .replace(/nj/g, 'ny')
      .replace(/ch/g, 'kh');
  }
  return t;
}

function canonical(token: string): string {
  const direct = CANONICAL.get(token);
  if (direct) return direct;
  const modern = modernSpelling(token);
  return CANONICAL.get(modern) ?? modern;
}

interface RawToken {
  text: string;
  /** Written with a dot after it ('H.', 'M.'): an abbreviation or title, not a name. */
  dotted: boolean;
  /** A dotted degree such as 'S.Pd.' or 'A.Md.Keb': dropped wherever it stands. */
  degree: boolean;
}

/** Degrees that are also plausible name tokens: stripped only when written with dots. */
const AMBIGUOUS_DEGREES: ReadonlySet<string> = new Set(['ma', 'ba', 'me', 'mp', 'ip', 'ns', 'ss', 'sp', 'sos', 'ak', 'map', 'apt', 'mt', 'lc']);

const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Letters in words with single spaces ('Siti Aminah'): most names, whose tokens are just the words. */
const PLAIN_WORDS = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

function rawTokens(raw: string): RawToken[] {
  // What the general path below gives such a name, without its regular expressions.
  if (PLAIN_WORDS.test(raw)) {
    const tokens: RawToken[] = [];
    const words = raw.toLowerCase().split(' ');
    // Index loops here and below: for-of makes an iterator per call until optimised.
    for (let i = 0; i < words.length; i++) tokens.push({ text: words[i] as string, dotted: false, degree: false });
    return tokens;
  }
  // Diacritics off ('José' → 'jose'); skipped for plain ASCII, the usual case.
  const ascii = PLAIN_ASCII.test(raw) ? raw : raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // Apostrophes inside a name join its parts: Ma'ruf → maruf.
  const lower = ascii.toLowerCase().replace(/([a-z])['`‘’]([a-z])/g, '$1$2');
  // Degrees come after a comma: 'Siti Aminah, S.Pd., M.M.' — drop degree-only parts.
  let text = lower;
  if (lower.includes(',')) {
    const parts = lower.split(',');
    const kept = [parts[0] ?? ''];
    for (const part of parts.slice(1)) {
      const words = part.split(/[^a-z0-9]+/).filter(Boolean);
      const isDegree = words.length === 0 || words.every((w) => DEGREES.has(w) || w.length <= 3);
      if (!isDegree) kept.push(part);
    }
    text = kept.join(' ');
  }
  const tokens: RawToken[] = [];
  const chunks = text.split(/[^a-z0-9.]+/);
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c] as string;
    if (!chunk) continue;
    if (!chunk.includes('.')) {
      tokens.push({ text: chunk, dotted: false, degree: false });
      continue;
    }
    const compact = chunk.replace(/[^a-z0-9]/g, '');
    // 'S.Pd.', 'A.Md.Keb' (degrees) and 'K.H.' (titles) are one dotted token.
    if (/^[a-z]+(\.[a-z]+)+\.?$/.test(chunk) && (DEGREES.has(compact) || TITLES.has(compact))) {
      tokens.push({ text: compact, dotted: true, degree: DEGREES.has(compact) });
      continue;
    }
    const pieces = chunk.split('.');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (piece) tokens.push({ text: piece, dotted: i < pieces.length - 1, degree: false });
    }
  }
  return tokens;
}

function isTrailingDegree(t: RawToken): boolean {
  return t.degree || (DEGREES.has(t.text) && (t.dotted || !AMBIGUOUS_DEGREES.has(t.text)));
}

function normalizeOnce(raw: string): string[] {
  const tokens = rawTokens(raw);
  // Leading titles ('H.', 'Hj', 'Drs.') go, keeping at least one token.
  let start = 0;
  while (tokens.length - start > 1 && TITLES.has((tokens[start] as RawToken).text)) start++;
  // Trailing degrees ('SE', 'S.Pd') go, keeping at least one token.
  let end = tokens.length;
  while (end - start > 1 && isTrailingDegree(tokens[end - 1] as RawToken)) end--;
  // A loop and push, not filter and map: map's array is packed from the interpreter but
  // holey from optimised code, and readers of the two kinds deopt on the other ('wrong map').
  const n = end - start;
  // emptyList, not []: a name with no letters left is then the same kind of array as any other.
  const out = emptyList<string>();
  for (let i = start; i < end; i++) {
    const t = tokens[i] as RawToken;
    const at = i - start;
    if (n > 1 && ((t.dotted && TITLES.has(t.text)) || t.degree || (CONNECTORS.has(t.text) && at > 0 && at < n - 1))) continue;
    // A bare 'm' is Muhammad when it leads or carries a dot; elsewhere it is an initial.
    out.push(t.text === 'm' && out.length > 0 && !t.dotted ? 'm' : canonical(t.text));
  }
  return out;
}

/**
 * Whether normalizeOnce would leave these (already clean) tokens unchanged: the
 * same rules as above, for tokens with no dots. Cheaper than a second pass.
 */
function isStable(tokens: string[]): boolean {
  const n = tokens.length;
  if (n > 1) {
    if (TITLES.has(tokens[0] as string)) return false;
    const last = tokens[n - 1] as string;
    if (DEGREES.has(last) && !AMBIGUOUS_DEGREES.has(last)) return false;
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string;
    if (n > 1 && i > 0 && i < n - 1 && CONNECTORS.has(t)) return false;
    if (!(t === 'm' && i > 0) && canonical(t) !== t) return false;
  }
  return true;
}

/**
 * 'H. Moch. Chairoel Anwar, S.Pd.' → 'muhammad khairul anwar'. Lowercase,
 * punctuation removed, titles and degrees dropped, old spelling modernised,
 * abbreviations expanded. Applied until stable so that it is idempotent.
 */
export function normalizeName(raw: string): string {
  if (typeof raw !== 'string') return '';
  return normalizedTokens(raw).join(' ');
}

/** normalizeName's tokens (never empty, never with a space): the same as splitting its result. */
export function nameTokens(raw: string): string[] {
  return typeof raw === 'string' ? normalizedTokens(raw) : emptyList<string>();
}

function normalizedTokens(raw: string): string[] {
  // Most names are plain words that need no change ('Siti Aminah'). For such words
  // normalizeOnce gives back the lowercase words (isStable tests what normalizeOnce would
  // change), so they are the answer, without its token objects and lists (garbage for
  // every distinct name).
  if (PLAIN_WORDS.test(raw)) {
    const words = raw.toLowerCase().split(' ');
    if (isStable(words)) return words;
  }
  let tokens = normalizeOnce(raw);
  for (let i = 0; i < 4 && !isStable(tokens); i++) tokens = normalizeOnce(tokens.join(' '));
  // A copy of exactly its length: push reserved spare slots, and callers keep these arrays.
  return tokens.slice();
}

/**
 * A coarser key per normalised token, for blocking and fuzzy comparison only:
 * Javanese/Arabic digraphs simplified ('dh' → 'd', 'th' → 't', 'kh' → 'k'),
 * doubled letters single ('muhammad' → 'muhamad'), a final 'h' after three
 * letters dropped ('fatimah' → 'fatima').
 */
export function phoneticToken(token: string): string {
  // One pass instead of six regular expressions: this runs for every token of every row.
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const c = token[i] as string;
    const next = token[i + 1];
    let emit = c;
    if (next === 'h' && (c === 'd' || c === 't' || c === 'k')) i++;
    else if (c === 'p' && next === 'h') {
      emit = 'f';
      i++;
    }
    if (emit === out[out.length - 1] && emit >= 'a' && emit <= 'z') continue;
    out += emit;
  }
  const n = out.length;
  if (n >= 4 && out[n - 1] === 'h' && /^[a-z]{3}$/.test(out.slice(n - 4, n - 1))) return out.slice(0, n - 1);
  return out;
}
