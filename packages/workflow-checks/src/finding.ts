/** One problem in one GitHub workflow or action file. */
export interface Finding {
  /** Path of the file, relative to the folder checked. */
  readonly file: string;
  /** 1-based line in that file, where known. */
  readonly line?: number;
  /** Which check found it. */
  readonly check: "actionlint" | "action-validator" | "shellcheck" | "pinning";
  readonly message: string;
}

export function formatFinding(finding: Finding): string {
  const at = finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
  return `${at}: [${finding.check}] ${finding.message}`;
}
