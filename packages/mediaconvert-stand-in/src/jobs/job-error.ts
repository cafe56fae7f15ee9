/** A job failure as MediaConvert reports it: a numeric code and a sentence. */
export class MediaConvertJobError extends Error {
  override readonly name = "MediaConvertJobError";
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** MediaConvert's code for an input it cannot open or probe. */
export const INPUT_UNREADABLE = 1010;
/** MediaConvert's code for a failure while demuxing or decoding the input. */
export const INPUT_DEMUX_FAILED = 1030;
/** MediaConvert's code for an output it could not write. */
export const OUTPUT_WRITE_FAILED = 1401;

export function inputUnreadable(inputUrl: string, reason: string): MediaConvertJobError {
  return new MediaConvertJobError(
    INPUT_UNREADABLE,
    `Unable to open input file [${inputUrl}]: [Failed probe/open: [${reason}]]`,
  );
}
