import { readdirSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";

/** action-validator tells the two apart by file name, and so does GitHub. */
export type GithubFileKind = "workflow" | "action";

export interface GithubFile {
  readonly path: string;
  /** Relative to the folder searched, with forward slashes. */
  readonly name: string;
  readonly kind: GithubFileKind;
}

const YAML_FILE = /\.ya?ml$/;
const ACTION_FILE = /^action\.ya?ml$/;

export function githubFileKind(path: string): GithubFileKind {
  return ACTION_FILE.test(basename(path)) ? "action" : "workflow";
}

function yamlFilesUnder(directory: string): string[] {
  try {
    return readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
      .map((entry) => join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * The workflows (`.github/workflows/*.yml`) and composite actions (`.github/actions/<name>/action.yml`)
 * of the repository at `root`, in a stable order.
 */
export function repositoryGithubFiles(root: string): GithubFile[] {
  const workflows = yamlFilesUnder(join(root, ".github", "workflows")).filter((path) => githubFileKind(path) === "workflow");
  const actions = yamlFilesUnder(join(root, ".github", "actions")).filter((path) => githubFileKind(path) === "action");
  return [...workflows, ...actions].sort().map((path) => githubFileAt(path, root));
}

export function githubFileAt(path: string, root: string): GithubFile {
  return { path, name: relative(root, path).split(sep).join("/"), kind: githubFileKind(path) };
}
