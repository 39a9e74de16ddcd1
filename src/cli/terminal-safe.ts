// Text a session produced (its log, its files in a diff) reaches the operator's terminal without the escape
// sequences that could retitle it, write the clipboard (OSC 52), move the cursor over earlier lines or
// hide text. Colours (SGR) stay; other escapes are dropped; control characters are shown as \xNN; a lone
// carriage return becomes a line break so that nothing can be overwritten on screen.
const UNSAFE = new RegExp(
  [
    String.raw`\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[ -/]*[0-~]?)`,
    String.raw`\r(?!\n)`,
    String.raw`[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u0080-\u009f]`,
  ].join("|"),
  "g",
);

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (match) => {
    if (match.startsWith("\x1b")) return /^\x1b\[[0-9;]*m$/.test(match) ? match : "";
    if (match === "\r") return "\n";
    return `\\x${match.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
}
