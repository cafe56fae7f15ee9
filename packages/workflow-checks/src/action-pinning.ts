import { isScalar, LineCounter, parseDocument, visit } from "yaml";
import type { Finding } from "./finding.js";
import type { GithubFile } from "./github-files.js";

/** `owner/repo[/path]@<40 hex>`: a tag can be moved to other code, a commit cannot. */
const PINNED = /^[\w.-]+\/[\w.-]+(\/[^@]+)?@[0-9a-f]{40}$/;

/** `# v4.2.2` (or `# 4.2.2`) after the SHA: what a reviewer and an update tool compare against. */
const VERSION_COMMENT = /^\s*v?\d+(\.\d+){0,2}\b/;

/**
 * Every `uses:` of another repository's action or workflow must name a full commit, with the
 * release it is in a comment beside it. actionlint checks neither: this is the project's own rule.
 */
export function pinningFindings(file: GithubFile, source: string): Finding[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines });
  const findings: Finding[] = [];
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const uses = String(pair.value.value);
      if (uses.startsWith("./") || uses.startsWith("docker://")) return;
      const at = { file: file.name, line: lines.linePos(pair.value.range?.[0] ?? 0).line, check: "pinning" as const };
      if (!PINNED.test(uses)) {
        findings.push({ ...at, message: `${uses} is not pinned to a full commit SHA` });
      } else if (!VERSION_COMMENT.test(pair.value.comment ?? "")) {
        findings.push({ ...at, message: `${uses} has no version comment (such as "# v4.2.2")` });
      }
    },
  });
  return findings;
}
