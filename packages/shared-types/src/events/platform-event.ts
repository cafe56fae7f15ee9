import * as z from "zod";
import { MediaConvertJobStateChangeEvent } from "./mediaconvert-job-state-change.js";
import { S3ObjectCreatedEvent } from "./s3-object-created.js";

/** Every event `UpdateUploadStatus` is subscribed to. */
export const UploadLifecycleEvent = z.discriminatedUnion("detail-type", [
  S3ObjectCreatedEvent,
  MediaConvertJobStateChangeEvent,
]);
export type UploadLifecycleEvent = z.infer<typeof UploadLifecycleEvent>;
