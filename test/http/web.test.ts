import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { createApp } from '../../src/http/app.js';
import { RoundEvents } from '../../src/http/events.js';
import { WEB_ROOT } from '../../src/paths.js';

const pages = readdirSync(WEB_ROOT).filter((f) => f.endsWith('.html'));

describe('the pages and their built client modules', async () => {
  const database = await openDatabase(':memory:');
  const app = createApp({ store: { db: database.db, now: () => new Date(), newId: () => 'unused' }, events: new RoundEvents() }, { webRoot: WEB_ROOT });

  it.for(pages)('%s loads a module that the build made, served as JavaScript', async (page) => {
    const html = readFileSync(join(WEB_ROOT, page), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^\/js\/[a-z0-9-]+\.js$/);
    const res = await app.request(scripts[0]);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const code = await res.text();
    expect(code).not.toMatch(/^import /m); // bundled: it imports nothing at run time
    expect(code).not.toMatch(/: (string|number|boolean)\b[,;)]/); // no TypeScript left in it
  });

  it('never serves the TypeScript sources, nor anything outside web/ and the built modules', async () => {
    for (const path of ['/js/verify.ts', '/js/api.ts', '/js/../../src/cli.ts', '/js/%2e%2e/kiemphieu.mjs', '/js/..%2f..%2fpackage.json', '/../dist/kiemphieu.mjs']) {
      expect([path, (await app.request(path)).status]).toEqual([path, 404]);
    }
  });
});
