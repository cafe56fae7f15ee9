import { describe, expect, it } from "vitest";
import { MANAGED_CACHING_OPTIMIZED, motoOverride, standInQueueName, type Block, type TerraformConfig } from "../tools/moto-override.js";

const options = { endpoint: "http://127.0.0.1:5000", services: ["s3", "sqs", "eventbridge"], statePath: "moto.tfstate" };

const lambdaRule: TerraformConfig = {
  resource: {
    aws_lambda_function: { handler_fn: { function_name: "handler" } },
    aws_sqs_queue: { dlq: { name: "dlq" } },
    aws_cloudwatch_event_rule: { created: { event_pattern: '{"source":["aws.s3"]}' } },
    aws_cloudwatch_event_target: {
      to_lambda: {
        rule: "${aws_cloudwatch_event_rule.created.name}",
        arn: "${aws_lambda_function.handler_fn.arn}",
        dead_letter_config: { arn: "${aws_sqs_queue.dlq.arn}" },
      },
      to_queue: { rule: "${aws_cloudwatch_event_rule.created.name}", arn: "${aws_sqs_queue.dlq.arn}" },
      to_lambda_by_arn: {
        provider: "aws.us_east_1",
        rule: "other",
        arn: "arn:aws:lambda:us-east-1:123456789012:function:elsewhere",
      },
    },
  },
};

const cloudFront: TerraformConfig = {
  resource: {
    aws_cloudfront_cache_policy: { web: { name: "web" }, video: { name: "video" } },
    aws_cloudfront_response_headers_policy: { headers: { name: "headers" } },
    aws_cloudfront_function: { fallback: { name: "fallback", code: "function handler(e) { return e.request; }" } },
    aws_cloudfront_origin_access_control: { oac: { name: "oac" } },
    aws_cloudfront_distribution: {
      cdn: {
        comment: "web and video",
        default_cache_behavior: {
          target_origin_id: "web",
          cache_policy_id: "${aws_cloudfront_cache_policy.web.id}",
          response_headers_policy_id: "${aws_cloudfront_response_headers_policy.headers.id}",
          function_association: [{ event_type: "viewer-request", function_arn: "${aws_cloudfront_function.fallback.arn}" }],
        },
        ordered_cache_behavior: [{ path_pattern: "/vod/*", target_origin_id: "vod", cache_policy_id: "${aws_cloudfront_cache_policy.video.id}" }],
        origin: [{ origin_id: "web", origin_access_control_id: "${aws_cloudfront_origin_access_control.oac.id}" }],
      },
    },
  },
  output: {
    domain: { value: "${aws_cloudfront_distribution.cdn.domain_name}" },
    web_policy: { value: "${aws_cloudfront_cache_policy.web.id}" },
  },
};

function overridden(result: ReturnType<typeof motoOverride>, type: string, name: string): Block | undefined {
  return result.override.resource?.[type]?.[name];
}

describe("moto override: Lambda rule targets", () => {
  const result = motoOverride(lambdaRule, options);

  it("redirects a target that references a Lambda function to a new queue, declared beside the override", () => {
    const queue = standInQueueName("to_lambda");
    expect(overridden(result, "aws_cloudwatch_event_target", "to_lambda")).toEqual({ arn: `\${aws_sqs_queue.${queue}.arn}` });
    expect(result.standIns.resource?.aws_sqs_queue?.[queue]).toEqual({ name: queue });
    expect(result.redirected["aws_cloudwatch_event_target.to_lambda"]).toBe(`aws_sqs_queue.${queue}`);
    // The queue is new, so it may not be in the override: Terraform would refuse to override a block that does not exist.
    expect(result.override.resource?.aws_sqs_queue).toBeUndefined();
  });

  it("redirects a target given as a Lambda ARN too, with the queue on the target's own provider", () => {
    const queue = standInQueueName("to_lambda_by_arn");
    expect(result.standIns.resource?.aws_sqs_queue?.[queue]).toEqual({ provider: "aws.us_east_1", name: queue });
  });

  it("leaves a target that is already a queue, and the function itself, alone", () => {
    expect(overridden(result, "aws_cloudwatch_event_target", "to_queue")).toBeUndefined();
    expect(overridden(result, "aws_lambda_function", "handler_fn")).toBeUndefined();
    expect(Object.keys(result.redirected)).toHaveLength(2);
  });

  it("makes queue names SQS accepts", () => {
    expect(standInQueueName("Vod_UploadCreated.To:Status")).toBe("moto-Vod_UploadCreated-To-Status");
    expect(standInQueueName("x".repeat(200))).toHaveLength(80);
  });
});

describe("moto override: CloudFront", () => {
  const result = motoOverride(cloudFront, options);

  it("leaves out the policies and functions moto answers 404 for, and keeps what it serves", () => {
    expect(result.removed).toEqual([
      "aws_cloudfront_cache_policy.video",
      "aws_cloudfront_cache_policy.web",
      "aws_cloudfront_function.fallback",
      "aws_cloudfront_response_headers_policy.headers",
    ]);
    for (const address of result.removed) {
      const [type, name] = address.split(".") as [string, string];
      expect(overridden(result, type, name)).toEqual({ count: 0 });
    }
    expect(overridden(result, "aws_cloudfront_origin_access_control", "oac")).toBeUndefined();
  });

  it("falls back to the managed cache policy, without the response-headers policy or the function", () => {
    const distribution = overridden(result, "aws_cloudfront_distribution", "cdn");
    expect(distribution?.default_cache_behavior).toEqual({ target_origin_id: "web", cache_policy_id: MANAGED_CACHING_OPTIMIZED });
    expect(distribution?.ordered_cache_behavior).toEqual([{ path_pattern: "/vod/*", target_origin_id: "vod", cache_policy_id: MANAGED_CACHING_OPTIMIZED }]);
    // Unchanged settings are not repeated: the override holds only what it changes.
    expect(distribution).not.toHaveProperty("origin");
    expect(distribution).not.toHaveProperty("comment");
  });

  it("rewrites outputs that name a left-out resource and leaves the others", () => {
    expect(result.override.output).toEqual({ web_policy: { value: MANAGED_CACHING_OPTIMIZED } });
  });

  it("refuses, by name, a reference it cannot stand in for without dropping the whole resource", () => {
    const stack: TerraformConfig = {
      resource: {
        aws_cloudfront_function: { f: { name: "f" } },
        aws_example_thing: { t: { function_arn: "${aws_cloudfront_function.f.arn}" } },
      },
    };
    expect(() => motoOverride(stack, options)).toThrow(/aws_example_thing\.t\.function_arn/);
  });
});

describe("moto override: MediaConvert", () => {
  const jobTemplate = JSON.stringify({ Resources: { T: { Type: "AWS::MediaConvert::JobTemplate", Properties: {} } } });
  const topic = JSON.stringify({ Resources: { T: { Type: "AWS::SNS::Topic" } } });
  const stack: TerraformConfig = {
    resource: {
      aws_cloudformation_stack: { template: { name: "t", template_body: jobTemplate }, topic: { name: "s", template_body: topic } },
      aws_media_convert_queue: { queue: { name: "q" } },
      aws_lambda_function: {
        trigger: {
          environment: {
            variables: {
              QUEUE_ARN: "${aws_media_convert_queue.queue.arn}",
              QUEUE: "queue ${aws_media_convert_queue.queue.name}",
              QUEUES: "${jsonencode({ main = aws_media_convert_queue.queue.arn })}",
            },
          },
        },
      },
    },
  };
  const result = motoOverride(stack, options);

  it("leaves out MediaConvert resources and CloudFormation stacks that declare them, and keeps other stacks", () => {
    expect(result.removed).toEqual(["aws_cloudformation_stack.template", "aws_media_convert_queue.queue"]);
  });

  it("gives other references to a left-out resource an ARN-shaped placeholder", () => {
    const variables = (overridden(result, "aws_lambda_function", "trigger")?.environment as { variables: Record<string, string> }).variables;
    expect(variables.QUEUE_ARN).toBe("arn:aws:moto-removed:::aws_media_convert_queue.queue");
    expect(variables.QUEUE).toBe('queue ${"arn:aws:moto-removed:::aws_media_convert_queue.queue"}');
    expect(variables.QUEUES).toBe('${jsonencode({ main = "arn:aws:moto-removed:::aws_media_convert_queue.queue" })}');
  });
});

describe("moto override: CloudFront log delivery", () => {
  const stack: TerraformConfig = {
    resource: {
      aws_cloudfront_distribution: { site: { enabled: true } },
      aws_cloudwatch_log_delivery_source: { source: { name: "cf", log_type: "ACCESS_LOGS", resource_arn: "${aws_cloudfront_distribution.site.arn}" } },
      aws_cloudwatch_log_delivery_destination: { bucket: { name: "logs" } },
      aws_cloudwatch_log_delivery: {
        delivery: {
          delivery_source_name: "${aws_cloudwatch_log_delivery_source.source.name}",
          delivery_destination_arn: "${aws_cloudwatch_log_delivery_destination.bucket.arn}",
        },
      },
      aws_s3_bucket: { logs: { bucket: "logs" } },
    },
  };
  const result = motoOverride(stack, options);

  it("leaves out the delivery moto's malformed distribution ARN cannot feed, and keeps the distribution and log bucket", () => {
    expect([...result.removed].sort()).toEqual([
      "aws_cloudwatch_log_delivery.delivery",
      "aws_cloudwatch_log_delivery_destination.bucket",
      "aws_cloudwatch_log_delivery_source.source",
    ]);
  });
});

describe("moto override: TLS-only denies", () => {
  const tlsDeny = {
    effect: "Deny",
    actions: ["s3:*"],
    condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
  };
  const grant = { effect: "Allow", actions: ["s3:GetObject"], principals: [{ type: "Service", identifiers: ["cloudfront.amazonaws.com"] }] };
  const stack: TerraformConfig = {
    data: { aws_iam_policy_document: { tls_only: { statement: [tlsDeny] }, tls_and_grant: { statement: [tlsDeny, grant] }, grant_only: { statement: [grant] } } },
    resource: {
      aws_s3_bucket_policy: {
        raw: { bucket: "raw", policy: "${data.aws_iam_policy_document.tls_only.json}" },
        web: { bucket: "web", policy: "${data.aws_iam_policy_document.tls_and_grant.json}" },
      },
    },
  };
  const result = motoOverride(stack, options);

  it("drops the deny moto would apply to every request, and keeps the grants", () => {
    expect(result.override.data?.aws_iam_policy_document?.tls_and_grant).toEqual({ statement: [grant] });
    expect(result.override.data?.aws_iam_policy_document?.grant_only).toBeUndefined();
  });

  it("leaves out a policy that was nothing but that deny", () => {
    expect(result.removed).toEqual(["aws_s3_bucket_policy.raw"]);
    expect(overridden(result, "aws_s3_bucket_policy", "web")).toBeUndefined();
  });
});

describe("moto override: providers and state", () => {
  const stack: TerraformConfig = {
    terraform: { backend: { s3: { bucket: "state", key: "dev.tfstate" } }, required_providers: { aws: { version: "5.100.0" } } },
    provider: { aws: [{ region: "eu-west-1", default_tags: [{ tags: { Project: "p" } }] }, { alias: "us_east_1", region: "us-east-1" }] },
  };
  const result = motoOverride(stack, options);

  it("points every aws provider, the aliased one too, at moto with dummy keys and no account lookups", () => {
    const providers = result.override.provider?.aws ?? [];
    expect(providers.map((provider) => provider.alias)).toEqual([undefined, "us_east_1"]);
    for (const provider of providers) {
      expect(provider).toMatchObject({
        access_key: "moto",
        secret_key: "moto",
        skip_credentials_validation: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        skip_requesting_account_id: true,
        s3_use_path_style: true,
        endpoints: [{ s3: options.endpoint, sqs: options.endpoint, eventbridge: options.endpoint }],
      });
      // Each keeps its own region: the override merges into the stack's block.
      expect(provider).not.toHaveProperty("region");
    }
  });

  it("keeps state in a local file instead of the stack's backend", () => {
    expect(result.override.terraform).toEqual({ backend: { local: { path: "moto.tfstate" } } });
  });

  it("declares the provider as a new block when the stack has none to override", () => {
    const bare = motoOverride({ resource: { aws_sqs_queue: { q: { name: "q" } } } }, options);
    expect(bare.override.provider).toBeUndefined();
    expect(bare.standIns.provider?.aws).toEqual([expect.objectContaining({ access_key: "moto", endpoints: [expect.objectContaining({ sqs: options.endpoint })] })]);
  });

  it("changes nothing else in a stack moto serves whole", () => {
    expect(result.override.resource).toBeUndefined();
    expect(result.override.data).toBeUndefined();
    expect(result.standIns).toEqual({});
    expect(result.removed).toEqual([]);
  });
});
