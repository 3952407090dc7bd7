import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { seedDemo } from '../../src/demo.js';
import { killedAtRename, runCli } from '../support/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-archive-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function archiveKilledAtRename(kill: number, db: string, out: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const [command, ...args] = [...killedAtRename(kill), process.execPath, 'bin/kiemphieu.js', 'archive', '--db', db, '--out', out];
  const child = spawn(command, args, { cwd: ROOT, stdio: 'ignore' });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

describe('an archive killed while it is written', () => {
  it('never leaves a folder by the archive’s name without its manifest; the next try writes it whole', { timeout: 120_000 }, async () => {
    await runCli([]);
    const db = join(dir, 'k.sqlite');
    const memory = await openDatabase(':memory:');
    let n = 0;
    await seedDemo({ db: memory.db, now: () => new Date(Date.UTC(2026, 10, 27, 8, n)), newId: () => `id${++n}` });
    await memory.sqlite.backup(db);
    await memory.close();
    const out = join(dir, 'archive');
    // Rename 1: the database copy is named (inside the part folder); rename 2: the folder is named.
    for (const kill of [1, 2]) {
      const run = await archiveKilledAtRename(kill, db, out);
      expect(run.signal).toBe('SIGKILL');
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.part`)).toBe(true);
    }
    expect(readdirSync(`${out}.part`)).toContain('kiemphieu.sqlite');
    expect(readdirSync(`${out}.part`)).toContain('manifest.json');

    const again = await runCli(['archive', '--db', db, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(`${out}.part`)).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path)).toContain('kiemphieu.sqlite');
  });
});
