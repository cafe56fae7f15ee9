import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, ApiUnreachableError } from "../api/api-errors.js";
import { PlaybackGrantKeeper, type PlaybackGrant } from "../player/playback-grant.js";

export type GrantState =
  | { readonly kind: "asking" }
  | { readonly kind: "granted"; readonly grant: PlaybackGrant }
  | { readonly kind: "failed"; readonly message: string };

export interface PlaybackGrantHandle {
  readonly state: GrantState;
  /** New cookies now (the media answered 403). */
  readonly renew: () => Promise<unknown>;
}

/** Media that needs no cookies (a public live channel) plays at once. */
const NOT_NEEDED: GrantState = { kind: "granted", grant: null };

/**
 * Playback cookies for as long as the page that shows a player is open: asked for before the
 * player loads anything (`request`), renewed at each grant's `renewAt`. `request` null: this media
 * needs none. `key` names what is played; a new key asks again.
 */
export function usePlaybackGrant(request: ((signal: AbortSignal) => Promise<PlaybackGrant>) | null, key: string): PlaybackGrantHandle {
  const [state, setState] = useState<GrantState>({ kind: "asking" });
  const keeper = useRef<PlaybackGrantKeeper | undefined>(undefined);
  const latest = useRef(request);
  latest.current = request;
  const needed = request !== null;

  useEffect(() => {
    if (!needed) return;
    let closed = false;
    const kept = new PlaybackGrantKeeper({
      request: (signal) => (latest.current ?? (() => Promise.resolve(null)))(signal),
      onLost: (error) => !closed && setState({ kind: "failed", message: `Playback stopped: ${grantProblem(error)}` }),
    });
    keeper.current = kept;
    setState({ kind: "asking" });
    kept.renew().then(
      (grant) => !closed && setState({ kind: "granted", grant }),
      (error: unknown) => !closed && setState({ kind: "failed", message: grantProblem(error) }),
    );
    return () => {
      closed = true;
      kept.stop();
    };
  }, [key, needed]);

  return { state: needed ? state : NOT_NEEDED, renew: () => keeper.current?.renew() ?? Promise.resolve(null) };
}

/** Why there are no cookies: the API's own reason (a video not ready, no signing key yet) when it gave one. */
function grantProblem(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof ApiUnreachableError) return "Could not reach the server. Check the connection, then reload.";
  return error instanceof Error && error.message !== "" ? error.message : "The permission to watch could not be obtained.";
}
