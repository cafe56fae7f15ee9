import { useRef } from "preact/hooks";
import type { VideoUploader } from "../upload/video-uploader.js";
import { UnfinishedUploads } from "./UnfinishedUploads.js";
import { UploadRowView } from "./UploadRowView.js";
import { useFileDrop } from "./use-file-drop.js";
import { useSubscription } from "./use-subscription.js";

/** Pick or drop videos; each becomes a row with its own progress, speed and time left. */
export function UploadPanel({ uploader }: { uploader: VideoUploader }) {
  const rows = useSubscription(uploader, () => uploader.rows);
  const input = useRef<HTMLInputElement>(null);
  const take = (files: FileList | null | undefined) => {
    if (files && files.length > 0) uploader.add(Array.from(files));
  };
  const drop = useFileDrop<HTMLDivElement>(take);

  return (
    <section class="panel" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload videos</h2>
      <div ref={drop.ref} class={drop.dragging ? "drop-zone dragging" : "drop-zone"}>
        <label for="video-files" class="visually-hidden">
          Choose video files
        </label>
        <input
          ref={input}
          id="video-files"
          class="visually-hidden"
          type="file"
          multiple
          accept="video/*"
          tabIndex={-1}
          onChange={(event) => {
            const picker = event.currentTarget;
            take(picker.files);
            // Lets the same file be picked again, e.g. to resume it later.
            picker.value = "";
          }}
        />
        <button type="button" class="drop-button" onClick={() => input.current?.click()} aria-describedby="drop-hint">
          <span class="drop-title">Select videos</span>
          <span class="drop-subtitle">or drop them here</span>
        </button>
        <p id="drop-hint" class="hint">
          Large files are sent in parts and can be resumed: if the page closes, pick the same file again.
        </p>
      </div>
      <UnfinishedUploads uploader={uploader} />
      {rows.length > 0 && (
        <ul class="upload-rows" aria-label="Uploads in this session">
          {rows.map((row) => (
            <UploadRowView
              key={row.id}
              row={row}
              onPause={() => uploader.pause(row.id)}
              onResume={() => uploader.resume(row.id)}
              onCancel={() => void uploader.cancel(row.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
