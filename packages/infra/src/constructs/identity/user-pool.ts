import { CognitoUserGroup } from "@cdktf/provider-aws/lib/cognito-user-group";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import {
  ACCESS_TOKEN_VALIDITY_MINUTES,
  ADMIN_GROUP,
  ID_TOKEN_VALIDITY_MINUTES,
  PASSWORD_POLICY,
  REFRESH_TOKEN_VALIDITY_DAYS,
  TEMPORARY_PASSWORD_VALIDITY_DAYS,
  WEB_CLIENT_AUTH_FLOWS,
} from "@video-platform/shared-types";
import { Construct } from "constructs";

export interface UserPoolProps {
  readonly namePrefix: string;
  /** Whether anyone may create an account from the sign-in page; off means admins invite (`admin-create-user`). */
  readonly selfSignUp: boolean;
  /** Offer TOTP (authenticator app) MFA, which each user may turn on; never SMS. Default on. */
  readonly totpMfa?: boolean;
  /** Refuse deletion, in Cognito (deletion protection) and in Terraform (`prevent_destroy`): the accounts of production. */
  readonly deletionProtection: boolean;
  /**
   * Cognito's feature plan. LITE has everything the platform uses (SRP, TOTP, groups, refresh,
   * token revocation) at the lowest price per monthly active user.
   */
  readonly tier?: "LITE" | "ESSENTIALS" | "PLUS";
  readonly tags?: Readonly<Record<string, string>>;
}

/** What the HTTP API JWT authorizer needs: for access tokens API Gateway matches the audience against `client_id`. */
export interface JwtAuthorizerSettings {
  readonly issuer: string;
  readonly audience: readonly string[];
}

/**
 * The environment's accounts: a Cognito user pool where the e-mail address is the user name
 * (case-insensitive, changed only once the new address is verified), the platform's password
 * policy, optional TOTP MFA, the `admin` group, and one public app client for the web app: no
 * secret (a browser cannot keep one), SRP and refresh flows only, 1 h access tokens and 30 d
 * refresh tokens, revocable at sign-out. Invitations and password resets use Cognito's own
 * e-mail (a low daily quota; connect SES for more).
 */
export class UserPool extends Construct {
  readonly userPoolId: string;
  readonly userPoolArn: string;
  readonly webClientId: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the `iss` of every token. */
  readonly issuerUrl: string;
  readonly adminGroupName: string;
  readonly jwtAuthorizer: JwtAuthorizerSettings;

  constructor(scope: Construct, id: string, props: UserPoolProps) {
    super(scope, id);
    const totp = props.totpMfa ?? true;
    const tags = props.tags ? { ...props.tags } : undefined;

    const pool = new CognitoUserPool(this, "Pool", {
      name: `${props.namePrefix}-users`,
      userPoolTier: props.tier ?? "LITE",
      usernameAttributes: ["email"],
      usernameConfiguration: { caseSensitive: false },
      autoVerifiedAttributes: ["email"],
      // A changed e-mail takes effect only once verified: the user name cannot be moved to an address nobody owns.
      userAttributeUpdateSettings: { attributesRequireVerificationBeforeUpdate: ["email"] },
      passwordPolicy: {
        minimumLength: PASSWORD_POLICY.minimumLength,
        requireLowercase: PASSWORD_POLICY.requireLowercase,
        requireUppercase: PASSWORD_POLICY.requireUppercase,
        requireNumbers: PASSWORD_POLICY.requireNumbers,
        requireSymbols: PASSWORD_POLICY.requireSymbols,
        temporaryPasswordValidityDays: TEMPORARY_PASSWORD_VALIDITY_DAYS,
      },
      mfaConfiguration: totp ? "OPTIONAL" : "OFF",
      softwareTokenMfaConfiguration: totp ? { enabled: true } : undefined,
      adminCreateUserConfig: { allowAdminCreateUserOnly: !props.selfSignUp },
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      deletionProtection: props.deletionProtection ? "ACTIVE" : "INACTIVE",
      lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
      tags,
    });

    const client = new CognitoUserPoolClient(this, "WebClient", {
      name: `${props.namePrefix}-web`,
      userPoolId: pool.id,
      generateSecret: false,
      explicitAuthFlows: [...WEB_CLIENT_AUTH_FLOWS],
      accessTokenValidity: ACCESS_TOKEN_VALIDITY_MINUTES,
      idTokenValidity: ID_TOKEN_VALIDITY_MINUTES,
      refreshTokenValidity: REFRESH_TOKEN_VALIDITY_DAYS,
      tokenValidityUnits: [{ accessToken: "minutes", idToken: "minutes", refreshToken: "days" }],
      enableTokenRevocation: true,
      // "Incorrect user name or password" either way: the sign-in page does not reveal who has an account.
      preventUserExistenceErrors: "ENABLED",
    });

    const admins = new CognitoUserGroup(this, "AdminGroup", {
      name: ADMIN_GROUP,
      userPoolId: pool.id,
      description: "Acts on every upload and sees each one's owner.",
    });

    this.userPoolId = pool.id;
    this.userPoolArn = pool.arn;
    this.webClientId = client.id;
    this.issuerUrl = `https://${pool.endpoint}`;
    this.adminGroupName = admins.name;
    this.jwtAuthorizer = { issuer: this.issuerUrl, audience: [this.webClientId] };
  }
}
