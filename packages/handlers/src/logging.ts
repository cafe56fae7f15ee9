import { Logger } from "@aws-lambda-powertools/logger";
import { FUNCTION_ARTIFACTS, type FunctionName } from "@video-platform/shared-types";

/**
 * The structured JSON logger of one function. POWERTOOLS_SERVICE_NAME (set by infra) names the
 * service when present; the function's artifact name otherwise.
 */
export function functionLogger(name: FunctionName): Logger {
  return new Logger({ serviceName: process.env["POWERTOOLS_SERVICE_NAME"] || FUNCTION_ARTIFACTS[name] });
}
