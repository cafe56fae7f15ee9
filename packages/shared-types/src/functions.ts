import type { FunctionName } from "./environment.js";

/**
 * The file name each function's bundle has under `packages/handlers/dist/` (`<artifact>.zip`)
 * and its source under `packages/handlers/src/functions/` (`<artifact>.ts`). Each zip holds
 * `index.mjs`, exporting `handler`.
 */
export const FUNCTION_ARTIFACTS: Readonly<Record<FunctionName, string>> = {
  GeneratePresignedUrl: "generate-presigned-url",
  UpdateUploadStatus: "update-upload-status",
  TriggerMediaConvert: "trigger-media-convert",
  QueryUploadStatus: "query-upload-status",
};

export const LAMBDA_HANDLER_ENTRY = "index.handler";
