// Bounded payloads. After redaction the payload's canonical JSON must fit in MAX_PAYLOAD_BYTES (8 KiB, UTF-8).
// A larger payload is replaced by a summary that still fits:
//   { _truncated: true, original_bytes, original_sha256, keys: [top-level keys], preview: "<first ~2 KiB of the canonical JSON>" }
// original_sha256 is the sha256 of the full redacted canonical JSON, so a copy kept elsewhere (e.g. an artifact) can be matched.
// Callers that need the whole body store it as an artifact and put its sha256 in the payload.
import crypto from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";
import { redactValue } from "./redact.ts";

export const MAX_PAYLOAD_BYTES = 8192;
const PREVIEW_CHARS = 2048;
const MAX_KEYS = 64;

export interface BoundedPayload {
  /** Canonical JSON as stored and hashed. */
  json: string;
  value: Record<string, unknown>;
  truncated: boolean;
}

export function boundPayload(payload: Record<string, unknown> | undefined): BoundedPayload {
  const value = (redactValue(payload ?? {}) ?? {}) as Record<string, unknown>;
  const json = canonicalJson(value);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes <= MAX_PAYLOAD_BYTES) return { json, value, truncated: false };
  const sha256 = crypto.createHash("sha256").update(json).digest("hex");
  const keys = Object.keys(value).sort().map((key) => key.slice(0, 64));
  // Escaping and multi-byte characters can grow the preview, so shrink until the summary itself fits.
  for (let previewChars = PREVIEW_CHARS, keyCount = MAX_KEYS; ; previewChars >>= 1, keyCount >>= 1) {
    const summary = { _truncated: true, original_bytes: bytes, original_sha256: sha256, keys: keys.slice(0, keyCount), preview: json.slice(0, previewChars) };
    const summaryJson = canonicalJson(summary);
    if (Buffer.byteLength(summaryJson, "utf8") <= MAX_PAYLOAD_BYTES || previewChars === 0) return { json: summaryJson, value: summary, truncated: true };
  }
}
