import type { WebAppConfig } from "@video-platform/shared-types";
import { useEffect } from "preact/hooks";
import type { SignedInUser } from "../auth/identity-provider.js";
import type { SessionController } from "../auth/session-controller.js";
import { isSignedIn } from "../auth/session-machine.js";
import { deleteVideo } from "../library/delete-video.js";
import { hasEnded } from "../upload/upload-machine.js";
import type { AccountServices } from "./account-services.js";
import type { AppServices } from "./app-services.js";
import { LibraryView } from "./LibraryView.js";
import { LivePage } from "./LivePage.js";
import { PageHeading } from "./PageHeading.js";
import type { Route } from "./route.js";
import { SignInPage } from "./SignInPage.js";
import { SiteHeader } from "./SiteHeader.js";
import { UploadPanel } from "./UploadPanel.js";
import { useHashRoute } from "./use-hash-route.js";
import { useSubscription } from "./use-subscription.js";
import { WatchPage } from "./WatchPage.js";

interface AppProps {
  readonly config: WebAppConfig;
  readonly session: SessionController;
  readonly accounts: AccountServices;
}

/** The sign-in page until someone is signed in, then their pages. */
export function App({ config, session, accounts }: AppProps) {
  const route = useHashRoute();
  const state = useSubscription(session, () => session.state);
  const services = isSignedIn(state) ? accounts.current : undefined;
  const user = isSignedIn(state) ? state.tokens.user : undefined;
  // Uploads of a session that ended on its own wait for the same person to sign in again.
  const kept = accounts.current;
  const uploadsWaiting = kept !== undefined && kept.uploader.rows.some((row) => !hasEnded(row.state));

  return (
    <>
      <SiteHeader
        environment={config.environment}
        route={route}
        account={user === undefined ? undefined : { user, onSignOut: () => void session.dispatch({ type: "SIGN_OUT" }) }}
      />
      <main id="main" tabIndex={-1} data-session-state={state.name}>
        {services !== undefined && user !== undefined ? (
          <SignedInPages services={services} user={user} route={route} />
        ) : (
          <SignInPage session={session} uploadsWaiting={uploadsWaiting} />
        )}
      </main>
    </>
  );
}

function SignedInPages({ services, user, route }: { services: AppServices; user: SignedInUser; route: Route }) {
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
      {route.page === "uploads" && (
        <>
          <PageHeading focusOnMount={false}>Your videos</PageHeading>
          <UploadPanel uploader={services.uploader} />
          <LibraryView feed={services.library} isAdmin={user.isAdmin} onDelete={(uploadId) => deleteVideo(services, uploadId)} />
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
    </>
  );
}
