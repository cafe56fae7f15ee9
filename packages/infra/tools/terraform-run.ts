import { spawn } from "node:child_process";

export class TerraformCommandError extends Error {
  override readonly name = "TerraformCommandError";
}

// Every run shares one plugin cache (packages/terraform-cli), and Terraform's cache is not safe for
// concurrent installs: two inits filling it at once race on the same directory ("mkdir ...: file
// exists"). So `init`s take turns; every other command runs as soon as it is asked for.
let initTurn: Promise<unknown> = Promise.resolve();

/** Runs `terraform <args>` in `cwd`; resolves with stdout, rejects with everything it printed. */
export function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (args[0] !== "init") return run(args, cwd, env);
  const turn = initTurn.then(() => run(args, cwd, env));
  initTurn = turn.catch(() => undefined);
  return turn;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const out = Buffer.concat(stdout).toString("utf8");
      if (code === 0) resolve(out);
      else {
        const err = Buffer.concat(stderr).toString("utf8");
        reject(new TerraformCommandError(`terraform ${args.join(" ")} (in ${cwd}) exited ${code}\n${err}${out}`));
      }
    });
  });
}
