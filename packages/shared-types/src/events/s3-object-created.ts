import * as z from "zod";
import { S3_OBJECT_CREATED } from "../topology/event-sources.js";

/** The EventBridge event S3 sends for a new object (bucket with EventBridge notifications on). */
export const S3ObjectCreatedEvent = z.object({
  id: z.string(),
  "detail-type": z.literal(S3_OBJECT_CREATED.detailType),
  source: z.literal(S3_OBJECT_CREATED.source),
  time: z.string(),
  region: z.string(),
  detail: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().min(0),
      etag: z.string().min(1),
      sequencer: z.string().optional(),
      "version-id": z.string().optional(),
    }),
    reason: z.string().optional(),
  }),
});
export type S3ObjectCreatedEvent = z.infer<typeof S3ObjectCreatedEvent>;
