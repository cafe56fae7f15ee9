import { useState } from "preact/hooks";
import { formatBytes, formatDateTime } from "../format/format.js";
import type { VideoUploader } from "../upload/video-uploader.js";
import { useSubscription } from "./use-subscription.js";

/** Multipart uploads left unfinished by an earlier visit: pick the same file to resume one. */
export function UnfinishedUploads({ uploader }: { uploader: VideoUploader }) {
  // Re-read whenever the rows change: starting or finishing an upload changes this list too.
  useSubscription(uploader, () => uploader.rows);
  const [discarding, setDiscarding] = useState<string | undefined>();
  const records = uploader.unfinished();
  if (records.length === 0) return null;
  return (
    <div class="unfinished" role="region" aria-labelledby="unfinished-heading">
      <h3 id="unfinished-heading">Unfinished uploads</h3>
      <p class="hint">Pick the same file again to send only the parts that are missing.</p>
      <ul>
        {records.map((record) => (
          <li key={record.uploadId}>
            <span class="file-name">{record.fileName}</span>
            <span class="muted">
              {formatBytes(record.sizeBytes)}, started {formatDateTime(record.startedAt)}
            </span>
            <button
              type="button"
              class="secondary"
              disabled={discarding === record.uploadId}
              aria-label={`Discard unfinished upload of ${record.fileName}`}
              onClick={() => {
                setDiscarding(record.uploadId);
                void uploader.discardUnfinished(record).finally(() => setDiscarding(undefined));
              }}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
