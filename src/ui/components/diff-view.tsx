// One file's diff, unified or side by side, with line numbers and light syntax colouring.
import { parsePatch, sideBySide, tokenize, type DiffLine } from "../diff.ts";

function Code({ text, path }: { text: string; path: string }) {
  return (
    <>
      {tokenize(text, path).map((t) => (t.kind === "plain" ? t.text : <span class={`tk-${t.kind}`}>{t.text}</span>))}
    </>
  );
}

const SIGN = { add: "+", del: "-", context: " ", meta: "" } as const;

export function DiffView({ patch, path, mode }: { patch: string; path: string; mode: "unified" | "split" }) {
  const hunks = parsePatch(patch);
  return (
    <div class="diff-scroll" data-testid="diff" data-mode={mode}>
      <table class={`diff diff-${mode}`}>
        {hunks.map((hunk) => (
          <tbody>
            <tr class="hunk">
              <td colSpan={mode === "unified" ? 3 : 4}>{hunk.header}</td>
            </tr>
            {mode === "unified"
              ? hunk.lines.map((line) => (
                  <tr class={`ln-${line.kind}`}>
                    <td class="no">{line.old ?? ""}</td>
                    <td class="no">{line.new ?? ""}</td>
                    <td class="code">
                      <span class="sign">
                        {SIGN[line.kind]}
                      </span>
                      <Code text={line.text} path={path} />
                    </td>
                  </tr>
                ))
              : sideBySide(hunk).map((row) => (
                  <tr>
                    <Half line={row.left} side="old" path={path} />
                    <Half line={row.right} side="new" path={path} />
                  </tr>
                ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function Half({ line, side, path }: { line: DiffLine | null; side: "old" | "new"; path: string }) {
  if (!line) return <><td class="no" /><td class="code empty-side" /></>;
  return (
    <>
      <td class="no">{(side === "old" ? line.old : line.new) ?? ""}</td>
      <td class={`code ln-${line.kind}`}>
        <Code text={line.text} path={path} />
      </td>
    </>
  );
}
