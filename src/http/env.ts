import type { Actor, StoreContext } from '../db/context.js';
import type { Member } from '../domain/index.js';
import type { Backups } from '../db/backup.js';
import type { RoundEvents } from './events.js';
import type { HallConnections } from './connections.js';
import type { PinAttempts } from './throttle.js';

export interface Session {
  token: string;
  actor: Actor;
  member: Member;
  csrfToken: string;
}

/** What the app is built from: the store context, the live-update bus and (for a database file) its backups. */
export interface AppDeps {
  store: StoreContext;
  events: RoundEvents;
  backups?: Backups;
  /** The server's connection caps (server.ts); an app made without one counts its streams alone. */
  connections?: HallConnections;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: Session | null;
    pinAttempts: PinAttempts;
    connections: HallConnections;
  };
}
