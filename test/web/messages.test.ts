import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sortVietnameseNames } from '../../src/domain/index.js';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const read = (path: string) => readFileSync(join(WEB, path), 'utf8');
const messages = (lang: string): Record<string, string> => JSON.parse(read(`messages/${lang}.json`));
const files = (dir: string, ext: string) => readdirSync(join(WEB, dir)).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

describe('the pages speak Vietnamese and English from one messages file each', () => {
  const vi = messages('vi');
  const en = messages('en');

  it('has the same keys and the same {placeholders} in both languages, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
      expect(names(en[key]), key).toEqual(names(vi[key]));
      expect(vi[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('has every key the pages and their modules use', () => {
    const used = new Set<string>();
    for (const html of files('.', '.html')) for (const m of read(html).matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/gu)) used.add(m[1]);
    for (const ts of files('js', '.ts')) for (const m of read(ts).matchAll(/\bt\('([a-zA-Z_.]+)'/gu)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !(key in vi))).toEqual([]);
  });

  it('keeps script and style out of the markup (a strict Content-Security-Policy can apply)', () => {
    for (const html of files('.', '.html')) {
      const text = read(html);
      expect(text, html).not.toMatch(/\sstyle=|<style|\son[a-z]+=|<script(?![^>]*\bsrc=)/iu);
      expect(text, html).not.toMatch(/https?:\/\//u);
    }
  });

  it('says the A, B, C order exactly as the code applies it: given name, then middle names, then family name (issue 16)', () => {
    const sorted = sortVietnameseNames(['Trần Văn Bình', 'Lê Văn An', 'Nguyễn Bá An', 'Vũ An', 'Đỗ Văn An'], (n) => n);
    // Given name first; among the Ans no middle name, then Bá before Văn; among the Văn Ans, Đỗ before Lê.
    expect(sorted).toEqual(['Vũ An', 'Nguyễn Bá An', 'Đỗ Văn An', 'Lê Văn An', 'Trần Văn Bình']);
    const order = (text: string, parts: string[]) => parts.map((p) => text.indexOf(p));
    const vi = order(messages('vi')['round.abcProposal'], ['theo tên (chữ cuối)', 'tên đệm', 'họ (chữ đầu)']);
    expect(vi.every((i) => i >= 0) && vi[0] < vi[1] && vi[1] < vi[2], messages('vi')['round.abcProposal']).toBe(true);
    const en = order(messages('en')['round.abcProposal'], ['given name', 'middle names', 'family name']);
    expect(en.every((i) => i >= 0) && en[0] < en[1] && en[1] < en[2]).toBe(true);
  });

  it('starts every sentence with a capital and says plainly what a complete number does (issue 16)', () => {
    expect(messages('vi')['keys.numbers']).not.toContain('tự cách');
    // Fragments shown inside other sentences or as a table's figures (roles, states, key legends, ballot words) may start in lowercase.
    const fragment = /^(role|state|keys|verdict|save|ballot)\.|^round\.choice|^setup\.bodyLine$/u;
    for (const lang of ['vi', 'en']) {
      const lower = Object.entries(messages(lang)).filter(([k, v]) => !fragment.test(k) && /^\p{Ll}/u.test(v));
      expect(lower, lang).toEqual([]);
    }
  });
});

