export * from "./plan-json.js";
export * from "./change-kind.js";
export * from "./stateful-resource.js";
export * from "./stack-plan.js";
export * from "./stateful-gate.js";
export * from "./plan-comment.js";
export * from "./plan-summary-json.js";
export * from "./plan-file.js";
