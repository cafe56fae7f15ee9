import { Logger } from "@aws-lambda-powertools/logger";
import { describe, expect, it } from "vitest";
import { UploadLifecycle } from "../../src/use-cases/upload-lifecycle.js";
import { InMemoryUploadTable } from "../support/in-memory/in-memory-upload-table.js";
import { jobStateChangeEvent, objectCreatedEvent } from "../support/lifecycle-events.js";
import { recordPendingUpload } from "../support/upload-records.js";

const logger = new Logger({ serviceName: "test", logLevel: "SILENT" });

describe("the upload lifecycle on the in-memory table", () => {
  it("records arrival and progress, and takes a replayed or late event as a no-op", async () => {
    const table = new InMemoryUploadTable();
    const lifecycle = new UploadLifecycle(table, logger);
    const { objectKey } = await recordPendingUpload(table);
    const arrived = objectCreatedEvent("raw", objectKey, 5_000);
    expect(await lifecycle.record(arrived)).toBe("applied");
    expect(await lifecycle.record(arrived)).toBe("refused");
    const progress = (percent: number) =>
      jobStateChangeEvent(objectKey, { status: "STATUS_UPDATE", jobProgress: { jobPercentComplete: percent } });
    expect(await lifecycle.record(progress(60))).toBe("applied");
    expect(await lifecycle.record(progress(40))).toBe("refused");
    expect(await table.get(objectKey)).toMatchObject({ Status: "TRANSCODING", Progress: 60, SizeBytes: 5_000 });
    expect(await lifecycle.record(objectCreatedEvent("raw", "elsewhere/x.mp4", 1))).toBe("ignored");
  });
});
