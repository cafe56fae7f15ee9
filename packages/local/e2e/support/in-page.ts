import type { Page } from "playwright-core";

export interface InPageAnswer {
  readonly status: number;
  readonly refusal: string | null;
  readonly body: string;
}

/**
 * A request made by the page itself (`fetch` on its own origin), so it carries exactly what that
 * browser holds: its cookies for the path, and the token only when it is passed in. It always
 * reaches the server (`no-store`): the question is what the browser's credentials open now, not
 * what its HTTP cache kept from before.
 */
export async function fetchInPage(page: Page, path: string, init: { method?: string; token?: string } = {}): Promise<InPageAnswer> {
  return page.evaluate(
    async ({ path, method, token }) => {
      const response = await fetch(path, { method, cache: "no-store", headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, refusal: response.headers.get("x-local-refusal"), body: await response.text() };
    },
    { path, method: init.method ?? "GET", token: init.token },
  );
}
