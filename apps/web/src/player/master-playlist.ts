/** One rendition listed by an HLS master playlist. */
export interface PlaylistVariant {
  readonly url: string;
  readonly bitrate: number;
  readonly width?: number;
  readonly height?: number;
}

/** Attribute list of an EXT-X tag: KEY=value pairs, values possibly quoted and holding commas. */
function attributesOf(list: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of list.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) {
    attributes.set(match[1] ?? "", (match[2] ?? "").replace(/^"|"$/g, ""));
  }
  return attributes;
}

/**
 * The renditions of a master playlist, with absolute URLs. Lets a browser that plays HLS
 * natively (and so exposes no levels) still offer a quality choice: one rendition's playlist.
 */
export function parseMasterPlaylist(text: string, playlistUrl: string): PlaylistVariant[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const variants: PlaylistVariant[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith("#EXT-X-STREAM-INF:")) return;
    const uri = lines.slice(index + 1).find((next) => next !== "" && !next.startsWith("#"));
    if (uri === undefined) return;
    const attributes = attributesOf(line.slice("#EXT-X-STREAM-INF:".length));
    const resolution = /^(\d+)x(\d+)$/.exec(attributes.get("RESOLUTION") ?? "");
    variants.push({
      url: new URL(uri, playlistUrl).href,
      bitrate: Number(attributes.get("AVERAGE-BANDWIDTH") ?? attributes.get("BANDWIDTH") ?? 0),
      ...(resolution ? { width: Number(resolution[1]), height: Number(resolution[2]) } : {}),
    });
  });
  return variants;
}
