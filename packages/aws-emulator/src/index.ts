export * from "./free-port.js";
export * from "./moto-server.js";
