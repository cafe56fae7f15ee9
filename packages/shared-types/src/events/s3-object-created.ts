import * as z from "zod";

/** The EventBridge event S3 sends for a new object (bucket with EventBridge notifications on). */
export const S3ObjectCreatedEvent = z.object({
  id: z.string(),
  "detail-type": z.literal("Object Created"),
  source: z.literal("aws.s3"),
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

export const S3_OBJECT_CREATED = { source: "aws.s3", detailType: "Object Created" } as const;
