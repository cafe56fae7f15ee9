import { FUNCTION_NAMES, type FunctionName } from "./environment.js";
import { PLATFORM_FUNCTIONS } from "./topology/functions.js";

/** Each function's bundle name (see `FunctionDefinition.artifact`), for the build and the logger. */
export const FUNCTION_ARTIFACTS: Readonly<Record<FunctionName, string>> = Object.fromEntries(
  FUNCTION_NAMES.map((name) => [name, PLATFORM_FUNCTIONS[name].artifact]),
) as Record<FunctionName, string>;

/** Every bundle's `index.mjs` exports `handler`. */
export const LAMBDA_HANDLER_ENTRY = "index.handler";
