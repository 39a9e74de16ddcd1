// The Dev Command Center page: an app shell (navigation, live-link state, theme) around one view per route.
import "./styles.css";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { get } from "./api.ts";
import { connect, onEvent, onLinkState, type LinkState } from "./live.ts";
import { Link, match, useLocation } from "./router.tsx";
import { applyTheme, initialTheme, setWorkspace, type Theme } from "./prefs.ts";
import { useResource } from "./hooks.ts";
import type { ApprovalRequestView } from "../server/api-types.ts";
import { BoardPage } from "./pages/board.tsx";
import { SessionsPage } from "./pages/sessions.tsx";
import { SessionPage } from "./pages/session.tsx";
import { ApprovalsPage } from "./pages/approvals.tsx";
import { ReviewPage } from "./pages/review.tsx";
import { TimelinePage } from "./pages/timeline.tsx";
import { SearchPage } from "./pages/search.tsx";
import { WpPage } from "./pages/wp.tsx";
import { MtPage } from "./pages/mt.tsx";
import { NewWpPage, AnchorPage, NewAnchorPage } from "./pages/forms.tsx";
import { backgroundBadge } from "./notify.ts";

const NAV = [
  ["/", "Board"],
  ["/sessions", "Sessions"],
  ["/approvals", "Approvals"],
  ["/review", "Review"],
  ["/timeline", "Timeline"],
  ["/search", "Search"],
] as const;

function View({ path, search }: { path: string; search: URLSearchParams }) {
  let m: Record<string, string> | undefined;
  if (path === "/") return <BoardPage />;
  if (path === "/sessions") return <SessionsPage />;
  if ((m = match("/sessions/:id", path))) return <SessionPage id={m.id!} />;
  if (path === "/approvals") return <ApprovalsPage />;
  if ((m = match("/approvals/:id", path))) return <ApprovalsPage focus={m.id} />;
  if (path === "/review") return <ReviewPage target={search.get("target") ?? undefined} />;
  if ((m = match("/review/:target", path))) return <ReviewPage target={m.target} />;
  if (path === "/timeline") return <TimelinePage search={search} />;
  if ((m = match("/events/:seq", path))) return <TimelinePage search={search} focus={m.seq} />;
  if (path === "/search") return <SearchPage search={search} />;
  if (path === "/wp/new") return <NewWpPage />;
  if ((m = match("/wp/:id", path))) return <WpPage id={m.id!} />;
  if ((m = match("/mt/:id", path))) return <MtPage id={m.id!} />;
  if (path === "/anchors/new") return <NewAnchorPage wp={search.get("wp") ?? undefined} />;
  if ((m = match("/anchors/:id", path))) return <AnchorPage id={m.id!} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at <code>{path}</code>. <Link href="/">Back to the board</Link>
      </p>
    </section>
  );
}

const LINK_TEXT: Record<LinkState, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  offline: "offline: retrying",
};

function App({ name }: { name: string }) {
  const { path, search } = useLocation();
  const [link, setLink] = useState<LinkState>("connecting");
  const [theme, setTheme] = useState<Theme>(initialTheme());
  const pending = useResource<{ requests: ApprovalRequestView[] }>("/api/v1/approvals", (e) => e.type.startsWith("approval."));
  useEffect(() => onLinkState(setLink), []);
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => onEvent(backgroundBadge), []);
  const count = pending.data?.requests.length ?? 0;
  const section = NAV.filter(([href]) => href !== "/" && path.startsWith(href)).at(-1)?.[0] ?? (path === "/" || path.startsWith("/wp") || path.startsWith("/mt") ? "/" : "");
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand" title={name}>
          hs <span class="repo">{name}</span>
        </span>
        <nav aria-label="Main">
          {NAV.map(([href, label]) => (
            <Link href={href} class={section === href ? "current" : ""} aria-current={section === href ? "page" : undefined}>
              {label}
              {href === "/approvals" && count > 0 && (
                <span class="count" aria-label={`${count} pending`}>
                  {count}
                </span>
              )}
            </Link>
          ))}
        </nav>
        <span class={`link link-${link}`} role="status" aria-live="polite" data-testid="link-state">
          {LINK_TEXT[link]}
        </span>
        <button class="ghost" onClick={() => setTheme(theme === "dark" ? "light" : "dark")} aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>
          {theme === "dark" ? "Light" : "Dark"}
        </button>
      </header>
      {link === "offline" && (
        <div class="banner" role="alert">
          The hs ui server is not answering. The page keeps retrying; what you see may be stale. Restart it with <code>hs ui</code>.
        </div>
      )}
      <main id="main" tabIndex={-1}>
        <View path={path} search={search} />
      </main>
    </>
  );
}

async function start() {
  const root = document.getElementById("app")!;
  applyTheme(initialTheme());
  try {
    const ws = await get<{ workspace_id: string; name: string }>("/api/v1/workspace");
    setWorkspace(ws.workspace_id);
    connect();
    root.textContent = "";
    render(<App name={ws.name} />, root);
  } catch (error) {
    root.textContent = `hs ui: ${(error as Error).message}. Log in with the URL hs ui printed.`;
  }
}

void start();
