import { join } from "node:path";
import { githubFileAt, type GithubFile } from "../src/index.js";

const fixturesDir = join(import.meta.dirname, "fixtures");

/** A sample under `test/fixtures/`, named relative to that folder. */
export function fixture(path: string): GithubFile {
  return githubFileAt(join(fixturesDir, path), fixturesDir);
}
