// FEBRL benchmark data (../shared/data/febrl relative to the repository) and
// pairwise precision / recall / F1 of duplicate groups against its ground truth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRows } from '../server/cli/check';
import type { DuplicateGroup } from '../src/domain/findings';
import type { ColumnRole, RecordRow } from '../src/domain/schema';

/** The one column mapping FEBRL needs (its headers are not Indonesian). */
export const FEBRL_MAP = new Map([
  ['nik', ['soc_sec_id']],
  ['nama', ['given_name', 'surname']],
  ['tanggal_lahir', ['date_of_birth']],
  ['alamat', ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'state']],
] as const);

/** Where the FEBRL files are: $SELARAS_FEBRL, else ../shared/data/febrl beside the repository. */
export function febrlDir(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const candidates = [process.env.SELARAS_FEBRL, resolve(repo, '../shared/data/febrl'), resolve(process.cwd(), '../shared/data/febrl')];
  for (const c of candidates) if (c && existsSync(resolve(c, 'dataset1.csv'))) return c;
  throw new Error(`FEBRL data not found (tried ${candidates.filter(Boolean).join(', ')}); set SELARAS_FEBRL.`);
}

/**
 * The rows of FEBRL files (names in febrlDir()) as `selaras check --map` reads them with
 * FEBRL_MAP, and each row's true entity (the number in its rec_id, rec-12-dup-0 → 12).
 */
export function febrlRows(files: readonly string[]): { rows: RecordRow[]; entity: Map<string, string> } {
  const map = new Map<ColumnRole, string[]>([...FEBRL_MAP].map(([role, cols]) => [role, [...cols]]));
  const rows: RecordRow[] = [];
  const entity = new Map<string, string>();
  for (const f of files) {
    const path = `${febrlDir()}/${f}`;
    const read = readRows(path, { map });
    const recIds = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]?.trim() ?? '');
    for (const r of read) entity.set(r.key, recIds[r.position - 1]?.split('-')[1] ?? `?${r.key}`);
    rows.push(...read);
  }
  return { rows, entity };
}

export interface PairwiseQuality {
  truePairs: number;
  predictedPairs: number;
  correct: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Pairwise quality of person groups, given each row key's true entity. */
export function pairwise(groups: readonly DuplicateGroup[], entityOf: ReadonlyMap<string, string>): PairwiseQuality {
  let correct = 0;
  let predicted = 0;
  for (const g of groups) {
    if (g.kind !== 'person') continue;
    const m = g.members;
    for (let i = 0; i < m.length; i++) {
      for (let j = i + 1; j < m.length; j++) {
        predicted++;
        if (entityOf.get(m[i] as string) === entityOf.get(m[j] as string)) correct++;
      }
    }
  }
  const sizes = new Map<string, number>();
  for (const e of entityOf.values()) sizes.set(e, (sizes.get(e) ?? 0) + 1);
  let truePairs = 0;
  for (const n of sizes.values()) truePairs += (n * (n - 1)) / 2;
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs: predicted, correct, precision, recall, f1 };
}
