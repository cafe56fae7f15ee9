/**
 * A string Terraform must take literally: `${` and `%{` would otherwise start an interpolation
 * or a template directive. Terraform reads `$${` and `%%{` back as the plain sequences.
 */
export function terraformLiteral(text: string): string {
  // Replacer functions: in a replacement string, `$$` would itself collapse to `$`.
  return text.replaceAll("${", () => "$${").replaceAll("%{", () => "%%{");
}
