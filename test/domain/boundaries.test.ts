import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// STYLE.md: nothing in domain/ imports node:*, kysely, hono, zod, nanoid or better-sqlite3, nor
// anything outside domain/. The count stays a pure function of the record.
const domain = fileURLToPath(new URL('../../src/domain/', import.meta.url));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier in a source: import/export … from, bare imports, dynamic import(), require(). */
function specifiersOf(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]));
}

describe('src/domain imports only from src/domain', () => {
  const files = tsFiles(domain);

  it('reads the domain sources', () => {
    expect(files.map((f) => relative(domain, f))).toEqual(expect.arrayContaining(['count.ts', 'ballot-counter.ts', 'threshold.ts']));
  });

  it.each(files.map((file) => [relative(domain, file), file]))('%s', (_name, file) => {
    const specifiers = specifiersOf(readFileSync(file, 'utf8'));
    const outside = specifiers.filter((specifier) => {
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) return true;
      const target = resolve(dirname(file), specifier).replace(/\.js$/, '.ts');
      return !target.startsWith(domain.endsWith(sep) ? domain : domain + sep) || !existsSync(target);
    });
    expect(outside).toEqual([]);
  });

  it('count.ts is seen to import its neighbours (the scan finds imports at all)', () => {
    expect(specifiersOf(readFileSync(join(domain, 'count.ts'), 'utf8'))).toEqual(
      expect.arrayContaining(['./ballot-counter.js', './threshold.js', './seats.js']),
    );
  });

  it('the scan catches every form of a forbidden import', () => {
    const source = [
      "import { z } from 'zod';",
      "import type { Kysely } from 'kysely';",
      'import {\n  readFile,\n  writeFile,\n} from "node:fs/promises";',
      "export { Hono } from 'hono';",
      "export * from '../db/store.js';",
      "import 'better-sqlite3';",
      "const { nanoid } = await import('nanoid');",
      "const path = require('node:path');",
    ].join('\n');
    expect(specifiersOf(source)).toEqual(
      expect.arrayContaining(['zod', 'kysely', 'node:fs/promises', 'hono', '../db/store.js', 'better-sqlite3', 'nanoid', 'node:path']),
    );
  });
});
