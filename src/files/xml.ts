// A small pull scanner for the XML inside .xlsx parts. Enough for SpreadsheetML
// (elements, attributes, text, CDATA, entities, namespace prefixes); no DTDs,
// no entity expansion beyond the five predefined ones and character references.
// Hand-rolled rather than a DOM parser so a 50k-row sheet is one linear pass
// over the string with no tree built, and number text is never converted.
import { fileError } from './errors';

export type XmlToken = 'open' | 'close' | 'empty' | 'text' | 'end';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const APOS = 39;
const COLON = 58;

function isNameEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH || c === GT;
}

export class XmlScanner {
  /** Local name (prefix stripped) of the current open/close/empty tag. */
  name = '';
  private pos = 0;
  private attrFrom = 0;
  private attrTo = 0;
  private attrs: Map<string, string> | null = null;
  private textFrom = 0;
  private textTo = 0;
  private cdata = false;

  constructor(private readonly xml: string, private readonly part: string) {}

  private corrupt(what: string): never {
    throw fileError('xlsx-corrupt', `Berkas XLSX rusak: ${what} di bagian ${this.part}.`);
  }

  next(): XmlToken {
    const xml = this.xml;
    for (;;) {
      const p = this.pos;
      if (p >= xml.length) return 'end';
      if (xml.charCodeAt(p) !== LT) {
        const lt = xml.indexOf('<', p);
        const end = lt < 0 ? xml.length : lt;
        this.textFrom = p;
        this.textTo = end;
        this.cdata = false;
        this.pos = end;
        return 'text';
      }
      const c = xml.charCodeAt(p + 1);
      if (c === 63 /* ? */) {
        const e = xml.indexOf('?>', p + 2);
        if (e < 0) this.corrupt('instruksi pemrosesan tidak ditutup');
        this.pos = e + 2;
        continue;
      }
      if (c === 33 /* ! */) {
        if (xml.startsWith('<!--', p)) {
          const e = xml.indexOf('-->', p + 4);
          if (e < 0) this.corrupt('komentar tidak ditutup');
          this.pos = e + 3;
          continue;
        }
        if (xml.startsWith('<![CDATA[', p)) {
          const e = xml.indexOf(']]>', p + 9);
          if (e < 0) this.corrupt('CDATA tidak ditutup');
          this.textFrom = p + 9;
          this.textTo = e;
          this.cdata = true;
          this.pos = e + 3;
          return 'text';
        }
        // A DOCTYPE: never expanded; skip it, internal subset included.
        const bracket = xml.indexOf('[', p);
        const gt = xml.indexOf('>', p);
        if (gt < 0) this.corrupt('deklarasi tidak ditutup');
        if (bracket >= 0 && bracket < gt) {
          const e = xml.indexOf(']>', bracket);
          if (e < 0) this.corrupt('DOCTYPE tidak ditutup');
          this.pos = e + 2;
        } else {
          this.pos = gt + 1;
        }
        continue;
      }
      if (c === SLASH) {
        const gt = xml.indexOf('>', p + 2);
        if (gt < 0) this.corrupt('tag penutup terpotong');
        this.setName(p + 2, trimEnd(xml, p + 2, gt));
        this.pos = gt + 1;
        return 'close';
      }
      let q = p + 1;
      while (q < xml.length && !isNameEnd(xml.charCodeAt(q))) q++;
      if (q === p + 1) this.corrupt('tag tanpa nama');
      this.setName(p + 1, q);
      // Find the closing '>' outside quoted attribute values (which may contain '>').
      let quote = 0;
      let r = q;
      for (; r < xml.length; r++) {
        const ch = xml.charCodeAt(r);
        if (quote) {
          if (ch === quote) quote = 0;
        } else if (ch === QUOTE || ch === APOS) {
          quote = ch;
        } else if (ch === GT) {
          break;
        }
      }
      if (r >= xml.length) this.corrupt('tag terpotong');
      const selfClosing = xml.charCodeAt(r - 1) === SLASH;
      this.attrFrom = q;
      this.attrTo = selfClosing ? r - 1 : r;
      this.attrs = null;
      this.pos = r + 1;
      return selfClosing ? 'empty' : 'open';
    }
  }

  private setName(from: number, to: number): void {
    const xml = this.xml;
    let start = from;
    for (let i = from; i < to; i++) if (xml.charCodeAt(i) === COLON) start = i + 1;
    this.name = xml.slice(start, to);
  }

  /**
   * Attribute of the current open/empty tag by local name (prefix ignored),
   * entity-decoded. A direct scan of the tag's attribute text: no map is built,
   * which matters for the million `<c r=".." s=".." t="..">` tags of a big sheet.
   */
  attr(localName: string): string | undefined {
    if (this.attrs) return this.attrs.get(localName);
    const xml = this.xml;
    const to = this.attrTo;
    let i = xml.indexOf(localName, this.attrFrom);
    let odd = false;
    while (i >= 0 && i < to) {
      const before = xml.charCodeAt(i - 1);
      let j = i + localName.length;
      while (j < to && xml.charCodeAt(j) <= 32) j++;
      if ((before <= 32 || before === COLON) && xml.charCodeAt(j) === 61 /* = */) {
        j++;
        while (j < to && xml.charCodeAt(j) <= 32) j++;
        const q = xml.charCodeAt(j);
        const close = q === QUOTE || q === APOS ? xml.indexOf(q === QUOTE ? '"' : "'", j + 1) : -1;
        if (close < 0 || close >= to) {
          odd = true;
          break;
        }
        const v = xml.slice(j + 1, close);
        return v.indexOf('&') < 0 ? v : decodeEntities(v);
      }
      i = xml.indexOf(localName, i + 1);
    }
    if (!odd) return undefined;
    // Malformed: the full parser reports it.
    this.attrs = parseAttrs(this.xml, this.attrFrom, this.attrTo, this.part);
    return this.attrs.get(localName);
  }

  /** Decoded text of the current text token. */
  text(): string {
    const raw = this.xml.slice(this.textFrom, this.textTo);
    return this.cdata ? raw : decodeEntities(raw);
  }

  /**
   * After an 'open' token: the concatenated text of the element up to its
   * matching close tag, skipping any `<rPh>` (phonetic hints) inside it.
   */
  readText(): string {
    const own = this.name;
    let depth = 0;
    let skip = 0;
    let out = '';
    for (;;) {
      const t = this.next();
      if (t === 'end') this.corrupt(`elemen <${own}> tidak ditutup`);
      if (t === 'text') {
        if (!skip) out += this.text();
      } else if (t === 'open') {
        depth++;
        if (this.name === 'rPh' || skip) skip++;
      } else if (t === 'close') {
        if (depth === 0) return out;
        depth--;
        if (skip) skip--;
      }
    }
  }

  /** After an 'open' token: skip to its matching close tag. */
  skipElement(): void {
    const own = this.name;
    let depth = 0;
    for (;;) {
      const t = this.next();
      if (t === 'end') this.corrupt(`elemen <${own}> tidak ditutup`);
      if (t === 'open') depth++;
      else if (t === 'close') {
        if (depth === 0) return;
        depth--;
      }
    }
  }
}

function trimEnd(xml: string, from: number, to: number): number {
  let e = to;
  while (e > from && xml.charCodeAt(e - 1) <= 32) e--;
  return e;
}

function parseAttrs(xml: string, from: number, to: number, part: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = from;
  while (i < to) {
    while (i < to && xml.charCodeAt(i) <= 32) i++;
    if (i >= to) break;
    const eq = xml.indexOf('=', i);
    if (eq < 0 || eq >= to) throw fileError('xlsx-corrupt', `Berkas XLSX rusak: atribut tanpa nilai di bagian ${part}.`);
    let nameStart = i;
    const nameEnd = trimEnd(xml, i, eq);
    for (let k = i; k < nameEnd; k++) if (xml.charCodeAt(k) === COLON) nameStart = k + 1;
    let v = eq + 1;
    while (v < to && xml.charCodeAt(v) <= 32) v++;
    const q = xml.charCodeAt(v);
    if (q !== QUOTE && q !== APOS) throw fileError('xlsx-corrupt', `Berkas XLSX rusak: atribut tanpa tanda kutip di bagian ${part}.`);
    const close = xml.indexOf(q === QUOTE ? '"' : "'", v + 1);
    if (close < 0 || close >= to) throw fileError('xlsx-corrupt', `Berkas XLSX rusak: atribut tidak ditutup di bagian ${part}.`);
    out.set(xml.slice(nameStart, nameEnd), decodeEntities(xml.slice(v + 1, close)));
    i = close + 1;
  }
  return out;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined entities and numeric character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35 /* # */) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** OOXML's `_xHHHH_` escapes in string text (e.g. `_x000D_` for a carriage return; `_x005F_` escapes a literal `_`). */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
