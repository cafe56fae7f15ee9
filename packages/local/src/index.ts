export * from "./local-platform.js";
export * from "./local-wiring.js";
