// context.search over a worktree: results grouped by file; choosing a hit opens the lines around it.
import { useState } from "preact/hooks";
import type { OpenRefResult, SearchResult, SessionList } from "./types.ts";
import { get, query } from "../api.ts";
import { useAction, useResource } from "../hooks.ts";
import { navigate } from "../router.tsx";
import { Empty, Failure, Loading } from "../components/common.tsx";
import { escapeControls } from "../format.ts";

export function SearchPage({ search }: { search: URLSearchParams }) {
  const q = search.get("q") ?? "";
  const target = search.get("target") ?? "main";
  const regex = search.get("regex") === "1";
  const sessions = useResource<SessionList>("/api/v1/sessions", (e) => e.type === "session.created");
  const [draft, setDraft] = useState({ q, target, regex });
  const results = useResource<SearchResult>(q ? `/api/v1/search${query({ target, q, regex: regex ? "1" : undefined, untracked: "1" })}` : null, () => false);
  const [opened, setOpened] = useState<OpenRefResult & { line: number }>();
  const open = useAction();
  const show = async (path: string, line: number) => {
    const excerpt = await open.run(() => get<OpenRefResult>(`/api/v1/search/open${query({ target, path, line, context: 8 })}`));
    if (excerpt) setOpened({ ...excerpt, line });
  };
  const groups = new Map<string, SearchResult["results"]>();
  for (const hit of results.data?.results ?? []) groups.set(hit.path, [...(groups.get(hit.path) ?? []), hit]);
  const worktrees = (sessions.data?.groups.flatMap((g) => g.sessions) ?? []).filter((s) => s.worktree && !s.closed_at);
  return (
    <section>
      <h1>Search</h1>
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setOpened(undefined), navigate(`/search${query({ q: draft.q, target: draft.target, regex: draft.regex ? "1" : undefined })}`))}>
        <label>
          Pattern <input type="search" value={draft.q} required onInput={(e) => setDraft({ ...draft, q: e.currentTarget.value })} />
        </label>
        <label>
          In{" "}
          <select value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.currentTarget.value })}>
            <option value="main">main checkout</option>
            {worktrees.map((s) => (
              <option value={s.id}>session {s.id}</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={draft.regex} onChange={(e) => setDraft({ ...draft, regex: e.currentTarget.checked })} /> regular expression
        </label>
        <button type="submit">Search</button>
      </form>
      <Failure error={results.error ?? open.error} />
      {!q ? (
        <Empty command="hs search main 'TODO'">Search the files of a worktree. In a terminal:</Empty>
      ) : !results.data ? (
        <Loading what="results" />
      ) : groups.size === 0 ? (
        <Empty>No match for “{q}”.</Empty>
      ) : (
        <div class="search-grid">
          <div data-testid="results">
            <p class="sub">
              {results.data.results.length} hits in {groups.size} files, {results.data.elapsed_ms} ms{results.data.truncated ? " (more not shown)" : ""}
            </p>
            {[...groups].map(([path, hits]) => (
              <section class="hit-file" data-file={path}>
                <h2>
                  {escapeControls(path)} <span class="lane-count">{hits.length}</span>
                </h2>
                <ul>
                  {hits.map((hit) => (
                    <li>
                      <button class="link-button hit" onClick={() => void show(hit.path, hit.line)}>
                        <span class="no">{hit.line}</span> <code>{escapeControls(hit.excerpt)}</code>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
          {opened && (
            <section aria-labelledby="excerpt-h" class="excerpt" data-testid="excerpt">
              <h2 id="excerpt-h">
                {escapeControls(opened.path)}:{opened.line}
              </h2>
              <pre>
                {opened.lines.map((text, i) => (
                  <div class={opened.start_line + i === opened.line ? "hit-line" : ""}>
                    <span class="no">{opened.start_line + i}</span> {escapeControls(text)}
                  </div>
                ))}
              </pre>
            </section>
          )}
        </div>
      )}
    </section>
  );
}
