export * from "./finding.js";
export * from "./github-files.js";
export * from "./action-validator.js";
export * from "./actionlint.js";
export * from "./run-steps.js";
export * from "./shellcheck.js";
export * from "./action-pinning.js";
export * from "./github-check.js";
