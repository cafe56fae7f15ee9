import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { committedLockFile, copyProviderLocks, LOCK_FILE_NAME } from "../src/provider-locks.js";
import { synthesizeApp } from "./support/synthesized-app.js";

const locksDir = join(import.meta.dirname, "..", "provider-locks");
const synthesized = synthesizeApp();
afterAll(() => synthesized.cleanup());

describe("committed provider lock files", () => {
  it.each(Object.keys(synthesized.stacks))("%s has one, locking hashicorp/aws 5.100.0 to a package hash", (stack) => {
    const lock = readFileSync(committedLockFile(locksDir, stack), "utf8");
    expect(lock).toMatch(/provider "registry\.terraform\.io\/hashicorp\/aws" \{\s+version\s+= "5\.100\.0"/);
    expect(lock).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);
    // Only the provider the stack requires: nothing stale for init to complain about.
    expect(lock.match(/^provider /gm)).toHaveLength(1);
  });

  it("are copied into each synthesized stack directory, where terraform init reads them", () => {
    expect(copyProviderLocks(synthesized.outdir, locksDir)).toEqual([]);
    for (const stack of Object.keys(synthesized.stacks)) {
      expect(readFileSync(join(synthesized.outdir, "stacks", stack, LOCK_FILE_NAME), "utf8")).toBe(readFileSync(committedLockFile(locksDir, stack), "utf8"));
    }
  });

  it("name the stacks that have none yet", () => {
    const emptyLocks = mkdtempSync(join(tmpdir(), "locks-"));
    try {
      mkdirSync(emptyLocks, { recursive: true });
      writeFileSync(committedLockFile(emptyLocks, "dev"), readFileSync(committedLockFile(locksDir, "dev")));
      expect(copyProviderLocks(synthesized.outdir, emptyLocks).sort()).toEqual(["ci-access", "prod", "state-bootstrap"]);
    } finally {
      rmSync(emptyLocks, { recursive: true, force: true });
    }
  });
});
