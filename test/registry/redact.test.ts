// The Secret Redactor, case by case: what must disappear, what must stay readable.
import { expect, test } from "vitest";
import { REDACTED, isSecretKey, redactString, redactValue } from "../../src/registry/redact.ts";

const GHP = `ghp_${"a1B2".repeat(9)}`;

test.each([
  ["GitHub classic token", `git clone https://github.com/o/r ${GHP}`, `git clone https://github.com/o/r ghp_${REDACTED}`],
  ["GitHub OAuth token", `gho_${"z".repeat(36)}`, `gho_${REDACTED}`],
  ["GitHub fine-grained PAT", `github_pat_11ABCDEFG0_${"x".repeat(40)}`, `github_pat_${REDACTED}`],
  ["OpenAI key", `OPENAI=sk-${"k".repeat(40)}`, `OPENAI=sk-${REDACTED}`],
  ["OpenAI project key", `sk-proj-${"Ab9_".repeat(10)}`, `sk-proj-${REDACTED}`],
  ["Anthropic key", `key sk-ant-api03-${"Q".repeat(40)} end`, `key sk-ant-${REDACTED} end`],
  ["AWS access key id", "aws AKIAIOSFODNN7EXAMPLE here", `aws AKIA${REDACTED} here`],
  ["Slack bot token", "xoxb-123456789012-abcdefABCDEF", `xoxb-${REDACTED}`],
  ["Slack user token", "xoxp-1-2-3-abcdef", `xoxp-${REDACTED}`],
  ["password=", "mysql --password=hunter2 -u root", `mysql --password=${REDACTED} -u root`],
  ["token= in a query string", "https://api.example.com/x?token=abc123&page=2", `https://api.example.com/x?token=${REDACTED}&page=2`],
  ["env line", "GITHUB_TOKEN=abcdef123456", `GITHUB_TOKEN=${REDACTED}`],
  ["api_key: in prose", "api_key: 12345abcde", `api_key: ${REDACTED}`],
  ["JSON text", `{"client_secret": "s3cr3t"}`, `{"client_secret": "${REDACTED}"}`],
  ["Authorization Bearer header", "Authorization: Bearer eyJhbGciOi.payload.sig", `Authorization: Bearer ${REDACTED}`],
  ["Authorization Basic header", "authorization: Basic dXNlcjpwYXNz", `authorization: Basic ${REDACTED}`],
  ["bare Bearer token", "curl -H 'x: Bearer abcdefgh12345678'", `curl -H 'x: Bearer ${REDACTED}'`],
  ["credentials in a URL", "git push https://bob:s3cret@github.com/o/r", `git push https://bob:${REDACTED}@github.com/o/r`],
  [
    "PEM private key",
    "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----\nafter",
    `key:\n-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----\nafter`,
  ],
  ["unterminated private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn", `-----BEGIN OPENSSH PRIVATE KEY-----${REDACTED}-----END OPENSSH PRIVATE KEY-----`],
])("redacts %s", (_name, input, expected) => {
  expect(redactString(input)).toBe(expected);
});

test.each([
  ["plain command", "git commit -m 'fix the parser'"],
  ["token counts", "max_tokens: 4096, tokens_used=12"],
  ["author", "--author=Alice <a@example.com>"],
  ["short sk- word", "sk-1"],
  ["task names", "risk-assessment task-runner"],
  ["a boolean flag value", "password=false"],
  ["a public key", "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----"],
  ["a URL without credentials", "https://github.com/o/r.git"],
  ["sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
])("keeps %s readable", (_name, input) => {
  expect(redactString(input)).toBe(input);
});

test.each([
  ["password", true],
  ["GITHUB_TOKEN", true],
  ["apiKey", true],
  ["api_key", true],
  ["X-Api-Key", true],
  ["client_secret", true],
  ["privateKey", true],
  ["Authorization", true],
  ["cookie", true],
  ["session_id", false],
  ["max_tokens", false],
  ["tokens_used", false],
  ["PWD", false],
  ["author", false],
  ["keys", false],
])("isSecretKey(%s) = %s", (key, expected) => {
  expect(isSecretKey(key)).toBe(expected);
});

test("redacts recursively: nested objects, env maps, argv arrays and flag-value pairs", () => {
  const input = {
    command: "deploy",
    argv: ["tool", "--token", "t0ps3cret", "--api-key", "k3y", "--verbose", `--auth=${GHP}`, "--password=pw"],
    env: { HOME: "/home/a", PWD: "/work", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI", NPM_TOKEN: "npm_abc" },
    nested: [{ deeper: { password: "x", note: `use ${GHP}` } }],
    counts: { max_tokens: 4096, token: 7, enabled_secret: true },
  };
  expect(redactValue(input)).toEqual({
    command: "deploy",
    argv: ["tool", "--token", REDACTED, "--api-key", REDACTED, "--verbose", `--auth=ghp_${REDACTED}`, `--password=${REDACTED}`],
    env: { HOME: "/home/a", PWD: "/work", AWS_SECRET_ACCESS_KEY: REDACTED, NPM_TOKEN: REDACTED },
    nested: [{ deeper: { password: REDACTED, note: `use ghp_${REDACTED}` } }],
    counts: { max_tokens: 4096, token: REDACTED, enabled_secret: true },
  });
  expect(input.env.NPM_TOKEN).toBe("npm_abc");
});

test("a secret used as an object key is redacted too", () => {
  expect(redactValue({ [GHP]: 1, plain: 2 })).toEqual({ [`ghp_${REDACTED}`]: 1, plain: 2 });
});

test("cycles and over-deep values become markers instead of throwing", () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(redactValue(cyclic)).toEqual({ a: 1, self: "[Circular]" });
  let deep: unknown = "bottom";
  for (let i = 0; i < 40; i += 1) deep = { d: deep };
  expect(JSON.stringify(redactValue(deep))).toContain("[Truncated: too deep]");
});

test.each([
  ["word characters", "y".repeat(1 << 20)],
  ["dotted words", "a.".repeat(1 << 19)],
  ["almost-assignments", "token ".repeat(1 << 17)],
  ["unclosed quotes", 'password="'.repeat(1 << 16)],
  ["scheme-like runs", "a://b:".repeat(1 << 17)],
  ["sk- prefixes", "sk-abc".repeat(1 << 17)],
])("1 MiB of %s is redacted in linear time (no catastrophic backtracking)", (_name, text) => {
  const started = performance.now();
  redactString(text);
  redactValue({ argv: ["--token", text, text] });
  expect(performance.now() - started).toBeLessThan(2000);
});
