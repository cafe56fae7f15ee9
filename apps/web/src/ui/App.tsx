import { useEffect } from "preact/hooks";
import type { AppServices } from "./app-services.js";
import { LibraryView } from "./LibraryView.js";
import { LivePage } from "./LivePage.js";
import { PageHeading } from "./PageHeading.js";
import { SiteHeader } from "./SiteHeader.js";
import { UploadPanel } from "./UploadPanel.js";
import { WatchPage } from "./WatchPage.js";
import { mediaUrl } from "../player/media-url.js";
import { useHashRoute } from "./use-hash-route.js";

export function App({ services }: { services: AppServices }) {
  const route = useHashRoute();
  const mediaUrlOf = (path: string) => mediaUrl(services.config.mediaBaseUrl, path, services.origin);

  useEffect(() => {
    const { uploader, library } = services;
    void library.start();
    // Our own uploads move the library: show them as soon as the API knows them.
    const stopListening = uploader.onUploadEvent((event) => {
      if (event.kind === "cancelled") library.forget(event.uploadId);
      void library.refresh();
    });
    return () => {
      stopListening();
      library.stop();
    };
  }, [services]);

  return (
    <>
      <SiteHeader environment={services.config.environment} route={route} />
      <main id="main" tabIndex={-1}>
        {route.page === "uploads" && (
          <>
            <PageHeading focusOnMount={false}>Your videos</PageHeading>
            <UploadPanel uploader={services.uploader} />
            <LibraryView feed={services.library} mediaUrlOf={mediaUrlOf} />
          </>
        )}
        {route.page === "watch" && <WatchPage key={route.uploadId} services={services} uploadId={route.uploadId} />}
        {route.page === "live" && <LivePage services={services} />}
        {route.page === "not-found" && (
          <section class="panel">
            <PageHeading>Page not found</PageHeading>
            <p>
              <a href="#/">Go to your videos</a>
            </p>
          </section>
        )}
      </main>
    </>
  );
}
