// A Flight Recorder payload on one human line: key=value pairs. Ids, hashes, refs and paths are never cut
// (the operator pastes them into the next command); only long free text is shortened.
const KEEP_WHOLE = /(^|_)(id|ids|sha256|hash|oid|rev|ref|refs|head|base|target|branch|path|paths|file|dir|artifact|grant|request)$/;
const TEXT_LIMIT = 80;

function show(value: unknown): string {
  if (typeof value === "string") return /^[^\s"'=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? "null";
}

export function payloadText(payload: Record<string, unknown> | null | undefined): string {
  if (!payload) return "";
  return Object.entries(payload)
    .map(([key, value]) => {
      const text = show(value);
      return `${key}=${KEEP_WHOLE.test(key) || text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 3)}...`}`;
    })
    .join(" ");
}
