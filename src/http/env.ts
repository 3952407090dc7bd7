import type { Actor, StoreContext } from '../db/context.js';
import type { Member } from '../domain/index.js';
import type { RoundEvents } from './events.js';
import type { PinAttempts } from './throttle.js';

export interface Session {
  token: string;
  actor: Actor;
  member: Member;
  csrfToken: string;
}

/** What the app is built from: the store context and the live-update bus. */
export interface AppDeps {
  store: StoreContext;
  events: RoundEvents;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: Session | null;
    pinAttempts: PinAttempts;
  };
}
