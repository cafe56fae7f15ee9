export * from "./free-port.js";
export * from "./loopback-listener.js";
export * from "./moto-server.js";
export * from "./one-at-a-time.js";
