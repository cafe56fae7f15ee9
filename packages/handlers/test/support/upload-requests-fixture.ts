import { Logger } from "@aws-lambda-powertools/logger";
import { DEFAULT_UPLOAD_QUOTA, MIB, type UploadQuota } from "@video-platform/shared-types";
import { UploadQuotaGate } from "../../src/use-cases/upload-quota-gate.js";
import { UploadRequests } from "../../src/use-cases/upload-requests.js";
import { InMemoryOwnerDirectory } from "./in-memory/in-memory-owner-directory.js";
import { InMemoryRawUploadBucket } from "./in-memory/in-memory-raw-bucket.js";
import { InMemoryUploadTable } from "./in-memory/in-memory-upload-table.js";
import { InMemoryUploadUsage } from "./in-memory/in-memory-upload-usage.js";

export const TEST_NOW = new Date("2025-06-01T12:00:00.000Z");
export const TEST_URL_TTL_SECONDS = 900;

/** The upload use cases on in-memory ports: no moto, no network, a clock the test may move. */
export function uploadRequestsOnMemory(options: { quota?: UploadQuota; now?: Date } = {}) {
  const table = new InMemoryUploadTable();
  const bucket = new InMemoryRawUploadBucket();
  const usage = new InMemoryUploadUsage();
  const owners = new InMemoryOwnerDirectory();
  const clock = { now: options.now ?? TEST_NOW };
  const requests = new UploadRequests({
    table,
    bucket,
    quota: new UploadQuotaGate(table, usage, options.quota ?? DEFAULT_UPLOAD_QUOTA),
    owners,
    maxUploadBytes: 500 * MIB,
    urlTtlSeconds: TEST_URL_TTL_SECONDS,
    logger: new Logger({ serviceName: "test", logLevel: "SILENT" }),
    clock: () => clock.now,
  });
  return { table, bucket, usage, owners, clock, requests };
}
