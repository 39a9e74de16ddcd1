// Payload bound: canonical JSON ≤ 8 KiB is stored as is; larger becomes a summary with the full sha256 and _truncated.
import crypto from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { MAX_PAYLOAD_BYTES, boundPayload } from "../../src/registry/fr-payload.ts";
import { canonicalJson } from "../../src/registry/canonical-json.ts";
import { openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { tempHandshakeDir } from "./fr-temp.ts";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

const sizeOf = (json: string) => Buffer.byteLength(json, "utf8");

test("a payload at the bound is kept whole", () => {
  const filler = "x".repeat(MAX_PAYLOAD_BYTES - sizeOf(canonicalJson({ s: "" })));
  const bounded = boundPayload({ s: filler });
  expect(sizeOf(bounded.json)).toBe(MAX_PAYLOAD_BYTES);
  expect(bounded.truncated).toBe(false);
  expect(bounded.value).toEqual({ s: filler });
});

test.each([
  ["one byte over", { s: "x".repeat(MAX_PAYLOAD_BYTES) }],
  ["a 1 MiB string", { stdout: "y".repeat(1 << 20) }],
  ["many keys", Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key_${i}_${"k".repeat(50)}`, i]))],
  ["multi-byte text", { text: "€".repeat(10_000) }],
  ["escape-heavy text", { text: "\u0001\"\\".repeat(5_000) }],
])("%s becomes a bounded summary naming the full payload's sha256", (_name, payload) => {
  const full = canonicalJson(payload);
  const bounded = boundPayload(payload);
  expect(bounded.truncated).toBe(true);
  expect(sizeOf(bounded.json)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
  expect(bounded.value).toMatchObject({
    _truncated: true,
    original_bytes: sizeOf(full),
    original_sha256: crypto.createHash("sha256").update(full).digest("hex"),
  });
  expect(full.startsWith(String(bounded.value.preview))).toBe(true);
});

test("the bound applies after redaction, and the stored event carries the summary", () => {
  const temp = tempHandshakeDir();
  const fr = openFlightRecorder(temp.handshakeDir);
  cleanups.push(() => (fr.close(), temp.cleanup()));
  const secret = `ghp_${"s".repeat(36)}`;
  const event = fr.append({ type: "terminal_command", actor: "agent", payload: { command: `echo ${secret}`, stdout: "z".repeat(20_000) } });
  expect(event.payload).toMatchObject({ _truncated: true, keys: ["command", "stdout"] });
  expect(JSON.stringify(event.payload)).not.toContain(secret);
  expect(fr.verify().ok).toBe(true);
});
