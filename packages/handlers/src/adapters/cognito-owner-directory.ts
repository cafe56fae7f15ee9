import {
  GetUserCommand,
  NotAuthorizedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { OwnerDirectory } from "../ports/owner-directory.js";

/** Creating an upload never waits on the directory longer than this. */
const OWNER_LOOKUP_TIMEOUT_MS = 1500;

/**
 * `OwnerDirectory` on Cognito's `GetUser`, called with the caller's own access token: Cognito
 * answers a user about themself with no IAM grant. A token it refuses (signed out everywhere,
 * user gone) means "no e-mail"; throttling, a slow answer or an outage reject.
 */
export class CognitoOwnerDirectory implements OwnerDirectory {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly timeoutMs = OWNER_LOOKUP_TIMEOUT_MS,
  ) {}

  async emailOf(accessToken: string): Promise<string | undefined> {
    try {
      const { UserAttributes = [] } = await this.cognito.send(new GetUserCommand({ AccessToken: accessToken }), {
        abortSignal: AbortSignal.timeout(this.timeoutMs),
      });
      const email = UserAttributes.find((attribute) => attribute.Name === "email")?.Value;
      return email === undefined || email === "" ? undefined : email;
    } catch (error) {
      if (error instanceof NotAuthorizedException || error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }
}
