// Members of one family are not one person: twins share the No KK, the address and
// the birth date and get neighbouring NIK serials; a husband and wife share all but
// the birth date. What still links: one person typed twice, NIK typo and all.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/domain/engine/index';
import type { RecordRow } from '../../src/domain/schema';

const TODAY = '2025-06-01';
let n = 0;
const HOME = { alamat: 'Jl. Mawar 9', rt: '7', rw: '8', desa_kelurahan: 'Medono', kecamatan: 'Pekalongan Barat' };
const row = (values: RecordRow['values']): RecordRow => ({ key: `f${++n}`, source: 'PKH-Medono', position: n, values: { ...HOME, ...values } });

function check(rows: RecordRow[]) {
  const engine = createEngine({ today: TODAY });
  engine.upsert(rows);
  const persons = engine.snapshot().groups.filter((g) => g.kind === 'person');
  return { persons, explain: (a: RecordRow, b: RecordRow) => engine.explain(a.key, b.key) };
}

describe('one family, two people', () => {
  it('keeps twins apart: one KK, one birth date, NIK serials 0031/0032, names Hasan and Husen', () => {
    const kk = '3375010101100039';
    const a = row({ nik: '3375010505050031', no_kk: kk, nama: 'Hasan', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const b = row({ nik: '3375010505050032', no_kk: kk, nama: 'Husen', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const { persons, explain } = check([a, b]);
    expect(persons).toEqual([]);
    const x = explain(a, b);
    expect(x?.linked).toBe(false);
    expect(x?.probability).toBeLessThan(0.01);
    expect(x?.reason).toMatch(/tetapi nama berbeda, NIK hanya beda nomor urut dalam satu KK \(saudara kembar\)$/);
  });

  it('keeps a husband and wife apart: Suparman (L) and Suparmi (P), two valid NIKs, one KK', () => {
    const kk = '3375010101100005';
    const a = row({ nik: '3375010404700016', no_kk: kk, nama: 'Suparman', jenis_kelamin: 'L', tanggal_lahir: '04-04-1970' });
    const b = row({ nik: '3375014404700017', no_kk: kk, nama: 'Suparmi', jenis_kelamin: 'P', tanggal_lahir: '04-04-1970' });
    const { persons, explain } = check([a, b]);
    expect(persons).toEqual([]);
    expect(explain(a, b)?.probability).toBeLessThan(0.01);
    expect(explain(a, b)?.reason).toContain('NIK dan jenis kelamin menunjukkan dua orang');
    // Without the sex column the NIKs say it (the day plus 40 for women).
    const c = row({ ...a.values, jenis_kelamin: '' });
    const d = row({ ...b.values, jenis_kelamin: '' });
    expect(check([c, d]).persons).toEqual([]);
  });

  it('keeps twins of different sex apart even when their names are one letter apart (Putri Ayu, Putra Ayu)', () => {
    const kk = '3375010101100041';
    const a = row({ nik: '3375014505050033', no_kk: kk, nama: 'Putri Ayu', jenis_kelamin: 'P', tanggal_lahir: '05-05-2005' });
    const b = row({ nik: '3375014505050034', no_kk: kk, nama: 'Putra Ayu', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    expect(check([a, b]).persons).toEqual([]);
  });

  it('does not link twins listed without NIKs on their shared family fields and birth date alone', () => {
    const kk = '3375010101100039';
    const a = row({ no_kk: kk, nama: 'Hasan', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const b = row({ no_kk: kk, nama: 'Husen', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const { persons, explain } = check([a, b]);
    expect(persons).toEqual([]);
    expect(explain(a, b)?.probability).toBeLessThan(0.5);
  });

  it('does not count a shared birth date twice through NIKs one digit apart (two people born on one day)', () => {
    // NIKs of people born on one day in one regency differ only in the district code and a small serial.
    const a = row({ nik: '3375025806570001', nama: 'Yuli Santoso', jenis_kelamin: 'P', tanggal_lahir: '18-06-1957', alamat: 'Jl. Diponegoro No. 85', rt: '11', rw: '4' });
    const b = row({ nik: '3375035806570001', nama: 'Yuli Anwar', jenis_kelamin: 'P', tanggal_lahir: '18-06-1957', alamat: 'Jl. Progo No. 26', rt: '8', rw: '4' });
    const withNik = check([a, b]).explain(a, b);
    expect(withNik?.evidence.find((e) => e.field === 'identity')?.level).toBe('oneDigit');
    expect(withNik?.evidence.find((e) => e.field === 'identity')?.weight).toBe(0);
    // The NIKs add nothing to the pair's weight: the same as without them.
    const c = row({ ...a.values, nik: '' });
    const d = row({ ...b.values, nik: '' });
    expect(withNik?.weight).toBe(check([c, d]).explain(c, d)?.weight);
    // Where a birth date is missing, NIKs one digit apart are the evidence they were.
    const e = row({ ...b.values, tanggal_lahir: '', nik: '3375025806570001' });
    const f = row({ ...b.values, nik: '3375025806570002' });
    expect(check([e, f]).explain(e, f)?.evidence.find((v) => v.field === 'identity')?.weight).toBe(4);
  });
});

describe('one family, one person typed twice', () => {
  const kk = '3375010101100039';

  it('still links a NIK one digit off with the same name and birth date', () => {
    const a = row({ nik: '3375010505050031', no_kk: kk, nama: 'Hasan Basri', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const b = row({ nik: '3375010505050032', no_kk: kk, nama: 'Hasan Basri', jenis_kelamin: 'L', tanggal_lahir: '05-05-2005' });
    const { persons } = check([a, b]);
    expect(persons.map((g) => g.members)).toEqual([[a.key, b.key]]);
    expect(persons[0]?.reasons[0]).toBe('NIK beda satu angka + nama sama + tanggal lahir sama + alamat sama + RT/RW sama + kelurahan sama + No KK sama');
  });

  it('still links a NIK typo with a name typo, an abbreviation or an old spelling', () => {
    const pairs: [string, string][] = [
      ['Sugeng Santoso', 'Sugeng Satnoso'],
      ['Muhammad Rizki', 'M. Rizki'],
      ['Siti Aminah', 'St. Aminah'],
      ['Soetjipto', 'Sucipto'],
    ];
    for (const [x, y] of pairs) {
      const a = row({ nik: '3375011204800003', no_kk: kk, nama: x, tanggal_lahir: '12-04-1980' });
      const b = row({ nik: '3375011204800005', no_kk: kk, nama: y, tanggal_lahir: '04-12-1980' });
      expect(check([a, b]).persons.map((g) => g.members), `${x} / ${y}`).toEqual([[a.key, b.key]]);
    }
  });

  it('still links the same NIK in one family, whatever the names', () => {
    const a = row({ nik: '3375010505050031', no_kk: kk, nama: 'Hasan', tanggal_lahir: '05-05-2005' });
    const b = row({ nik: '3375010505050031', no_kk: kk, nama: 'Husen', tanggal_lahir: '05-05-2005' });
    expect(check([a, b]).persons.map((g) => g.members)).toEqual([[a.key, b.key]]);
  });
});

describe('a NIK that contradicts its own row\'s sex column', () => {
  // Suparmi's own NIK (the day plus 40: a woman) and her husband Suparman's (a man), as in one KK.
  const kk = '3375010101100005';
  const hers = '3375014404700017';
  const his = '3375010404700016';
  const suparmi = { nama: 'Suparmi', jenis_kelamin: 'P', tanggal_lahir: '04-04-1970' };

  it('still links one woman listed once with her own NIK and once with her husband\'s or the No KK in the NIK cell', () => {
    for (const wrong of [his, kk]) {
      const a = row({ ...suparmi, nik: hers, no_kk: kk });
      const b = row({ ...suparmi, nik: wrong });
      const { persons, explain } = check([a, b]);
      expect(persons.map((g) => g.members), wrong).toEqual([[a.key, b.key]]);
      expect(explain(a, b)?.reason, wrong).toMatch(/tetapi NIK berbeda$/);
      expect(explain(a, b)?.reason, wrong).not.toContain('dua orang');
    }
  });

  it('keeps a row apart from one of the other sex by its sex column: the column, not the NIK it contradicts, is the row\'s sex', () => {
    // Tri Rahayu (P) holds a man's NIK; the other Tri Rahayu is a man by his sex column and his own NIK.
    const tri = { nama: 'Tri Rahayu', tanggal_lahir: '04-04-1970' };
    const a = row({ ...tri, jenis_kelamin: 'P', nik: his });
    const b = row({ ...tri, jenis_kelamin: 'L', nik: '3375010404700105' });
    const { persons, explain } = check([a, b]);
    expect(persons).toEqual([]);
    expect(explain(a, b)?.reason).toContain('NIK dan jenis kelamin menunjukkan dua orang');
    // Without his sex column his NIK says it, and it says a man: still two people.
    const c = row({ ...b.values, jenis_kelamin: '' });
    expect(check([a, c]).persons).toEqual([]);
    // A woman's NIK on a row without a sex column is a woman, like the row that says P: one person.
    const d = row({ ...tri, jenis_kelamin: '', nik: '3375014404700105' });
    expect(check([a, d]).persons.map((g) => g.members)).toEqual([[a.key, d.key]]);
  });
});
