import type { SignedInUser } from "../auth/identity-provider.js";
import type { Route } from "./route.js";

export interface HeaderAccount {
  readonly user: SignedInUser;
  readonly onSignOut: () => void;
}

/** Brand and environment; once signed in, the pages and who is signed in, with sign-out. */
export function SiteHeader({ environment, route, account }: { environment: string; route: Route; account?: HeaderAccount }) {
  const current = (page: Route["page"]) => (route.page === page ? "page" : undefined);
  return (
    <header class="site-header">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <span class="brand">
        Video platform <span class="environment" title="Environment">{environment}</span>
      </span>
      {account !== undefined && (
        <>
          <nav aria-label="Main">
            <a href="#/" aria-current={current("uploads")}>
              Uploads
            </a>
            <a href="#/live" aria-current={current("live")}>
              Live
            </a>
          </nav>
          <div class="account">
            <span class="muted">
              <span data-testid="account-email">{account.user.email ?? account.user.sub}</span>
              {account.user.isAdmin && " (admin)"}
            </span>
            <button type="button" class="secondary" onClick={account.onSignOut}>
              Sign out
            </button>
          </div>
        </>
      )}
    </header>
  );
}

// The hash is the router's; the skip link moves focus without changing the page.
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
