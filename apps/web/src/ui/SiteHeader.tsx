import type { Route } from "./route.js";

export function SiteHeader({ environment, route }: { environment: string; route: Route }) {
  const current = (page: Route["page"]) => (route.page === page ? "page" : undefined);
  return (
    <header class="site-header">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <span class="brand">
        Video platform <span class="environment" title="Environment">{environment}</span>
      </span>
      <nav aria-label="Main">
        <a href="#/" aria-current={current("uploads")}>
          Uploads
        </a>
        <a href="#/live" aria-current={current("live")}>
          Live
        </a>
      </nav>
    </header>
  );
}

// The hash is the router's; the skip link moves focus without changing the page.
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
