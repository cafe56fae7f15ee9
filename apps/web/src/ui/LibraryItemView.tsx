import type { UploadStatusResponse } from "@video-platform/shared-types";
import { describeStatus, formatBytes, formatDateTime, statusProgressValue } from "../format/format.js";
import { formatClock, isoDuration, videoFactsOf } from "../library/video-facts.js";
import { watchHref } from "./route.js";

/** One upload: poster, status, progress, length and size, its owner when the API names one (admins), play and delete. */
export function LibraryItemView({ item, onDelete }: { item: UploadStatusResponse; onDelete?: () => void }) {
  const name = item.originalFileName;
  const facts = videoFactsOf(item);
  // Media is private: the API hands out a short-lived signed URL for the poster.
  const posterUrl = facts?.posterPath === undefined ? undefined : item.posterUrl;
  return (
    <li
      class={`library-item status-${item.status.toLowerCase()}${posterUrl === undefined ? "" : " has-poster"}`}
      data-testid="library-item"
      data-upload-id={item.uploadId}
      data-status={item.status}
      data-progress={String(item.progress)}
      data-owner-id={item.owner?.id}
    >
      {posterUrl !== undefined && facts !== undefined && (
        <img
          class="poster"
          data-testid="library-poster"
          src={posterUrl}
          alt={`Poster of ${name}`}
          width={facts.width}
          height={facts.height}
          loading="lazy"
          decoding="async"
        />
      )}
      <div class="item-body">
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
          {facts !== undefined && (
            <>
              <span>
                <span class="visually-hidden">Length </span>
                <time data-testid="library-duration" dateTime={isoDuration(facts.durationSeconds)}>
                  {formatClock(facts.durationSeconds)}
                </time>
              </span>
              <span>
                <span class="visually-hidden">Size </span>
                <span data-testid="library-resolution">
                  {facts.width}×{facts.height}
                </span>
              </span>
            </>
          )}
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
      </div>
    </li>
  );
}
