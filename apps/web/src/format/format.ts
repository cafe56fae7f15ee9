import type { UploadStatus } from "@video-platform/shared-types";

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB"] as const;

/** Sizes in decimal units, as file managers and network speeds are usually shown. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number | undefined): string {
  return bytesPerSecond === undefined ? "–" : `${formatBytes(bytesPerSecond)}/s`;
}

/** "45 s", "3 min 05 s", "2 h 07 min"; unknown is a dash, never "NaN". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "–";
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${String(whole % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "0%";
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

const STATUS_LABELS: Readonly<Record<UploadStatus, string>> = {
  PENDING_UPLOAD: "Waiting for the file",
  UPLOADED: "Uploaded, queued for transcoding",
  TRANSCODING: "Transcoding",
  COMPLETE: "Ready to play",
  ERROR: "Failed",
};

/** What a person reads for an upload's status, with the transcoding progress when it has one. */
export function describeStatus(status: UploadStatus, progress: number): string {
  if (status === "TRANSCODING") return `${STATUS_LABELS.TRANSCODING} ${Math.floor(progress)}%`;
  return STATUS_LABELS[status];
}

/** How full an upload's progress bar is, from 0 to 100, for its status. */
export function statusProgressValue(status: UploadStatus, progress: number): number {
  if (status === "COMPLETE") return 100;
  if (status === "TRANSCODING") return Math.min(100, Math.max(0, progress));
  return 0;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}
