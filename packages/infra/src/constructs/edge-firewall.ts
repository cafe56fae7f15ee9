import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";

export interface EdgeFirewallProps {
  readonly namePrefix: string;
  /** A CloudFront web ACL lives in us-east-1, whatever the stack's region. */
  readonly usEast1: TerraformProvider;
  /** Requests whose path starts with one of these are counted per client IP (the upload API's prefixes). */
  readonly rateLimitedPathPrefixes: readonly string[];
  /** Requests one IP may make under that prefix in any 5 minutes before WAF blocks it. */
  readonly requestsPerIpPer5Minutes: number;
}

/** WAF's bounds on a rate-based rule's limit. */
export const RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;
export const COMMON_RULE_SET = "AWSManagedRulesCommonRuleSet";

export class EdgeFirewallConfigError extends Error {
  override readonly name = "EdgeFirewallConfigError";
}

/** CloudWatch metrics and sampled requests for the ACL and each rule, so blocks can be looked at. */
const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

/**
 * A CloudFront-scope WAF web ACL: a per-IP rate limit on the upload routes (one client cannot
 * open uploads, or sign parts, faster than a person would), then AWS's managed common rule set
 * (the OWASP-style protections). Everything else is allowed.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    const limit = props.requestsPerIpPer5Minutes;
    if (!Number.isInteger(limit) || limit < RATE_LIMIT_RANGE.min || limit > RATE_LIMIT_RANGE.max) {
      throw new EdgeFirewallConfigError(`rate limit must be ${RATE_LIMIT_RANGE.min}-${RATE_LIMIT_RANGE.max} requests per 5 minutes, got ${limit}`);
    }
    const prefixes = props.rateLimitedPathPrefixes;
    if (prefixes.length === 0) throw new EdgeFirewallConfigError("the rate limit needs at least one path prefix");
    for (const prefix of prefixes) {
      if (!/^\/[^*?\s]*$/.test(prefix)) {
        throw new EdgeFirewallConfigError(`rate-limited path prefix must be a literal path starting with "/", got "${prefix}"`);
      }
    }
    const startsWith = (prefix: string) => ({
      byte_match_statement: {
        search_string: prefix,
        positional_constraint: "STARTS_WITH",
        field_to_match: { uri_path: {} },
        text_transformation: [{ priority: 0, type: "NONE" }],
      },
    });
    const metric = props.namePrefix.replace(/[^A-Za-z0-9]/g, "");
    this.webAcl = new Wafv2WebAcl(this, "acl", {
      provider: props.usEast1,
      name: `${props.namePrefix}-edge`,
      description: "Rate limit on the upload routes, AWS managed common rules",
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${metric}Edge`),
      rule: [
        {
          name: "upload-rate-per-ip",
          priority: 0,
          action: { block: {} },
          statement: {
            rate_based_statement: {
              limit,
              aggregate_key_type: "IP",
              // WAF's OR takes two statements or more.
              scope_down_statement: prefixes.length === 1 ? startsWith(prefixes[0] as string) : { or_statement: { statement: prefixes.map(startsWith) } },
            },
          },
          visibilityConfig: visibility(`${metric}UploadRate`),
        },
        {
          name: COMMON_RULE_SET,
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managed_rule_group_statement: {
              vendor_name: "AWS",
              name: COMMON_RULE_SET,
              // Part-signing requests of a large upload carry more than the set's 8 KB body limit;
              // the upload API checks its own bodies, so that one rule only counts.
              rule_action_override: [{ name: "SizeRestrictions_BODY", action_to_use: { count: {} } }],
            },
          },
          visibilityConfig: visibility(`${metric}Common`),
        },
      ],
    });
    this.arn = this.webAcl.arn;
  }
}
