import type { Socket } from 'node:net';

/**
 * What one hall network may hold of the server (issue 14): a flood of idle or half-sent connections
 * from a bystander's machine must not stop the committee's laptops entering ballots.
 * - per address: a browser opens about six connections, a shared laptop a few tabs more;
 * - addresses no member has signed in from ("strangers") share STRANGERS connections; the committee's
 *   laptops (an address a member signed in from) have the rest of TOTAL, which stays well under the
 *   process's descriptors (4,096 on a default Linux), so there is always room for them;
 * - slow headers and slow bodies are cut off: headers within 10 s, the whole request within 60 s
 *   (a 20 MB record import over a poor Wi-Fi link), an idle kept-alive connection after 5 s;
 * - live streams (SSE) per address: a display page holds one, a laptop a few.
 * The server's own machine (127.0.0.1, ::1: its operator's browser, the command line) is not capped.
 */
const SERVER_ITSELF = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const HALL_LIMITS = {
  perAddress: 48,
  strangers: 1_000,
  total: 1_500,
  streamsPerAddress: 8,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node looks for requests past their time. */
  checkEveryMs: 1_000,
} as const;

export class HallConnections {
  private readonly byAddress = new Map<string, number>();
  private readonly streamsByAddress = new Map<string, number>();
  private readonly committee = new Set<string>();
  private total = 0;
  private strangers = 0;
  /** Connections refused since the start (read by the tests and the log). */
  refused = 0;

  constructor(private readonly limits: { perAddress: number; strangers: number; total: number; streamsPerAddress: number } = HALL_LIMITS) {}

  /** A new connection: true when it may stay; it is then counted until it closes. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? '';
    if (SERVER_ITSELF.has(address)) return true;
    const held = this.byAddress.get(address) ?? 0;
    const stranger = !this.committee.has(address);
    if (held >= this.limits.perAddress || this.total >= this.limits.total || (stranger && this.strangers >= this.limits.strangers)) {
      this.refused++;
      return false;
    }
    this.byAddress.set(address, held + 1);
    this.total++;
    if (stranger) this.strangers++;
    socket.once('close', () => {
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, left);
      this.total--;
      if (stranger) this.strangers--;
    });
    return true;
  }

  /** A member signed in from this address: its laptop's connections come out of the committee's room. */
  trust(address: string): void {
    this.committee.add(address);
  }

  /** A live stream for this address, or null when it holds its share; call the release when the stream ends. */
  openStream(address: string): (() => void) | null {
    if (SERVER_ITSELF.has(address)) return () => undefined;
    const held = this.streamsByAddress.get(address) ?? 0;
    if (held >= this.limits.streamsPerAddress) return null;
    this.streamsByAddress.set(address, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.streamsByAddress.get(address) ?? 1) - 1;
      if (left === 0) this.streamsByAddress.delete(address);
      else this.streamsByAddress.set(address, left);
    };
  }
}
