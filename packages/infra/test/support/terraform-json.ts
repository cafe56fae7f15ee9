/** Reading synthesized Terraform JSON (`cdk.tf.json`) in tests. */
export type Block = Record<string, unknown>;

export interface TerraformJson {
  readonly terraform?: Block;
  readonly provider?: Record<string, Block[]>;
  readonly resource?: Record<string, Record<string, Block>>;
  readonly data?: Record<string, Record<string, Block>>;
  readonly output?: Record<string, Block>;
}

export interface Addressed {
  /** `type.name`, as other blocks reference it in `${type.name.attribute}`. */
  readonly address: string;
  readonly config: Block;
}

/** A nested block as Terraform JSON holds it: one object, or a list whose first item is it. */
export const first = (value: unknown): Block | undefined => (Array.isArray(value) ? (value[0] as Block | undefined) : (value as Block | undefined));

export function parseStack(json: string): TerraformJson {
  return JSON.parse(json) as TerraformJson;
}

export function resourcesOf(stack: TerraformJson, type: string): Addressed[] {
  return Object.entries(stack.resource?.[type] ?? {}).map(([name, config]) => ({ address: `${type}.${name}`, config }));
}

export function dataSourcesOf(stack: TerraformJson, type: string): Addressed[] {
  return Object.entries(stack.data?.[type] ?? {}).map(([name, config]) => ({ address: `data.${type}.${name}`, config }));
}

export function onlyResource(stack: TerraformJson, type: string): Addressed {
  const found = resourcesOf(stack, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as Addressed;
}

/** `${address.attribute}`: how Terraform JSON refers to another block's attribute. */
export function ref(addressed: Addressed, attribute: string): string {
  return `\${${addressed.address}.${attribute}}`;
}

/** The one resource of `type` whose `attribute` is a reference to `target`. */
export function resourcesReferencing(stack: TerraformJson, type: string, attribute: string, target: Addressed): Addressed[] {
  return resourcesOf(stack, type).filter((candidate) => {
    const value = candidate.config[attribute];
    return typeof value === "string" && value.startsWith(`\${${target.address}.`);
  });
}

/** The statements of the policy document a `${data.aws_iam_policy_document.x.json}` reference points at. */
export function statementsOf(stack: TerraformJson, policyReference: unknown): Block[] {
  const match = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(String(policyReference));
  if (!match) throw new Error(`not a policy document reference: ${String(policyReference)}`);
  const document = stack.data?.aws_iam_policy_document?.[match[1] as string];
  if (!document) throw new Error(`no policy document ${match[1]}`);
  return document.statement as Block[];
}
