// Loaded with `node --import`: records the process's peak resident set size when it exits.
import { writeFileSync } from "node:fs";
import process from "node:process";

process.on("exit", () => {
  const out = process.env.RSS_PROBE_OUT;
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS));
});
