import type { DB } from '../db/connection.js';
import { displayTally } from '../db/store/index.js';
import type { RoundEvents } from './events.js';

/** One live page: the committee sees standings; the public may see progress only. */
export interface Watcher {
  committee: boolean;
  /** One Server-Sent Event, whole and encoded: the same bytes go to every page of the same audience. */
  send(frame: Uint8Array): void;
  end(): void;
}

/** Pages reconnect this soon after a dropped stream (EventSource's own retry). */
const RETRY_MS = 1000;
const encoder = new TextEncoder();

/** A `tally` event; JSON holds no raw line break, so the payload is one `data:` line. */
const tallyFrame = (serial: number, payload: string): Uint8Array => encoder.encode(`event: tally\nid: ${serial}\nretry: ${RETRY_MS}\ndata: ${payload}\n\n`);

interface Feed {
  watchers: Set<Watcher>;
  /** The payload each watcher last received: a change is sent once, a repeat not at all. */
  last: WeakMap<Watcher, string>;
  /** Numbers the events of this feed (the SSE id). */
  serial: number;
  running: boolean;
  /** A change came after the last tally began: another is due. */
  due: boolean;
  /** When the last tally may be followed by the next (see LIVE_SHARE). */
  nextAt: number;
  timer: NodeJS.Timeout | null;
}

/**
 * The most of the server's time live tallies may take: after a tally that took t, the next waits
 * until (1 / LIVE_SHARE − 1) × t has passed, and at least MIN_INTERVAL_MS (forty updates a second
 * is more than eyes can follow). Ballots spaced out reach the displays at once; under a flood of
 * ballots the displays still update many times a second and the entry of ballots keeps the rest.
 */
const LIVE_SHARE = 0.2;
const MIN_INTERVAL_MS = 25;

/**
 * Live tallies for the displays. A change to a round is computed once and fanned out to every page
 * watching it; changes that arrive while a tally is being computed, or while the next must wait, are
 * coalesced into one more run, so a burst of ballots costs two tallies, not one per ballot per page.
 */
export class LiveTallies {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly db: DB,
    events: RoundEvents,
  ) {
    events.subscribe((roundId) => this.changed(roundId));
    events.onClose(() => {
      for (const feed of this.feeds.values()) for (const w of feed.watchers) w.end();
    });
  }

  /** Starts watching a round; the watcher gets the current tally at once. Returns the way to stop. */
  watch(roundId: string, watcher: Watcher): () => void {
    let feed = this.feeds.get(roundId);
    if (!feed) {
      feed = { watchers: new Set(), last: new WeakMap(), serial: 0, running: false, due: false, nextAt: 0, timer: null };
      this.feeds.set(roundId, feed);
    }
    feed.watchers.add(watcher);
    this.changed(roundId);
    return () => {
      feed.watchers.delete(watcher);
      this.forgetIfUnwatched(roundId, feed);
    };
  }

  private changed(roundId: string): void {
    const feed = this.feeds.get(roundId);
    if (!feed) return;
    feed.due = true;
    this.schedule(roundId, feed);
  }

  private schedule(roundId: string, feed: Feed): void {
    if (!feed.due || feed.running || feed.timer) return;
    const wait = feed.nextAt - performance.now();
    if (wait > 0) {
      feed.timer = setTimeout(() => {
        feed.timer = null;
        this.schedule(roundId, feed);
      }, wait);
      feed.timer.unref();
      return;
    }
    feed.due = false;
    feed.running = true;
    const startedAt = performance.now();
    void this.run(roundId, feed).finally(() => {
      feed.running = false;
      feed.nextAt = Math.max(startedAt + MIN_INTERVAL_MS, performance.now() + (performance.now() - startedAt) * (1 / LIVE_SHARE - 1));
      if (!this.forgetIfUnwatched(roundId, feed)) this.schedule(roundId, feed);
    });
  }

  private forgetIfUnwatched(roundId: string, feed: Feed): boolean {
    if (feed.watchers.size > 0 || feed.running) return false;
    if (feed.timer) clearTimeout(feed.timer);
    if (this.feeds.get(roundId) === feed) this.feeds.delete(roundId);
    return true;
  }

  /**
   * The round's tally as each audience watching may see it (displayTally: the same view as GET
   * /tally, counted once for both audiences), sent to every page that does not have it yet.
   */
  private async run(roundId: string, feed: Feed): Promise<void> {
    try {
      const payloads = new Map<boolean, string>();
      for (const committee of new Set([...feed.watchers].map((w) => w.committee))) {
        const view = await displayTally(this.db, roundId, { committee });
        payloads.set(committee, JSON.stringify(view.ok ? view.value : { error: view.error }));
      }
      // A page that started watching meanwhile, for an audience not computed, has the next run due.
      this.fanOut(feed, (w) => payloads.get(w.committee));
    } catch (e) {
      console.error(e);
    }
  }

  /** Sends each watcher its payload unless it has it already, encoding each distinct event once. */
  private fanOut(feed: Feed, payloadFor: (w: Watcher) => string | undefined): void {
    const frames = new Map<string, Uint8Array>();
    for (const w of feed.watchers) {
      const payload = payloadFor(w);
      if (payload === undefined || feed.last.get(w) === payload) continue;
      feed.last.set(w, payload);
      let frame = frames.get(payload);
      if (!frame) frames.set(payload, (frame = tallyFrame(++feed.serial, payload)));
      w.send(frame);
    }
  }
}
