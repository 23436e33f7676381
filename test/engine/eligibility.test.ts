// The eligibility rules through the engine: what the CLI and the app see for a file
// whose programme comes from its name (KIP-x.csv) or from a programme column.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/domain/engine/index';
import { DEFAULT_OVERLAP } from '../../src/domain/overlap';
import type { RecordRow } from '../../src/domain/schema';

const TODAY = '2025-06-01';
const kid = (source: string, position: number, values: RecordRow['values'] = {}): RecordRow => ({
  key: `${source}#${position}`,
  source,
  position,
  values: { nik: `33750101011000${String(position).padStart(2, '0')}`, no_kk: '3375010101100005', nama: `Anak ${position}`, tanggal_lahir: '01-01-2010', ...values },
});
const underAge = (engine: ReturnType<typeof createEngine>, key: string): boolean =>
  engine.findingsOf(key).some((f) => f.code === 'head-under-17');

describe('head of household under 17 in the engine', () => {
  it('not for the rows of a per-person programme (KIP, PBI-JK); still for a household list or no programme', () => {
    const engine = createEngine({ today: TODAY, programBySource: { 'KIP-x.csv': 'KIP', 'PKH-a.csv': 'PKH' } });
    engine.upsert([
      kid('KIP-x.csv', 1),
      kid('PKH-a.csv', 2),
      kid('daftar.csv', 3),
      kid('daftar.csv', 4, { program: 'PBI-JK' }),
      kid('daftar.csv', 5, { program: 'KIP, PKH' }),
      // The column wins over the file name.
      kid('KIP-x.csv', 6, { program: 'BPNT' }),
    ]);
    const flagged = ['KIP-x.csv#1', 'PKH-a.csv#2', 'daftar.csv#3', 'daftar.csv#4', 'daftar.csv#5', 'KIP-x.csv#6'].filter((k) => underAge(engine, k));
    expect(flagged).toEqual(['PKH-a.csv#2', 'daftar.csv#3', 'daftar.csv#5', 'KIP-x.csv#6']);
  });

  it('follows an edited programme and the overlap settings', () => {
    const engine = createEngine({ today: TODAY });
    engine.upsert([kid('s', 1, { program: 'PKH' }), kid('s', 2, { program: 'BPNT' })]);
    expect(underAge(engine, 's#1')).toBe(true);
    const edited = engine.upsert([kid('s', 1, { program: 'KIP' })]);
    expect(edited.findings.find((f) => f.row === 's#1')?.findings.map((f) => f.code) ?? []).not.toContain('head-under-17');
    expect(underAge(engine, 's#1')).toBe(false);
    // An office that counts KIP per household after all.
    engine.setConfig({ overlap: { ...DEFAULT_OVERLAP, personPrograms: ['PBI-JK'] } });
    expect(underAge(engine, 's#1')).toBe(true);
    engine.setConfig({ overlap: { ...DEFAULT_OVERLAP, personPrograms: ['PBI-JK', 'KIP', 'BPNT'] } });
    expect([underAge(engine, 's#1'), underAge(engine, 's#2')]).toEqual([false, false]);
  });
});
