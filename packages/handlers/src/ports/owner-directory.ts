/** Who a signed-in caller is, beyond their `sub`: what the admins' list shows of each owner. */
export interface OwnerDirectory {
  /**
   * The e-mail of the user the access token belongs to; undefined when the user has none or the
   * directory no longer takes the token. Rejects when the directory could not be asked.
   */
  emailOf(accessToken: string): Promise<string | undefined>;
}
