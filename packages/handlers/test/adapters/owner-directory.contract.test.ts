import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { freeLoopbackPort } from "@video-platform/aws-emulator";
import { expect, it } from "vitest";
import { CognitoOwnerDirectory } from "../../src/adapters/cognito-owner-directory.js";
import type { OwnerDirectory } from "../../src/ports/owner-directory.js";
import { startHandlerEnvironment } from "../support/aws-environment.js";
import { signedInCognitoUser } from "../support/cognito-user.js";
import { InMemoryOwnerDirectory } from "../support/in-memory/in-memory-owner-directory.js";
import { describeContract } from "../support/port-contract.js";

interface DirectoryUnderTest {
  readonly directory: OwnerDirectory;
  /** A user with this e-mail, signed in: their access token. */
  signedIn(email: string): Promise<string>;
  /** The same directory, unreachable. */
  unreachable(): OwnerDirectory;
  stop(): Promise<void>;
}

const implementations: Record<string, () => Promise<DirectoryUnderTest>> = {
  "the Cognito adapter (on moto's user pool)": async () => {
    const environment = await startHandlerEnvironment();
    const cognito = new CognitoIdentityProviderClient({});
    // A loopback port nothing listens on: an unreachable directory.
    const closedPort = await freeLoopbackPort();
    return {
      directory: new CognitoOwnerDirectory(cognito),
      signedIn: async (email) => (await signedInCognitoUser(email)).accessToken,
      unreachable: () =>
        new CognitoOwnerDirectory(
          new CognitoIdentityProviderClient({ endpoint: `http://127.0.0.1:${closedPort}`, maxAttempts: 1 }),
        ),
      stop: async () => {
        cognito.destroy();
        await environment.stop();
      },
    };
  },
  "the in-memory directory": async () => {
    const directory = new InMemoryOwnerDirectory();
    let sequence = 0;
    return {
      directory,
      async signedIn(email) {
        const token = `token-${++sequence}`;
        directory.emails.set(token, email);
        return token;
      },
      unreachable() {
        const down = new InMemoryOwnerDirectory();
        return { emailOf: (token) => (down.failing.add(token), down.emailOf(token)) };
      },
      stop: async () => undefined,
    };
  },
};

describeContract("OwnerDirectory", implementations, (subject) => {
  it("tells a signed-in user's e-mail from their access token", async () => {
    const token = await subject.signedIn("owner@example.com");
    expect(await subject.directory.emailOf(token)).toBe("owner@example.com");
  });

  it("tells nothing for a token it does not take", async () => {
    expect(await subject.directory.emailOf("not-a-token")).toBeUndefined();
  });

  it("rejects when it cannot be reached, so the caller can say so and go on", async () => {
    await expect(subject.unreachable().emailOf("any-token")).rejects.toThrow();
  });
});
