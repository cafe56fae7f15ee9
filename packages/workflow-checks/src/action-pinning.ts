import { isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";

/** `owner/repo[/path]@<40 hex>`: a tag can be moved to other code, a commit cannot. */
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@]+)?@[0-9a-f]{40}$/;

/** Every `uses:` of another repository's action or workflow must name a full commit. */
export function pinningFindings(file: GithubFile, source: string): Finding[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines });
  const findings: Finding[] = [];
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const uses = String(pair.value.value);
      if (uses.startsWith("./") || uses.startsWith("docker://") || PINNED.test(uses)) return;
      findings.push({
        file: file.name,
        line: lines.linePos(pair.value.range?.[0] ?? 0).line,
        check: "pinning",
        message: `${uses} is not pinned to a full commit SHA`,
      });
    },
  });
  return findings;
}
