import type { CloudFormationTemplate } from "../cloudformation-template.js";

/**
 * A template whose Terraform-known values (ARNs, ids) arrive as stack parameters: the body stays a
 * constant, so it can be checked on its own and changes only when its shape does.
 */
export type ParameterisedTemplate = CloudFormationTemplate & {
  readonly Parameters: Readonly<Record<string, { readonly Type: "String" }>>;
};
