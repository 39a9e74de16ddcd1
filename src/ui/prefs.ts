// Filters and grouping remembered per repository (localStorage keyed by the workspace id), and the theme.
let workspaceId = "unknown";

export function setWorkspace(id: string): void {
  workspaceId = id;
}

export function loadPref<T>(name: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`hs-dcc:${workspaceId}:${name}`);
    return raw ? { ...fallback, ...(JSON.parse(raw) as T) } : fallback;
  } catch {
    return fallback;
  }
}

export function savePref(name: string, value: unknown): void {
  try {
    localStorage.setItem(`hs-dcc:${workspaceId}:${name}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: the filter still applies for this visit
  }
}

export type Theme = "light" | "dark";

export function initialTheme(): Theme {
  const saved = localStorage.getItem("hs-dcc:theme");
  if (saved === "light" || saved === "dark") return saved;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  localStorage.setItem("hs-dcc:theme", theme);
}
