/** Messages between the local platform and a function's runtime process (Node IPC). */
export interface InvokeMessage {
  readonly type: "invoke";
  readonly id: number;
  readonly event: unknown;
  readonly timeoutMs: number;
}

export type RuntimeMessage =
  | { readonly type: "ready" }
  | { readonly type: "init-error"; readonly error: SerializedError }
  | { readonly type: "result"; readonly id: number; readonly result: unknown }
  | { readonly type: "error"; readonly id: number; readonly error: SerializedError };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}
