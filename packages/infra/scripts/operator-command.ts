import { pathToFileURL } from "node:url";

/**
 * Runs an operator script's `main` when the file is the command itself (not imported by a test),
 * with its arguments (less the `--` that `pnpm run <script> -- args` may hand on): its report on stdout; a refusal the script expects (`plainError`) as its message alone on stderr,
 * anything else with its stack; either way exit code 1.
 */
export function runAsOperatorCommand(
  moduleUrl: string,
  main: (argv: readonly string[]) => Promise<string>,
  plainError: new (...args: never[]) => Error,
): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const argv = process.argv.slice(2);
  main(argv[0] === "--" ? argv.slice(1) : argv).then(
    (output) => console.log(output),
    (error: unknown) => {
      console.error(error instanceof plainError ? error.message : error);
      process.exitCode = 1;
    },
  );
}
