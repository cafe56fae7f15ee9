import type { LibraryFeed } from "../library/library-feed.js";
import { LibraryItemView } from "./LibraryItemView.js";
import { useSubscription } from "./use-subscription.js";

/** Every upload, newest first, with status and transcoding progress kept current. */
export function LibraryView({ feed, mediaUrlOf }: { feed: LibraryFeed; mediaUrlOf?: (path: string) => string }) {
  const state = useSubscription(feed, () => feed.state);
  return (
    <section class="panel" aria-labelledby="library-heading" aria-busy={!state.loaded}>
      <h2 id="library-heading">Library</h2>
      {state.error !== undefined && (
        <p class="error" role="alert">
          {state.error}{" "}
          <button type="button" class="link-button" onClick={() => void feed.refresh()}>
            Try again
          </button>
        </p>
      )}
      {!state.loaded && state.error === undefined && <p class="muted">Loading uploads…</p>}
      {state.loaded && state.items.length === 0 && <p class="muted">No uploads yet. Videos you upload appear here.</p>}
      {state.items.length > 0 && (
        <ul class="library" aria-label="Uploads">
          {state.items.map((item) => (
            <LibraryItemView key={item.uploadId} item={item} {...(mediaUrlOf ? { mediaUrlOf } : {})} />
          ))}
        </ul>
      )}
      {state.hasMore && (
        <button type="button" class="load-more" disabled={state.loadingMore} onClick={() => void feed.loadMore()}>
          {state.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </section>
  );
}
