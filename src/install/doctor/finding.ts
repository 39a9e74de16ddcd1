// One doctor finding: stable code, what is wrong, why it matters, the exact command that fixes it.
export type Severity = "problem" | "warning";

export interface Finding {
  code: string;
  severity: Severity;
  what: string;
  why: string;
  fix: string;
}

export const problem = (code: string, what: string, why: string, fix: string): Finding => ({ code, severity: "problem", what, why, fix });
export const warning = (code: string, what: string, why: string, fix: string): Finding => ({ code, severity: "warning", what, why, fix });
