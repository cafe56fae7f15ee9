import { describe, expect, it } from "vitest";
import { planFileArgument, readStackPlan, PlanJsonError } from "../src/index.js";
import { fixturePath } from "./fixtures.js";

describe("planFileArgument", () => {
  it("takes the stack from cdktf's layout", () => {
    expect(planFileArgument("packages/infra/cdktf.out/stacks/prod/plan.json", "/repo")).toEqual({
      stack: "prod",
      path: "/repo/packages/infra/cdktf.out/stacks/prod/plan.json",
    });
  });

  it("takes an explicit stack name, or else the file name", () => {
    expect(planFileArgument("dev=/tmp/x.json", "/repo")).toEqual({ stack: "dev", path: "/tmp/x.json" });
    expect(planFileArgument("plans/staging.plan.json", "/repo")).toEqual({ stack: "staging", path: "/repo/plans/staging.plan.json" });
  });
});

describe("readStackPlan", () => {
  it("reads a plan file", async () => {
    const stack = await readStackPlan({ stack: "dev", path: fixturePath("dev-create") });
    expect(stack.counts.create).toBe(9);
  });

  it("names a missing or malformed file in its error", async () => {
    await expect(readStackPlan({ stack: "dev", path: "/nonexistent/plan.json" })).rejects.toThrow(PlanJsonError);
    await expect(readStackPlan({ stack: "dev", path: import.meta.filename })).rejects.toThrow(/is not JSON/);
  });
});
