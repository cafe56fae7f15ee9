import { buildMovieHlsJobTemplateSettings, MovieHlsLadder } from "@video-platform/shared-types";
import { describe, expect, it } from "vitest";
import { movieHlsJobTemplateBody, MovieHlsJobTemplate } from "../src/constructs/movie-hls-job-template.js";
import { terraformLiteral } from "../src/constructs/terraform-literal.js";
import { resourceSpec, validateResourceProperties, validateTemplate } from "./support/cloudformation-schema.js";
import { synthConstruct } from "./support/synth-construct.js";
import { onlyResource } from "./support/terraform-json.js";

describe("the MovieHLS CloudFormation body", () => {
  const body = movieHlsJobTemplateBody("vp-MovieHLS");

  it("is valid for AWS::MediaConvert::JobTemplate: property names, nesting, required properties", () => {
    expect(validateTemplate(body)).toEqual([]);
  });

  it("carries the shared ladder's settings and status interval under the environment's name", () => {
    const properties = body.Resources.MovieHlsJobTemplate!.Properties;
    expect(properties.Name).toBe("vp-MovieHLS");
    expect(properties.SettingsJson).toEqual(buildMovieHlsJobTemplateSettings(MovieHlsLadder));
    expect(properties.StatusUpdateInterval).toBe(MovieHlsLadder.statusUpdateInterval);
    expect(body.Outputs?.Arn?.Value).toEqual({ "Fn::GetAtt": ["MovieHlsJobTemplate", "Arn"] });
  });

  it("reaches CloudFormation unchanged through Terraform's string templating", () => {
    const { stack, built } = synthConstruct((scope) => new MovieHlsJobTemplate(scope, "template", { namePrefix: "vp" }));
    const resource = onlyResource(stack, "aws_cloudformation_stack");
    expect(resource.config.name).toBe("vp-movie-hls-job-template");
    expect(built.name).toBe("vp-MovieHLS");
    const templateBody = String(resource.config.template_body);
    // Terraform turns `$${` back into `${`; nothing else in the body is interpolated.
    expect(templateBody.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{")).toBe(JSON.stringify(movieHlsJobTemplateBody("vp-MovieHLS")));
    expect(templateBody).not.toMatch(/(?<!\$)\$\{/);
  });

  it("escapes Terraform's template sequences", () => {
    expect(terraformLiteral('{"a":"${x}","b":"%{if}"}')).toBe('{"a":"$${x}","b":"%%{if}"}');
  });
});

describe("the CloudFormation schema validator", () => {
  it("knows the resource types the live channel will need", () => {
    for (const type of ["AWS::MediaConvert::JobTemplate", "AWS::MediaLive::Input", "AWS::MediaPackage::OriginEndpoint"]) {
      expect(resourceSpec(type), type).toBeDefined();
    }
  });

  it("reports an unknown property, a missing required one and a wrong type", () => {
    const errors = validateResourceProperties("AWS::MediaConvert::JobTemplate", { Name: "x", Settings: {}, Priority: "high" });
    expect(errors).toEqual([
      "AWS::MediaConvert::JobTemplate.SettingsJson: required property missing",
      expect.stringContaining("AWS::MediaConvert::JobTemplate.Settings: not a property here"),
      expect.stringContaining("AWS::MediaConvert::JobTemplate.Priority: expected an integer"),
    ]);
  });

  it("checks nested property types (SRT listener settings of a MediaLive input)", () => {
    expect(
      validateResourceProperties("AWS::MediaLive::Input", {
        Type: "SRT_LISTENER",
        SrtSettings: { SrtListenerSettings: { MinimumLatency: 2000, Decryption: { Algorithm: "AES256", PassphraseSecretArn: "arn" } } },
      }),
    ).toEqual([]);
    expect(
      validateResourceProperties("AWS::MediaLive::Input", { SrtSettings: { SrtListenerSettings: { Latency: 2000, Decryption: "AES" } } }),
    ).toEqual([
      expect.stringContaining("SrtListenerSettings<SrtListenerSettingsRequest>.Latency: not a property here"),
      expect.stringContaining("Decryption<SrtListenerDecryptionRequest>: expected an object, got string"),
    ]);
  });

  it("accepts intrinsic functions wherever a value goes, and checks GetAtt attribute names", () => {
    expect(validateResourceProperties("AWS::MediaConvert::JobTemplate", { Name: { Ref: "Name" }, SettingsJson: { "Fn::GetAtt": ["X", "Y"] } })).toEqual([]);
    expect(
      validateTemplate({
        Resources: { T: { Type: "AWS::MediaConvert::JobTemplate", Properties: { SettingsJson: {} } } },
        Outputs: { Url: { Value: { "Fn::GetAtt": ["T", "Url"] } } },
      }),
    ).toEqual(["Outputs.Url: AWS::MediaConvert::JobTemplate has no attribute Url"]);
  });

  it("refuses an unknown resource type", () => {
    expect(validateResourceProperties("AWS::MediaConvert::Nope", {})).toEqual(["AWS::MediaConvert::Nope: not a CloudFormation resource type"]);
  });
});
