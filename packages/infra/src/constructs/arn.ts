import { Fn } from "cdktf";

/**
 * Parts of an ARN known only after apply, as Terraform expressions. Reading the account from an
 * ARN the stack already has avoids `aws_caller_identity`, which would call AWS at plan time.
 */
export function accountOf(arn: string): string {
  return Fn.element(Fn.split(":", arn), 4);
}

export function partitionOf(arn: string): string {
  return Fn.element(Fn.split(":", arn), 1);
}
