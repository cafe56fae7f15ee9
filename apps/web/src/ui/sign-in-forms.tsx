import { PASSWORD_POLICY } from "@video-platform/shared-types";
import type { ComponentChildren, JSX } from "preact";
import { useId, useState } from "preact/hooks";
import { PASSWORD_RULE } from "../auth/cognito-errors.js";
import type { SessionEvent, SessionState } from "../auth/session-machine.js";

type Dispatch = (event: SessionEvent) => void;
type StateNamed<N extends SessionState["name"]> = Extract<SessionState, { name: N }>;

/** The form's fields by name, as submitted. */
function submitted(event: JSX.TargetedSubmitEvent<HTMLFormElement>): (name: string) => string {
  event.preventDefault();
  const data = new FormData(event.currentTarget);
  return (name) => String(data.get(name) ?? "");
}

interface FieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, "id"> {
  readonly label: string;
  readonly name: string;
  readonly hint?: string;
}

function Field({ label, hint, ...input }: FieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} required {...input} aria-describedby={hint === undefined ? undefined : `${id}-hint`} />
      {hint !== undefined && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

function BackToSignIn({ dispatch, disabled }: { dispatch: Dispatch; disabled: boolean }) {
  return (
    <button type="button" class="link-button" disabled={disabled} onClick={() => dispatch({ type: "BACK_TO_SIGN_IN" })}>
      Back to sign-in
    </button>
  );
}

/** A new password typed twice: the two must agree before Cognito is asked. */
function NewPasswordFields({ mismatch }: { mismatch: boolean }) {
  return (
    <>
      <Field label="New password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_POLICY.minimumLength} hint={PASSWORD_RULE} />
      <Field label="Repeat the new password" name="repeat" type="password" autoComplete="new-password" />
      {mismatch && (
        <p class="error" role="alert" data-testid="password-mismatch">
          The two passwords differ.
        </p>
      )}
    </>
  );
}

function useNewPassword(submit: (field: (name: string) => string) => void) {
  const [mismatch, setMismatch] = useState(false);
  const onSubmit = (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    const field = submitted(event);
    const differ = field("password") !== field("repeat");
    setMismatch(differ);
    if (!differ) submit(field);
  };
  return { mismatch, onSubmit };
}

interface StepFormProps {
  /** The form's accessible name. */
  readonly label: string;
  readonly intro?: string;
  readonly busy: boolean;
  readonly submitLabel: string;
  readonly busyLabel: string;
  readonly onSubmit: (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => void;
  readonly children: ComponentChildren;
  /** Buttons beside the submit button (back, send a new code). */
  readonly actions: ComponentChildren;
}

/** One step of signing in: its fields, its submit button (named for what it does, "…" while busy), other ways out. */
function StepForm({ label, intro, busy, submitLabel, busyLabel, onSubmit, children, actions }: StepFormProps) {
  return (
    <form class="auth-form" aria-label={label} onSubmit={onSubmit}>
      {intro !== undefined && <p>{intro}</p>}
      {children}
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {actions}
      </div>
    </form>
  );
}

/** E-mail and password (sent over SRP: the password itself never leaves the browser). */
export function PasswordForm({ state, dispatch }: { state: StateNamed<"signed-out" | "signing-in">; dispatch: Dispatch }) {
  const busy = state.name === "signing-in";
  const submit = (event: JSX.TargetedSubmitEvent<HTMLFormElement>) => {
    const field = submitted(event);
    dispatch({ type: "SUBMIT_PASSWORD", email: field("email").trim(), password: field("password") });
  };
  const forgot = (
    <button type="button" class="link-button" disabled={busy} onClick={() => dispatch({ type: "FORGOT_PASSWORD" })}>
      Forgot your password?
    </button>
  );
  return (
    <StepForm label="Sign in" busy={busy} submitLabel="Sign in" busyLabel="Signing in…" onSubmit={submit} actions={forgot}>
      <Field label="E-mail" name="email" type="email" autoComplete="username" defaultValue={state.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" />
    </StepForm>
  );
}

/** An invited person's first sign-in: the temporary password is replaced. */
export function NewPasswordForm({ state, dispatch }: { state: StateNamed<"new-password-required" | "setting-new-password">; dispatch: Dispatch }) {
  const busy = state.name === "setting-new-password";
  const { mismatch, onSubmit } = useNewPassword((field) => dispatch({ type: "SUBMIT_NEW_PASSWORD", password: field("password") }));
  return (
    <StepForm
      label="Choose a new password"
      intro="Your account was created with a temporary password. Choose your own to go on."
      busy={busy}
      submitLabel="Set password and sign in"
      busyLabel="Saving…"
      onSubmit={onSubmit}
      actions={<BackToSignIn dispatch={dispatch} disabled={busy} />}
    >
      <NewPasswordFields mismatch={mismatch} />
    </StepForm>
  );
}

/** The code of the person's authenticator app (TOTP). */
export function MfaForm({ state, dispatch }: { state: StateNamed<"mfa-required" | "verifying-mfa">; dispatch: Dispatch }) {
  const busy = state.name === "verifying-mfa";
  return (
    <StepForm
      label="Two-step verification"
      intro="Enter the 6-digit code your authenticator app shows for this account."
      busy={busy}
      submitLabel="Verify"
      busyLabel="Checking…"
      onSubmit={(event) => dispatch({ type: "SUBMIT_MFA_CODE", code: submitted(event)("code").trim() })}
      actions={<BackToSignIn dispatch={dispatch} disabled={busy} />}
    >
      <Field label="Authentication code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} />
    </StepForm>
  );
}

/** Forgotten password, step one: a code to the account's e-mail. */
export function ForgotPasswordForm({ state, dispatch }: { state: StateNamed<"forgot-password" | "requesting-reset-code">; dispatch: Dispatch }) {
  const busy = state.name === "requesting-reset-code";
  return (
    <StepForm
      label="Forgot your password?"
      intro="We send a code to your e-mail address; with it you choose a new password."
      busy={busy}
      submitLabel="Send code"
      busyLabel="Sending…"
      onSubmit={(event) => dispatch({ type: "REQUEST_RESET_CODE", email: submitted(event)("email").trim() })}
      actions={<BackToSignIn dispatch={dispatch} disabled={busy} />}
    >
      <Field label="E-mail" name="email" type="email" autoComplete="username" defaultValue={state.email} />
    </StepForm>
  );
}

/** Forgotten password, step two: the code and a new password. */
export function ResetPasswordForm({ state, dispatch }: { state: StateNamed<"reset-code-sent" | "resetting-password">; dispatch: Dispatch }) {
  const busy = state.name === "resetting-password";
  const destination = state.name === "reset-code-sent" ? state.destination : undefined;
  const { mismatch, onSubmit } = useNewPassword((field) =>
    dispatch({ type: "SUBMIT_RESET", code: field("code").trim(), password: field("password") }),
  );
  const actions = (
    <>
      <button type="button" class="link-button" disabled={busy} onClick={() => dispatch({ type: "FORGOT_PASSWORD" })}>
        Send a new code
      </button>
      <BackToSignIn dispatch={dispatch} disabled={busy} />
    </>
  );
  return (
    <StepForm
      label="Set a new password"
      intro={`We sent a code to ${destination ?? "your e-mail address"} (${state.email}).`}
      busy={busy}
      submitLabel="Set new password"
      busyLabel="Saving…"
      onSubmit={onSubmit}
      actions={actions}
    >
      <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" />
      <NewPasswordFields mismatch={mismatch} />
    </StepForm>
  );
}
