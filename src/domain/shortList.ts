// Lists that mostly hold one to three entries and live as long as a row (a row's
// findings, peers, the rows on its No KK): [] and a push, or a push onto a short
// literal, reserve 16 more slots, tens of thousands of times over a load.

/**
 * `list` with `x` added: a new list at its length while it would hold at most three,
 * else `list` itself, pushed onto. Keep the list returned.
 */
export function withItem<T>(list: T[] | undefined, x: T): T[] {
  if (!list) return [x];
  if (list.length === 1) return [list[0] as T, x];
  if (list.length === 2) return [list[0] as T, list[1] as T, x];
  list.push(x);
  return list;
}
