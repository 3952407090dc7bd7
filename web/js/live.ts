import type { DisplayTally } from './types.js';

/** How long to wait before opening a new stream once the browser has given one up. */
const REOPEN_MS = 2000;

/**
 * Follows a round's tally over Server-Sent Events. EventSource retries a dropped stream by itself;
 * when it gives up (the server was down when it tried), a new one is opened, so a display survives
 * a server restart without anyone touching it.
 */
export function watchRound(roundId: string, onTally: (tally: DisplayTally) => void, onConnected: (connected: boolean) => void): void {
  const open = () => {
    const source = new EventSource(`/api/rounds/${encodeURIComponent(roundId)}/live`);
    source.addEventListener('open', () => onConnected(true));
    source.addEventListener('tally', (event) => {
      const data = JSON.parse((event as MessageEvent<string>).data) as DisplayTally | { error: unknown };
      if (!('error' in data)) onTally(data);
    });
    source.addEventListener('error', () => {
      onConnected(false);
      if (source.readyState === EventSource.CLOSED) setTimeout(open, REOPEN_MS);
    });
  };
  open();
}
