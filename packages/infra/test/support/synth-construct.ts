import { TerraformStack, Testing } from "cdktf";
import type { Construct } from "constructs";
import { parseStack, type TerraformJson } from "./terraform-json.js";

/** Synthesizes whatever `build` adds to a fresh stack, and the built result for its typed fields. */
export function synthConstruct<T>(build: (scope: Construct) => T): { stack: TerraformJson; built: T } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  const built = build(stack);
  return { stack: parseStack(Testing.synth(stack)), built };
}
