import { expect, test } from "vitest";
import { modelAgreesWithMicromatch } from "../../src/scope/model-check.ts";
import type { Segment } from "../../src/scope/segments.ts";

const lit = (text: string): Segment => ({ kind: "literal", text });
const star: Segment = { kind: "pattern", text: "*", prefix: "", suffix: "", anyName: true, singleStar: true };
const globstar: Segment = { kind: "globstar" };

test.each([
  ["src/**", [[lit("src"), globstar]], true],
  ["*/**", [[star, globstar]], true],
  ["a/*", [[lit("a"), star]], true],
  // picomatch 4 compiles this to /^!b\/[a-c]\/…/, dropping the leading `a`.
  ["a!b/{a..c}/*", [[lit("a!b"), lit("a"), star]], false],
  ["a.ts/***", [[lit("a.ts"), star]], false],
  ["a/*", [[lit("b"), star]], false],
] as [string, Segment[][], boolean][])("%j agrees with %j: %s", (glob, variants, expected) =>
  expect(modelAgreesWithMicromatch(glob, variants)).toBe(expected),
);
