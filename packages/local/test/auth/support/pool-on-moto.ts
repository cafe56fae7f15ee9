import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { startMotoServer, type RunningMotoServer } from "@video-platform/aws-emulator";
import { createAccessTokenVerifier, type AccessTokenVerifier } from "../../../src/auth/access-token-verifier.js";
import { cognitoClient, provisionLocalIdentity, type LocalIdentity } from "../../../src/auth/local-identity.js";

/** What every sign-in test starts from: a moto_server holding the local user pool, a Cognito client on it, and the API's verifier for it. */
export interface PoolOnMoto {
  readonly moto: RunningMotoServer;
  readonly cognito: CognitoIdentityProviderClient;
  readonly identity: LocalIdentity;
  readonly verifier: AccessTokenVerifier;
  stop(): Promise<void>;
}

/** moto_server inherits this process's environment: set any `MOTO_*` switch before calling. */
export async function startPoolOnMoto(): Promise<PoolOnMoto> {
  const moto = await startMotoServer();
  let identity: LocalIdentity;
  try {
    identity = await provisionLocalIdentity(moto.endpoint);
  } catch (error) {
    await moto.stop();
    throw error;
  }
  const cognito = cognitoClient(moto.endpoint);
  return {
    moto,
    cognito,
    identity,
    verifier: createAccessTokenVerifier({ issuer: identity.issuer, clientId: identity.webClientId, jwksUrl: identity.jwksUrl }),
    stop: async () => {
      cognito.destroy();
      await moto.stop();
    },
  };
}
