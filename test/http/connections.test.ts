import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HallConnections } from '../../src/http/connections.js';

/** A connection as HallConnections sees it: an address, and a close to come. */
const socketFrom = (remoteAddress: string) => Object.assign(new EventEmitter(), { remoteAddress }) as unknown as Socket;

describe('HallConnections: what one hall network may hold of the server', () => {
  const limits = { perAddress: 3, strangers: 5, total: 8, streamsPerAddress: 2 };

  it('caps connections per address, and gives an address room again as its connections close', () => {
    const hall = new HallConnections(limits);
    const held = [1, 2, 3].map(() => socketFrom('10.0.0.1'));
    expect(held.map((s) => hall.admit(s))).toEqual([true, true, true]);
    expect(hall.admit(socketFrom('10.0.0.1'))).toBe(false);
    held[0].emit('close');
    expect(hall.admit(socketFrom('10.0.0.1'))).toBe(true);
    expect(hall.refused).toBe(1);
  });

  it('shares the strangers’ room among all addresses no member signed in from; the committee’s laptops have the rest', () => {
    const hall = new HallConnections(limits);
    hall.trust('10.0.0.200');
    const strangers = ['10.0.1.1', '10.0.1.1', '10.0.1.2', '10.0.1.2', '10.0.1.3'].map((a) => hall.admit(socketFrom(a)));
    expect(strangers).toEqual([true, true, true, true, true]);
    expect(hall.admit(socketFrom('10.0.1.4'))).toBe(false);
    expect([1, 2, 3].map(() => hall.admit(socketFrom('10.0.0.200')))).toEqual([true, true, true]);
    // The total holds even for the committee: 5 + 3 = 8.
    hall.trust('10.0.0.201');
    expect(hall.admit(socketFrom('10.0.0.201'))).toBe(false);
  });

  it('counts a connection made before its address was trusted as a stranger’s until it closes', () => {
    const hall = new HallConnections(limits);
    const early = socketFrom('10.0.0.7');
    hall.admit(early);
    hall.trust('10.0.0.7');
    for (const a of ['10.0.2.1', '10.0.2.1', '10.0.2.2', '10.0.2.2']) expect(hall.admit(socketFrom(a))).toBe(true);
    expect(hall.admit(socketFrom('10.0.2.3'))).toBe(false);
    early.emit('close');
    expect(hall.admit(socketFrom('10.0.2.3'))).toBe(true);
  });

  it('does not cap the server’s own machine', () => {
    const hall = new HallConnections(limits);
    expect(Array.from({ length: 20 }, () => hall.admit(socketFrom('127.0.0.1'))).every(Boolean)).toBe(true);
    expect(Array.from({ length: 20 }, () => hall.openStream('::1')).every((s) => s !== null)).toBe(true);
    expect(hall.admit(socketFrom('10.0.0.1'))).toBe(true);
  });

  it('caps live streams per address; a stream ended (once, or twice) gives its place back', () => {
    const hall = new HallConnections(limits);
    const first = hall.openStream('10.0.0.1')!;
    expect(hall.openStream('10.0.0.1')).not.toBeNull();
    expect(hall.openStream('10.0.0.1')).toBeNull();
    expect(hall.openStream('10.0.0.2')).not.toBeNull();
    first();
    first();
    expect(hall.openStream('10.0.0.1')).not.toBeNull();
    expect(hall.openStream('10.0.0.1')).toBeNull();
  });
});
