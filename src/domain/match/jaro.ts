// Jaro-Winkler similarity (0..1) of two short strings (name tokens, address
// tokens). Written for speed on tokens of a few characters: matched positions
// are bit sets in two integers, so a call on tokens of up to 30 characters
// allocates nothing (longer ones use two flag arrays).

/** Jaro similarity of a and b. */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (la <= 30 && lb <= 30) return jaroShort(a, b, la, lb, window);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ch = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === ch) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/**
 * jaro() for tokens of at most 30 characters: the same steps, flags in bit sets.
 * Gives 0 as soon as fewer than `fewest` matches remain possible.
 */
function jaroShort(a: string, b: string, la: number, lb: number, window: number, fewest = 0): number {
  let matchedA = 0;
  let matchedB = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const ch = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if ((matchedB & (1 << j)) === 0 && b.charCodeAt(j) === ch) {
        matchedA |= 1 << i;
        matchedB |= 1 << j;
        matches++;
        break;
      }
    }
    if (matches + la - 1 - i < fewest) return 0;
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if ((matchedA & (1 << i)) === 0) continue;
    while ((matchedB & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const m = matches;
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler's boost: 0.1 for each character of the common prefix, up to 4. */
function prefixBoost(a: string, b: string): number {
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return prefix * 0.1;
}

/** Jaro-Winkler: Jaro boosted by a common prefix of up to 4 characters (p = 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  return j + prefixBoost(a, b) * (1 - j);
}

/**
 * jaroWinkler(a, b) when it is at least `floor`, else some value below `floor`
 * (0): for a caller that drops every pair below a floor, whatever its similarity
 * (the token assignment). Most token pairs it compares are of different names
 * (99% below the floor on the 100k check), and the matching stops as soon as too
 * few characters are left to reach the floor.
 */
export function jaroWinklerAtLeast(a: string, b: string, floor: number): number {
  const la = a.length;
  const lb = b.length;
  if (a === b || la === 0 || lb === 0 || la > 30 || lb > 30) return jaroWinkler(a, b);
  // Jaro-Winkler is at most the Jaro bound with m matches and no transposition,
  // (m/la + m/lb + 1) / 3, boosted by the common prefix: the fewest matches that
  // can reach the floor, rounded down a little so no pair at the floor is lost.
  const boost = prefixBoost(a, b);
  const jaroNeeded = (floor - 1e-9 - boost) / (1 - boost);
  const fewest = Math.ceil(((3 * jaroNeeded - 1) * la * lb) / (la + lb) - 1e-6);
  if (Math.min(la, lb) < fewest) return 0;
  const j = jaroShort(a, b, la, lb, Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1), fewest);
  if (j <= 0.7) return j;
  return j + boost * (1 - j);
}
