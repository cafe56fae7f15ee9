import { formatBytes, formatDuration, formatPercent, formatSpeed } from "../format/format.js";
import type { UploadRow } from "../upload/video-uploader.js";

const STATE_TEXT: Readonly<Record<UploadRow["state"], string>> = {
  pending: "Preparing",
  uploading: "Uploading",
  uploaded: "Uploaded",
  failed: "Failed",
  cancelled: "Cancelled",
};

export function UploadRowView({ row, onCancel, onRetry }: { row: UploadRow; onCancel: () => void; onRetry: () => void }) {
  const fraction = row.sizeBytes > 0 ? row.bytesSent / row.sizeBytes : row.state === "uploaded" ? 1 : 0;
  const moving = row.state === "uploading";
  const canCancel = row.state === "pending" || row.state === "uploading" || (row.state === "failed" && row.canRetry);
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
        {row.method === "MULTIPART" && row.totalParts !== undefined && (
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
      {(canCancel || (row.state === "failed" && row.canRetry)) && (
        <div class="row-actions">
          {row.state === "failed" && row.canRetry && (
            <button type="button" aria-label={`Retry upload of ${row.fileName}`} onClick={onRetry}>
              Retry
            </button>
          )}
          {canCancel && (
            <button type="button" class="secondary" aria-label={`Cancel upload of ${row.fileName}`} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}
