/**
 * Prints what the browser sign-in library costs the web app: amazon-cognito-identity-js with
 * every call the sign-in page makes (SRP sign-in, new-password challenge, TOTP set-up and code,
 * forgotten password, refresh, sign-out), bundled for the browser by esbuild and minified, as
 * raw, gzip -9 and brotli 11 bytes, next to the web app's initial JavaScript budget. The page can
 * load it lazily (a dynamic import when sign-in is needed), which keeps it out of that budget.
 */
import { build } from "esbuild";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const INITIAL_JS_BUDGET_BYTES = 100 * 1000;

const entry = `
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
export function signInModule(poolId, clientId) {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId });
  const user = new CognitoUser({ Username: "someone@example.com", Pool: pool });
  const callbacks = { onSuccess() {}, onFailure() {}, newPasswordRequired() {}, totpRequired() {} };
  user.authenticateUser(new AuthenticationDetails({ Username: "someone@example.com", Password: "x" }), callbacks);
  user.completeNewPasswordChallenge("x", {}, callbacks);
  user.sendMFACode("000000", callbacks, "SOFTWARE_TOKEN_MFA");
  user.associateSoftwareToken({ associateSecretCode() {}, onFailure() {} });
  user.verifySoftwareToken("000000", "device", callbacks);
  user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, () => {});
  user.forgotPassword(callbacks);
  user.confirmPassword("000000", "x", callbacks);
  user.getSession(() => {});
  user.signOut();
  return pool;
}
`;

const result = await build({
  stdin: { contents: entry, resolveDir: import.meta.dirname, loader: "js" },
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  // The library's Buffer polyfill reads Node's `global`; the web app's bundler must define it too.
  define: { global: "globalThis" },
  write: false,
  logLevel: "error",
});
const bytes = result.outputFiles[0]?.contents;
if (!bytes) throw new Error("esbuild produced no output");

const kb = (count: number) => `${(count / 1000).toFixed(1)} kB`;
const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log("browser sign-in library: amazon-cognito-identity-js (esbuild, minified, browser)");
console.log(`  raw ${kb(bytes.length)}  gzip ${kb(gzip)}  brotli ${kb(brotli)}`);
console.log(
  `  = ${((gzip / INITIAL_JS_BUDGET_BYTES) * 100).toFixed(0)} % of the web app's initial JS budget (gzip ${kb(INITIAL_JS_BUDGET_BYTES)}) if loaded eagerly; 0 % when imported lazily`,
);
