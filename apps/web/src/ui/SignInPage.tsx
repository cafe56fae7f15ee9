import type { SessionController } from "../auth/session-controller.js";
import type { SessionEvent, SessionState, SignedOutNotice } from "../auth/session-machine.js";
import { PageHeading } from "./PageHeading.js";
import { ForgotPasswordForm, MfaForm, NewPasswordForm, PasswordForm, ResetPasswordForm } from "./sign-in-forms.js";
import { useSubscription } from "./use-subscription.js";

const NOTICES: Readonly<Record<SignedOutNotice, string>> = {
  "signed-out": "You are signed out.",
  "session-ended": "Your session has ended. Sign in again to go on.",
  "password-reset": "Your password is changed. Sign in with the new one.",
};

const TITLES: Readonly<Record<Exclude<SessionState["name"], "restoring" | "signed-in" | "refreshing" | "signing-out">, string>> = {
  "signed-out": "Sign in",
  "signing-in": "Sign in",
  "new-password-required": "Choose a new password",
  "setting-new-password": "Choose a new password",
  "mfa-required": "Two-step verification",
  "verifying-mfa": "Two-step verification",
  "forgot-password": "Forgot your password?",
  "requesting-reset-code": "Forgot your password?",
  "reset-code-sent": "Set a new password",
  "resetting-password": "Set a new password",
};

/**
 * Everything before the app: sign-in, the new-password and MFA challenges, forgotten password.
 * It says why it is showing (signed out, session ended) and that uploads in progress wait.
 */
export function SignInPage({ session, uploadsWaiting }: { session: SessionController; uploadsWaiting: boolean }) {
  const state = useSubscription(session, () => session.state);
  const dispatch = (event: SessionEvent) => void session.dispatch(event);
  if (state.name === "signing-out") {
    return (
      <p class="muted" role="status">
        Signing you out…
      </p>
    );
  }
  if (state.name === "restoring" || state.name === "signed-in" || state.name === "refreshing") {
    return (
      <p class="muted" role="status">
        Signing you in…
      </p>
    );
  }
  const title = TITLES[state.name];
  const notice = state.name === "signed-out" && state.notice !== undefined ? NOTICES[state.notice] : undefined;
  const error = "error" in state ? state.error : undefined;
  return (
    <section class="panel sign-in" data-testid="sign-in-page" data-session-state={state.name}>
      {/* A new step is a new heading: it takes focus, so screen readers announce the step. */}
      <PageHeading key={title}>{title}</PageHeading>
      {notice !== undefined && (
        <p class="notice" role="status" data-testid="sign-in-notice">
          {notice}
        </p>
      )}
      {uploadsWaiting && (
        <p class="notice" role="status" data-testid="uploads-waiting">
          Your uploads in progress are kept: they go on once you sign in again.
        </p>
      )}
      {error !== undefined && (
        <p class="error" role="alert" data-testid="sign-in-error">
          {error.message}
        </p>
      )}
      {(state.name === "signed-out" || state.name === "signing-in") && <PasswordForm state={state} dispatch={dispatch} />}
      {(state.name === "new-password-required" || state.name === "setting-new-password") && <NewPasswordForm state={state} dispatch={dispatch} />}
      {(state.name === "mfa-required" || state.name === "verifying-mfa") && <MfaForm state={state} dispatch={dispatch} />}
      {(state.name === "forgot-password" || state.name === "requesting-reset-code") && <ForgotPasswordForm state={state} dispatch={dispatch} />}
      {(state.name === "reset-code-sent" || state.name === "resetting-password") && <ResetPasswordForm state={state} dispatch={dispatch} />}
    </section>
  );
}
