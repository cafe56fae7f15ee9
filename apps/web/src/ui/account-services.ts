import type { SignedInUser } from "../auth/identity-provider.js";
import { isSignedIn, type SessionState } from "../auth/session-machine.js";
import type { Observable } from "../store/listeners.js";
import type { AppServices } from "./app-services.js";

interface SessionSource extends Observable<SessionState> {
  readonly state: SessionState;
}

/**
 * The services of whoever is signed in, following the session: made when someone signs in, kept
 * when their session ends on its own (uploads wait, and go on when the same person signs in
 * again), dropped when they sign out or someone else signs in.
 */
export class AccountServices {
  #current: { readonly sub: string; readonly services: AppServices } | undefined;
  #waitingForSignIn = false;

  constructor(private readonly make: (user: SignedInUser) => AppServices) {}

  /** The signed-in person's services, or those of the person whose session just ended. */
  get current(): AppServices | undefined {
    return this.#current?.services;
  }

  follow(session: SessionSource): () => void {
    this.#apply(session.state);
    return session.subscribe((state) => this.#apply(state));
  }

  #apply(state: SessionState): void {
    if (isSignedIn(state)) {
      const { user } = state.tokens;
      if (this.#current?.sub === user.sub) {
        if (this.#waitingForSignIn) this.#current.services.uploader.signedInAgain();
      } else {
        this.#release();
        this.#current = { sub: user.sub, services: this.make(user) };
      }
      this.#waitingForSignIn = false;
      return;
    }
    if (state.name !== "signed-out") return;
    if (state.notice === "signed-out") this.#release();
    else if (state.notice === "session-ended") this.#waitingForSignIn = true;
  }

  #release(): void {
    this.#current?.services.destroy();
    this.#current = undefined;
    this.#waitingForSignIn = false;
  }
}
