export * from "./resources.js";
export * from "./event-sources.js";
export * from "./storage.js";
export * from "./status-table.js";
export * from "./functions.js";
export * from "./event-rules.js";
export * from "./http-apis.js";
export * from "./platform-topology.js";
