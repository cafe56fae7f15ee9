/**
 * `check [ROOT]`: checks the workflows and composite actions under ROOT/.github (default: this
 * repository) and prints each finding; exits 1 when there is any.
 */
import { resolve } from "node:path";
import { formatFinding } from "./finding.js";
import { checkGithubFiles } from "./github-check.js";
import { repositoryGithubFiles } from "./github-files.js";

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, "../../.."));
const files = repositoryGithubFiles(root);
if (files.length === 0) {
  console.error(`no workflows or actions under ${root}/.github`);
  process.exit(1);
}
const result = await checkGithubFiles(files);
for (const finding of result.findings) console.log(formatFinding(finding));
console.log(`${files.length} files, ${result.runSteps.length} run steps, ${result.findings.length} findings`);
process.exitCode = result.findings.length > 0 ? 1 : 0;
