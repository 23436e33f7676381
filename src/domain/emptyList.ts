// An empty list of the array kind that lists of strings and objects have.
//
// V8 gives each array an "elements kind". An empty [] literal starts as a small-integer
// array and stays one while it is empty, so the engine's per-row lists would come in two
// kinds: the hot readers (the matcher's loops over every row's names, addresses and
// programmes) were optimised for one and deoptimised ('wrong map') on meeting the other.
// A one-element list emptied by slice keeps the general kind.

/** A new empty array of the general kind (see above); push onto it as onto []. */
export const emptyList = <T>(): T[] => ([null] as (T | null)[]).slice(1) as T[];
