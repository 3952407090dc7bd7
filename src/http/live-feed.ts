import type { DB } from '../db/connection.js';
import { progressView, roundTally, standingsHeldBack } from '../db/store/index.js';
import type { RoundEvents } from './events.js';

/** One live page: the committee sees standings; the public may see progress only. */
export interface Watcher {
  committee: boolean;
  send(payload: string): void;
  end(): void;
}

interface Feed {
  watchers: Set<Watcher>;
  /** The payload each watcher last received: a change is sent once, a repeat not at all. */
  last: WeakMap<Watcher, string>;
  running: boolean;
  again: boolean;
}

/**
 * Live tallies for the displays. A change to a round is computed once and fanned out to every page
 * watching it; changes that arrive while a tally is being computed are coalesced into one more run,
 * so a burst of ballots costs two tallies, not one per ballot per page.
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
      feed = { watchers: new Set(), last: new WeakMap(), running: false, again: false };
      this.feeds.set(roundId, feed);
    }
    feed.watchers.add(watcher);
    this.changed(roundId);
    return () => {
      feed.watchers.delete(watcher);
      if (feed.watchers.size === 0 && !feed.running) this.feeds.delete(roundId);
    };
  }

  private changed(roundId: string): void {
    const feed = this.feeds.get(roundId);
    if (!feed) return;
    if (feed.running) {
      feed.again = true;
      return;
    }
    feed.running = true;
    void this.run(roundId, feed);
  }

  private async run(roundId: string, feed: Feed): Promise<void> {
    try {
      do {
        feed.again = false;
        const tally = await roundTally(this.db, roundId);
        if (!tally.ok) {
          const error = JSON.stringify({ error: tally.error });
          for (const w of feed.watchers) w.send(error);
          continue;
        }
        const full = JSON.stringify({ ...tally.value, standingsHidden: false });
        const publicPayload = (await standingsHeldBack(this.db, tally.value)) ? JSON.stringify(progressView(tally.value)) : full;
        for (const w of feed.watchers) {
          const payload = w.committee ? full : publicPayload;
          if (feed.last.get(w) === payload) continue;
          feed.last.set(w, payload);
          w.send(payload);
        }
      } while (feed.again);
    } catch (e) {
      console.error(e);
    } finally {
      feed.running = false;
      if (feed.watchers.size === 0) this.feeds.delete(roundId);
    }
  }
}
