import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
