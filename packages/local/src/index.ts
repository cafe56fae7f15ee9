export * from "./local-platform.js";
export * from "./local-resources.js";
export * from "./local-wiring.js";
