import type { UploadStatusResponse } from "@video-platform/shared-types";
import { describeStatus, formatBytes, formatDateTime, statusProgressValue } from "../format/format.js";
import { formatClock, isoDuration, videoFactsOf } from "../library/video-facts.js";
import { watchHref } from "./route.js";

interface LibraryItemProps {
  readonly item: UploadStatusResponse;
  /** Where a media path (a poster) is served; posters are left out without it. */
  readonly mediaUrlOf?: (path: string) => string;
}

export function LibraryItemView({ item, mediaUrlOf }: LibraryItemProps) {
  const name = item.originalFileName;
  const facts = videoFactsOf(item);
  const posterUrl = facts?.posterPath === undefined ? undefined : mediaUrlOf?.(facts.posterPath);
  return (
    <li
      class={`library-item status-${item.status.toLowerCase()}${posterUrl === undefined ? "" : " has-poster"}`}
      data-testid="library-item"
      data-upload-id={item.uploadId}
      data-status={item.status}
      data-progress={String(item.progress)}
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
