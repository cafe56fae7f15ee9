import type { UploadStatusResponse } from "@video-platform/shared-types";
import { describeStatus, formatBytes, formatDateTime, statusProgressValue } from "../format/format.js";
import { watchHref } from "./route.js";

/** One upload: status, progress, its owner when the API names one (admins), play and delete. */
export function LibraryItemView({ item, onDelete }: { item: UploadStatusResponse; onDelete?: () => void }) {
  const name = item.originalFileName;
  return (
    <li
      class={`library-item status-${item.status.toLowerCase()}`}
      data-testid="library-item"
      data-upload-id={item.uploadId}
      data-status={item.status}
      data-progress={String(item.progress)}
      data-owner-id={item.owner?.id}
    >
      <div class="row-head">
        <span class="file-name">{name}</span>
        <span class="muted">
          {formatBytes(item.sizeBytes)} · <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </span>
      </div>
      {item.owner !== undefined && (
        <p class="owner muted" data-testid="library-owner">
          Uploaded by {item.owner.email ?? item.owner.id}
        </p>
      )}
      <progress
        max={100}
        value={statusProgressValue(item.status, item.progress)}
        aria-label={`Processing progress of ${name}`}
      />
      <p class="row-meta">
        <span class="state-text">{describeStatus(item.status, item.progress)}</span>
        {item.status === "COMPLETE" && (
          <a class="play-link" href={watchHref(item.uploadId)} aria-label={`Play ${name}`}>
            Play
          </a>
        )}
        {onDelete !== undefined && (
          <button type="button" class="link-button delete-link" aria-label={`Delete ${name}`} onClick={onDelete}>
            Delete
          </button>
        )}
      </p>
      {item.status === "ERROR" && (
        <p class="error" data-testid="library-error">
          {item.errorMessage ?? "Transcoding failed without a reason."}
        </p>
      )}
    </li>
  );
}
