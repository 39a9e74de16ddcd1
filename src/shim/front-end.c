/* hs-shim: the compiled front end of a session's git and rm shim (issue 15), installed as bin/git and bin/rm.
 * It takes the no-Node fast path exactly when the sh shim would and execs the real binary with the environment
 * the sh shim would give it; in every other case it execs the sh shim (bin/.git.sh, bin/.rm.sh) unchanged, so
 * the gate, approvals and messages stay the sh shim's. It decides nothing of its own: every table (FAST_PATH,
 * the rm patterns, the session's paths) is written into CONFIG by `hs session create` (src/shim/front-end.ts)
 * from the same data the sh shim is rendered from. Patterns are fnmatch(3) globs without flags and in the C
 * locale (setlocale is never called), which is how dash's `case` matches: byte by byte, `*` crossing `/`.
 * Config: NUL-terminated strings, "hs-shim-config@1" first; a list is its count, then its items. */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CONFIG_SIZE 65536

/* resolve-binary.ts looks for "# hs-shim@1 " so that hs never takes this file for the real git or rm. */
__attribute__((used)) static const char FINGERPRINT[] = "# hs-shim@1 compiled front end (src/shim/front-end.c)";
/* Replaced in each session's copy; the marker names the size the installer may write. */
char hs_shim_config[CONFIG_SIZE] = "HS-SHIM-CONFIG-PLACEHOLDER/65536/";

extern char **environ;

struct list {
  long n;
  const char *first;
};

static struct {
  const char *tool, *real, *sh, *root, *gitconfig;
  struct list unsafe_env, globals, subcommands, unsafe_args, rm_flags, rm_unsafe, rm_slow, rm_scope;
  long tolerated_n, forms_n;
  const char *tolerated, *forms; /* name, values list / sub, has-second, second, allowed list; repeated */
} cfg;

static const char *cur, *end;

static const char *next_str(void) {
  if (!cur || cur >= end) return cur = NULL;
  const char *s = cur;
  const char *z = memchr(s, '\0', (size_t)(end - s));
  cur = z ? z + 1 : NULL;
  return z ? s : NULL;
}

static long next_count(void) {
  const char *s = next_str();
  if (!s || !*s) return -1;
  char *stop;
  long n = strtol(s, &stop, 10);
  return *stop || n < 0 || n > CONFIG_SIZE ? -1 : n;
}

static int next_list(struct list *l) {
  l->n = next_count();
  l->first = cur;
  for (long i = 0; i < l->n; i++)
    if (!next_str()) return 0;
  return l->n >= 0;
}

static int parse_config(void) {
  /* Read through a volatile pointer: the compiler must not fold the placeholder it sees at build time. */
  const char *volatile base = hs_shim_config;
  cur = base;
  end = base + CONFIG_SIZE;
  const char *magic = next_str();
  if (!magic || strcmp(magic, "hs-shim-config@1") != 0) return 0;
  cfg.tool = next_str();
  cfg.real = next_str();
  cfg.sh = next_str();
  cfg.root = next_str();
  cfg.gitconfig = next_str();
  if (!cfg.gitconfig || !next_list(&cfg.unsafe_env)) return 0;
  cfg.tolerated_n = next_count();
  cfg.tolerated = cur;
  for (long i = 0; i < cfg.tolerated_n; i++) {
    struct list values;
    if (!next_str() || !next_list(&values)) return 0;
  }
  if (cfg.tolerated_n < 0 || !next_list(&cfg.globals) || !next_list(&cfg.subcommands) || !next_list(&cfg.unsafe_args)) return 0;
  cfg.forms_n = next_count();
  cfg.forms = cur;
  for (long i = 0; i < cfg.forms_n; i++) {
    struct list allowed;
    if (!next_str() || !next_str() || !next_str() || !next_list(&allowed)) return 0;
  }
  if (cfg.forms_n < 0 || !next_list(&cfg.rm_flags) || !next_list(&cfg.rm_unsafe) || !next_list(&cfg.rm_slow) || !next_list(&cfg.rm_scope)) return 0;
  const char *last = next_str();
  return last && strcmp(last, "end") == 0;
}

static const char *skip(const char *s) { return s + strlen(s) + 1; }

static int in_list(const struct list *l, const char *word) {
  const char *s = l->first;
  for (long i = 0; i < l->n; i++, s = skip(s))
    if (strcmp(s, word) == 0) return 1;
  return 0;
}

/* `case WORD in p1|p2|...)`: for patterns that send the call to the gate, a malformed pattern counts as a match. */
static int matches_any(const struct list *l, const char *word, int error_is_match) {
  const char *s = l->first;
  for (long i = 0; i < l->n; i++, s = skip(s)) {
    int r = fnmatch(s, word, 0);
    if (r == 0 || (r != FNM_NOMATCH && error_is_match)) return 1;
  }
  return 0;
}

/* --- the environment as dash exports it: entries with a valid name only, the last of duplicates wins --- */
static char **env;
static size_t env_n;

static long name_len(const char *entry) {
  const char *p = entry;
  if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) return -1;
  while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
  return *p == '=' ? p - entry : -1;
}

static long env_index(const char *name, size_t len) {
  for (size_t i = 0; i < env_n; i++)
    if (strncmp(env[i], name, len) == 0 && env[i][len] == '=') return (long)i;
  return -1;
}

static int env_load(void) {
  size_t total = 0;
  for (char **e = environ; *e; e++) total++;
  env = malloc((total + 8) * sizeof *env);
  if (!env) return 0;
  for (char **e = environ; *e; e++) {
    long len = name_len(*e);
    if (len < 0) continue;
    long at = env_index(*e, (size_t)len);
    if (at >= 0) env[at] = *e;
    else env[env_n++] = *e;
  }
  env[env_n] = NULL;
  return 1;
}

static const char *env_get(const char *name) {
  size_t len = strlen(name);
  long at = env_index(name, len);
  return at < 0 ? NULL : env[at] + len + 1;
}

/* At most 8 entries are added to the copy (env_load left room); a failed allocation sends the call to the gate. */
static int env_set(const char *name, const char *value) {
  size_t len = strlen(name);
  char *entry = malloc(len + strlen(value) + 2);
  if (!entry) return 0;
  sprintf(entry, "%s=%s", name, value);
  long at = env_index(name, len);
  if (at >= 0) env[at] = entry;
  else {
    env[env_n++] = entry;
    env[env_n] = NULL;
  }
  return 1;
}

/* --- the decisions, in the order of the sh templates (templates/shim/git.sh, rm.sh) --- */
static char *cwd;

/* `cd -P .`, then $PWD/ must start with $hs_root/: the physical working directory is inside the worktree. */
static int in_worktree(void) {
  /* `cd -P .` fails where "." cannot be searched; then dash's getcwd(0, 0), which has no PATH_MAX limit */
  if (chdir(".") != 0) return 0;
  cwd = getcwd(NULL, 0);
  if (!cwd || cwd[0] != '/') return 0;
  size_t root = strlen(cfg.root);
  return strncmp(cwd, cfg.root, root) == 0 && (cwd[root] == '/' || cwd[root] == '\0');
}

static int git_env_ok(void) {
  const char *name = cfg.unsafe_env.first;
  for (long i = 0; i < cfg.unsafe_env.n; i++, name = skip(name))
    if (env_get(name)) return 0;
  cur = cfg.tolerated;
  end = hs_shim_config + CONFIG_SIZE;
  for (long i = 0; i < cfg.tolerated_n; i++) {
    const char *var = next_str();
    struct list values;
    next_list(&values);
    const char *value = env_get(var);
    if (value && !in_list(&values, value)) return 0;
  }
  return 1;
}

static int git_fast(int argc, char **argv) {
  if (!git_env_ok() || !in_worktree()) return 0;
  int s = 1;
  while (s < argc && in_list(&cfg.globals, argv[s])) s++;
  if (s >= argc) return 0;
  for (int i = s + 1; i < argc; i++)
    if (matches_any(&cfg.unsafe_args, argv[i], 1)) return 0;
  const char *sub = argv[s];
  if (in_list(&cfg.subcommands, sub)) return 1;
  cur = cfg.forms;
  end = hs_shim_config + CONFIG_SIZE;
  for (long f = 0; f < cfg.forms_n; f++) {
    const char *form = next_str();
    const char *has_second = next_str();
    const char *second = next_str();
    struct list allowed;
    next_list(&allowed);
    if (strcmp(sub, form) != 0) continue;
    int from = s;
    if (strcmp(has_second, "1") == 0) {
      if (strcmp(s + 1 < argc ? argv[s + 1] : "", second) != 0) continue;
      from = s + 1;
    }
    int ok = 1;
    for (int i = from + 1; i < argc && ok; i++) ok = in_list(&allowed, argv[i]);
    if (ok) return 1;
  }
  return 0;
}

static int is_link(const char *file) {
  struct stat st;
  return lstat(file, &st) == 0 && S_ISLNK(st.st_mode);
}

static int rm_fast(int argc, char **argv) {
  if (!in_worktree()) return 0;
  const char *base = cwd + strlen(cfg.root);
  if (*base == '/') base++;
  long files = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (in_list(&cfg.rm_flags, arg)) continue;
    if (matches_any(&cfg.rm_unsafe, arg, 1)) return 0;
    const char *op = arg;
    while (op[0] == '.' && op[1] == '/') op += 2;
    struct stat st;
    if (stat(op, &st) != 0 || !S_ISREG(st.st_mode) || lstat(op, &st) != 0 || S_ISLNK(st.st_mode)) return 0;
    size_t op_len = strlen(op), base_len = strlen(base);
    char *path = malloc(base_len + op_len + 2);
    if (!path) return 0;
    /* no parent of the operand is a symlink (the sh loop strips one component at a time) */
    memcpy(path, op, op_len + 1);
    for (char *slash = strrchr(path, '/'); slash; slash = strrchr(path, '/')) {
      *slash = '\0';
      if (is_link(path)) return 0;
    }
    sprintf(path, "%s%s%s", base, base_len ? "/" : "", op);
    if (matches_any(&cfg.rm_slow, path, 1) || !matches_any(&cfg.rm_scope, path, 0)) return 0;
    free(path);
    files++;
  }
  return files > 0;
}

/* What dash does to the environment on the way: PWD (and OLDPWD, from `cd -P .`), IFS, OPTIND and PPID. */
static int shell_env(void) {
  struct stat here, logical;
  const char *pwd = env_get("PWD");
  const char *old = pwd && pwd[0] == '/' && stat(pwd, &logical) == 0 && stat(".", &here) == 0 && here.st_dev == logical.st_dev && here.st_ino == logical.st_ino ? pwd : cwd;
  char ppid[32];
  snprintf(ppid, sizeof ppid, "%ld", (long)getppid());
  return env_set("OLDPWD", old) && env_set("PWD", cwd) && (!env_get("IFS") || env_set("IFS", " \t\n")) && (!env_get("OPTIND") || env_set("OPTIND", "1")) &&
         (!env_get("PPID") || env_set("PPID", ppid));
}

/* Like the sh shim's `exec`: 127 when the file is missing, 126 when it cannot run; the sh shim itself: 77. */
static void run(const char *file, int argc, char **argv, char **envp, int shim) {
  char *fallback[2] = {NULL, NULL};
  if (argc < 1) argv = fallback;
  argv[0] = (char *)file;
  execve(file, argv, envp);
  fprintf(stderr, "hs: cannot run %s: %s\n", file, strerror(errno));
  exit(shim ? 77 : errno == ENOENT ? 127 : 126);
}

int main(int argc, char **argv) {
  if (!parse_config()) {
    fprintf(stderr, "hs: deny [shim.unconfigured] this hs shim front end has no session configuration; nothing was run\n  next: hs session create\n");
    return 77;
  }
  int fast = 0;
  if (env_load()) {
    if (strcmp(cfg.tool, "git") == 0) {
      fast = git_fast(argc, argv) && shell_env() && (!*cfg.gitconfig || (env_get("GIT_CONFIG_GLOBAL") && *env_get("GIT_CONFIG_GLOBAL")) || env_set("GIT_CONFIG_GLOBAL", cfg.gitconfig)) &&
             env_set("GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS", "true");
    } else if (strcmp(cfg.tool, "rm") == 0) {
      fast = rm_fast(argc, argv) && shell_env();
    }
  }
  if (fast) run(cfg.real, argc, argv, env, 0);
  run(cfg.sh, argc, argv, environ, 1);
  return 77;
}
