import { copyFile, mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commentMarker } from "../src/index.js";
import { fixturePath } from "./fixtures.js";
import { inTempDir, packageDir, summarize } from "./run-summarize.js";

describe("summarize CLI", () => {
  it("prints the comment for the given plans", async () => {
    const result = await summarize(["--environment", "dev", `dev=${fixturePath("dev-replace-destroy")}`]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(`${commentMarker("dev")}\n`)).toBe(true);
    expect(result.stdout).toContain("[!CAUTION]");
  });

  it("resolves relative paths from where pnpm was called and writes --output", async () => {
    await inTempDir(async (dir) => {
      await mkdir(join(dir, "plans"));
      await copyFile(fixturePath("dev-no-changes"), join(dir, "plans", "dev-no-changes.json"));
      const result = await summarize(["-o", "comment.md", "plans/dev-no-changes.json"], { INIT_CWD: dir });
      expect(result.code).toBe(0);
      const text = await readFile(join(dir, "comment.md"), "utf8");
      expect(text.split("\n")[0]).toBe(commentMarker("dev-no-changes"));
      expect(text).toContain("**No changes.**");
    });
  });

  it("fails with a message naming a file that is not a plan", async () => {
    const result = await summarize([join(packageDir, "package.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/package\.json is not a Terraform plan JSON/);
  });

  it("fails when given no plan", async () => {
    const result = await summarize([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no plan files given/);
  });

  it("writes a summary JSON that names the changes but holds no attribute value", async () => {
    await inTempDir(async (dir) => {
      const result = await summarize(["-e", "dev", "--summary-json", join(dir, "summary.json"), `dev=${fixturePath("dev-replace-secret")}`]);
      expect(result.code).toBe(0);
      const text = await readFile(join(dir, "summary.json"), "utf8");
      const summary = JSON.parse(text) as { environment: string; gate: { status: string }; stacks: { changes: { address: string; kind: string }[] }[] };
      expect(summary.environment).toBe("dev");
      expect(summary.gate.status).toBe("blocked");
      expect(summary.stacks[0]?.changes).toEqual([expect.objectContaining({ address: "aws_secretsmanager_secret.cdn_identifier", kind: "replace" })]);
      // The secret's name and ARN are values of the plan; the summary carries neither.
      expect(text).not.toContain("live-cdn-identifier");
      expect(text).not.toContain("arn:aws");
    });
  });

  it("refuses a --kind it does not know and labels that are not a list", async () => {
    expect((await summarize(["--kind", "audit", fixturePath("dev-create")])).code).toBe(2);
    expect((await summarize(["--labels", "[1]", fixturePath("dev-create")])).stderr).toMatch(/JSON array of strings/);
  });

  it("writes the failure comment for an environment without a plan", async () => {
    const result = await summarize(["--environment", "prod", "--failure", "terraform init failed"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(commentMarker("prod"));
    expect(result.stdout).toContain("terraform init failed");
    expect((await summarize(["--failure", "x"])).code).toBe(2);
  });
});
