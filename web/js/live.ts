import type { DisplayTally } from './types.js';

/** How long to wait before opening a new stream once the browser has given one up. */
const REOPEN_MS = 2000;

/**
 * Follows a round's tally over Server-Sent Events. EventSource retries a dropped stream by itself;
 * when it gives up (the server was down when it tried), a new one is opened, so a display survives
 * a server restart without anyone touching it. The projector asks for the public view even where a
 * committee member is signed in, so a progress-only election never shows standings in the hall.
 */
export function watchRound(
  roundId: string,
  audience: 'committee' | 'public',
  onTally: (tally: DisplayTally) => void,
  onConnected: (connected: boolean) => void,
): void {
  const query = audience === 'public' ? '?audience=public' : '';
  const open = () => {
    const source = new EventSource(`/api/rounds/${encodeURIComponent(roundId)}/live${query}`);
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
