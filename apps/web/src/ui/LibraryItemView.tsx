import type { UploadStatusResponse } from "@video-platform/shared-types";
import { describeStatus, formatBytes, formatDateTime, statusProgressValue } from "../format/format.js";
import { watchHref } from "./route.js";

export function LibraryItemView({ item }: { item: UploadStatusResponse }) {
  const name = item.originalFileName;
  return (
    <li
      class={`library-item status-${item.status.toLowerCase()}`}
      data-testid="library-item"
      data-upload-id={item.uploadId}
      data-status={item.status}
      data-progress={String(item.progress)}
    >
      <div class="row-head">
        <span class="file-name">{name}</span>
        <span class="muted">
          {formatBytes(item.sizeBytes)} · <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </span>
      </div>
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
      </p>
      {item.status === "ERROR" && (
        <p class="error" data-testid="library-error">
          {item.errorMessage ?? "Transcoding failed without a reason."}
        </p>
      )}
    </li>
  );
}
