/**
 * The app's other tabs in this browser. Sign-out in one tab clears the tokens the browser keeps,
 * but every other open tab still holds them in memory; it hears of the sign-out here and forgets
 * them too, instead of going on calling the API for up to an hour.
 */
export interface OtherTabs {
  /** Tells the other tabs that this user signed out. */
  announceSignOut(sub: string): void;
  /** Calls `listener` with the user id when another tab says its user signed out; returns the unsubscribe. */
  onSignOut(listener: (sub: string) => void): () => void;
}

/** The channel's name: one per app origin, as BroadcastChannel is scoped to the origin anyway. */
export const OTHER_TABS_CHANNEL = "video-platform-session";

interface SignOutMessage {
  readonly type: "signed-out";
  readonly sub: string;
}

function isSignOutMessage(data: unknown): data is SignOutMessage {
  if (typeof data !== "object" || data === null) return false;
  const { type, sub } = data as Record<string, unknown>;
  return type === "signed-out" && typeof sub === "string" && sub !== "";
}

/**
 * `OtherTabs` over a BroadcastChannel, which delivers to every other tab of this origin and not to
 * the sender. Where there is none (a very old browser), tabs do not hear of each other.
 */
export function broadcastOtherTabs(name = OTHER_TABS_CHANNEL): OtherTabs {
  if (typeof BroadcastChannel === "undefined") return { announceSignOut: () => undefined, onSignOut: () => () => undefined };
  const channel = new BroadcastChannel(name);
  return {
    announceSignOut(sub) {
      const message: SignOutMessage = { type: "signed-out", sub };
      channel.postMessage(message);
    },
    onSignOut(listener) {
      const heard = (event: MessageEvent<unknown>) => {
        if (isSignOutMessage(event.data)) listener(event.data.sub);
      };
      channel.addEventListener("message", heard);
      return () => channel.removeEventListener("message", heard);
    },
  };
}
