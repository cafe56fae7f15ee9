import type { UploadStatusResponse } from "@video-platform/shared-types";
import { useState } from "preact/hooks";
import type { LibraryFeed } from "../library/library-feed.js";
import { describeUploadFailure } from "../upload/upload-failure.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { LibraryItemView } from "./LibraryItemView.js";
import { useSubscription } from "./use-subscription.js";

interface LibraryViewProps {
  readonly feed: LibraryFeed;
  /** Admins may switch to everyone's uploads, each shown with its owner. */
  readonly isAdmin: boolean;
  /** Deletes a video for good; called once the person confirmed. */
  readonly onDelete: (uploadId: string) => Promise<void>;
}

type Deleting = { readonly item: UploadStatusResponse; readonly busy: boolean; readonly error?: string };

/** My uploads (or, for an admin, everyone's), newest first, with status and progress kept current. */
export function LibraryView({ feed, isAdmin, onDelete }: LibraryViewProps) {
  const state = useSubscription(feed, () => feed.state);
  const [deleting, setDeleting] = useState<Deleting | undefined>();
  const everyone = state.scope === "all";

  const confirmDelete = async (item: UploadStatusResponse) => {
    setDeleting({ item, busy: true });
    try {
      await onDelete(item.uploadId);
      setDeleting(undefined);
    } catch (error) {
      setDeleting({ item, busy: false, error: `Could not delete: ${describeUploadFailure(error)}` });
    }
  };

  return (
    <section class="panel" aria-labelledby="library-heading" aria-busy={!state.loaded}>
      <div class="library-head">
        <h2 id="library-heading">{everyone ? "All uploads" : "My videos"}</h2>
        {isAdmin && (
          <label class="switch">
            <input
              type="checkbox"
              role="switch"
              checked={everyone}
              onChange={(event) => void feed.showScope(event.currentTarget.checked ? "all" : "mine")}
            />
            Show everyone's uploads
          </label>
        )}
      </div>
      {state.error !== undefined && (
        <p class="error" role="alert">
          {state.error}{" "}
          <button type="button" class="link-button" onClick={() => void feed.refresh()}>
            Try again
          </button>
        </p>
      )}
      {!state.loaded && state.error === undefined && <p class="muted">Loading uploads…</p>}
      {state.loaded && state.items.length === 0 && (
        <p class="muted">{everyone ? "Nobody has uploaded anything yet." : "No uploads yet. Videos you upload appear here."}</p>
      )}
      {state.items.length > 0 && (
        <ul class="library" aria-label="Uploads">
          {state.items.map((item) => (
            <LibraryItemView key={item.uploadId} item={item} onDelete={() => setDeleting({ item, busy: false })} />
          ))}
        </ul>
      )}
      {state.hasMore && (
        <button type="button" class="load-more" disabled={state.loadingMore} onClick={() => void feed.loadMore()}>
          {state.loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
      {deleting !== undefined && (
        <ConfirmDialog
          title={`Delete ${deleting.item.originalFileName}?`}
          confirmLabel="Delete video"
          busyLabel="Deleting…"
          cancelLabel="Keep video"
          busy={deleting.busy}
          error={deleting.error}
          onConfirm={() => void confirmDelete(deleting.item)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>The video, its original file and every processed file are removed for good. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
