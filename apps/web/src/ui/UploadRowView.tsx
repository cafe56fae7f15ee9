import { formatBytes, formatDuration, formatPercent, formatSpeed } from "../format/format.js";
import type { UploadRow } from "../upload/video-uploader.js";

const STATE_TEXT: Readonly<Record<UploadRow["state"], string>> = {
  choosing: "Preparing",
  creating: "Preparing",
  sending: "Uploading",
  paused: "Paused",
  resuming: "Resuming",
  completing: "Finishing",
  done: "Uploaded",
  failed: "Failed",
  aborted: "Cancelled",
};

export interface UploadRowActions {
  readonly onPause: () => void;
  readonly onResume: () => void;
  readonly onCancel: () => void;
}

export function UploadRowView({ row, onPause, onResume, onCancel }: { row: UploadRow } & UploadRowActions) {
  const fraction = row.sizeBytes > 0 ? row.bytesSent / row.sizeBytes : row.state === "done" ? 1 : 0;
  const moving = row.state === "sending";
  // Paused by a failure: trying again is what the person does; paused by them: they go on.
  const resumeText = row.error === undefined ? "Resume" : "Retry";
  return (
    <li class={`upload-row state-${row.state}`} data-testid="upload-row" data-file-name={row.fileName} data-state={row.state}>
      <div class="row-head">
        <span class="file-name">{row.fileName}</span>
        <span class="muted">{formatBytes(row.sizeBytes)}</span>
      </div>
      <progress max={100} value={Math.round(fraction * 1000) / 10} aria-label={`Upload progress of ${row.fileName}`} />
      <p class="row-meta">
        <span class="state-text">{STATE_TEXT[row.state]}</span>
        <span>{formatPercent(fraction)}</span>
        {moving && <span>Speed {formatSpeed(row.bytesPerSecond)}</span>}
        {moving && <span>Time left {formatDuration(row.secondsLeft)}</span>}
        {row.totalParts !== undefined && (
          <span>
            {row.totalParts} parts
            {row.storedParts !== undefined && row.storedParts > 0 ? `, ${row.storedParts} already stored` : ""}
          </span>
        )}
      </p>
      {row.error !== undefined && (
        <p class="error" data-testid="upload-error" role="alert">
          {row.error}
        </p>
      )}
      {(row.can.pause || row.can.resume || row.can.cancel) && (
        <div class="row-actions">
          {row.can.resume && (
            <button type="button" aria-label={`${resumeText} upload of ${row.fileName}`} onClick={onResume}>
              {resumeText}
            </button>
          )}
          {row.can.pause && (
            <button type="button" class="secondary" aria-label={`Pause upload of ${row.fileName}`} onClick={onPause}>
              Pause
            </button>
          )}
          {row.can.cancel && (
            <button type="button" class="secondary" aria-label={`Cancel upload of ${row.fileName}`} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}
