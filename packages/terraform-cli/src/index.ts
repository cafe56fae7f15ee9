export * from "./terraform-cli-config.js";
