import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hallAddresses, lanBanner } from '../../src/cli/lan.js';
import { runCli, startServerProcess, type ServerProcess } from '../support/process.js';

/** Any HTTP answer from host:port (true), or the connection refused (false). */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/api/congress', timeout: 5_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

const info = (address: string, internal = false) => ({ address, family: 'IPv4' as const, internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null });

describe('the hall network (serve --lan)', () => {
  let server: ServerProcess | undefined;
  let dir: string;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers the non-internal IPv4 addresses, private (the hall router) first', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiemphieu-lan-'));
    const found = hallAddresses({
      lo: [info('127.0.0.1', true)],
      docker0: [info('203.0.113.9')],
      wlan0: [info('192.168.1.23'), { ...info('fe80::1'), family: 'IPv6', scopeid: 2 }],
      eth0: [info('10.0.0.4')],
    });
    expect(found).toEqual(['192.168.1.23', '10.0.0.4', '203.0.113.9']);
    const banner = await lanBanner(8080, found);
    expect(banner).toContain('http://192.168.1.23:8080/\n  http://10.0.0.4:8080/\n  http://203.0.113.9:8080/');
    expect(banner).toMatch(/[▀▄█]{7}/u);
    expect(await lanBanner(8080, [])).toMatch(/No hall network found/u);
  });

  it('listens on every interface with --lan and prints addresses that answer; without it only 127.0.0.1 answers', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiemphieu-lan-'));
    server = await startServerProcess(join(dir, 'lan.sqlite'), {}, { args: ['--lan'] });
    const port = Number(new URL(server.url).port);
    const addresses = hallAddresses();
    await expect.poll(() => server!.output(), { timeout: 10_000 }).toMatch(addresses.length > 0 ? /Scan to open[^\n]*\n[\s\S]*[▀▄█]/u : /No hall network found/u);
    const printed = [...server.output().matchAll(/^ {2}http:\/\/([\d.]+):(\d+)\/$/gmu)].map((m) => [m[1], Number(m[2])]);
    expect(printed).toEqual(addresses.map((a) => [a, port]));
    for (const address of addresses) expect([address, await answers(address, port)]).toEqual([address, true]);
    expect(await answers('127.0.0.1', port)).toBe(true);
    await server.stop();

    server = await startServerProcess(join(dir, 'lan.sqlite'));
    const local = Number(new URL(server.url).port);
    expect(server.output()).not.toMatch(/Other laptops/u);
    expect(await answers('127.0.0.1', local)).toBe(true);
    for (const address of addresses) expect([address, await answers(address, local)]).toEqual([address, false]);
  }, 200_000);

  it('refuses --lan together with --host', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiemphieu-lan-'));
    const run = await runCli(['serve', '--lan', '--host', '127.0.0.1', '--db', join(dir, 'x.sqlite')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--lan and --host/u);
  }, 120_000);
});
