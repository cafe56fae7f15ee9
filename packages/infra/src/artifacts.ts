import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FUNCTION_ARTIFACTS, FUNCTION_NAMES, type FunctionName } from "@video-platform/shared-types";

/** What the app publishes: the handler bundles and, when it was built, the web app. */
export interface BuildArtifacts {
  /** Absolute path of each function's zip. */
  readonly functionZips: Readonly<Record<FunctionName, string>>;
  /** Absolute path of the built web app, or undefined when it has not been built. */
  readonly webDistDir: string | undefined;
}

export class MissingArtifactError extends Error {
  override readonly name = "MissingArtifactError";
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const DEFAULT_HANDLERS_DIST = join(REPO_ROOT, "packages/handlers/dist");
export const DEFAULT_WEB_DIST = join(REPO_ROOT, "apps/web/dist");

/**
 * Finds the artifacts turbo built before synth. The handler zips are required (synth never
 * bundles); the web app is optional so that infra can be synthesized on its own.
 */
export function locateArtifacts(handlersDist = DEFAULT_HANDLERS_DIST, webDist = DEFAULT_WEB_DIST): BuildArtifacts {
  const missing: string[] = [];
  const functionZips = Object.fromEntries(
    FUNCTION_NAMES.map((name) => {
      const zip = join(handlersDist, `${FUNCTION_ARTIFACTS[name]}.zip`);
      if (!existsSync(zip)) missing.push(zip);
      return [name, zip];
    }),
  ) as Record<FunctionName, string>;
  if (missing.length > 0) {
    throw new MissingArtifactError(
      `handler bundles not built: ${missing.join(", ")}. Run \`pnpm turbo run build --filter=@video-platform/handlers\` first.`,
    );
  }
  const hasWeb = existsSync(webDist) && statSync(webDist).isDirectory() && existsSync(join(webDist, "index.html"));
  return { functionZips, webDistDir: hasWeb ? webDist : undefined };
}
