import type { OwnerDirectory } from "../../../src/ports/owner-directory.js";

/** `OwnerDirectory` in memory: access token → e-mail; a token listed as failing makes the directory reject. */
export class InMemoryOwnerDirectory implements OwnerDirectory {
  readonly emails = new Map<string, string>();
  readonly failing = new Set<string>();

  async emailOf(accessToken: string): Promise<string | undefined> {
    if (this.failing.has(accessToken)) throw new Error("the directory is unavailable");
    return this.emails.get(accessToken);
  }
}
