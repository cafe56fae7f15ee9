export * from "./config.js";
export * from "./app.js";
export * from "./artifacts.js";
export * from "./remote-state.js";
