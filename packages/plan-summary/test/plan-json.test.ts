import { describe, expect, it } from "vitest";
import { parsePlanJson, PlanJsonError } from "../src/index.js";
import { FIXTURE_NAMES, fixtureDocument } from "./fixtures.js";

describe("parsePlanJson", () => {
  it.each(FIXTURE_NAMES)("accepts the real Terraform 1.11.4 plan %s", (name) => {
    const plan = parsePlanJson(fixtureDocument(name), name);
    expect(plan.terraform_version).toBe("1.11.4");
    expect(plan.resource_changes.length).toBeGreaterThan(0);
  });

  it("rejects a Terraform state file, naming the source", () => {
    const state = { version: 4, terraform_version: "1.11.4", serial: 3, resources: [] };
    expect(() => parsePlanJson(state, "terraform.tfstate")).toThrow(PlanJsonError);
    expect(() => parsePlanJson(state, "terraform.tfstate")).toThrow(/terraform\.tfstate/);
  });

  it("rejects an unknown action rather than miscounting it", () => {
    const plan = fixtureDocument("dev-create") as { resource_changes: { change: { actions: string[] } }[] };
    plan.resource_changes[0]!.change.actions = ["explode"];
    expect(() => parsePlanJson(plan, "mutated")).toThrow(/resource_changes\.0\.change\.actions/);
  });

  it("treats a plan without resource_changes as one with no changes", () => {
    expect(parsePlanJson({ format_version: "1.2" }, "empty").resource_changes).toEqual([]);
  });
});
