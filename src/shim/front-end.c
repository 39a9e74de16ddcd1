/* hs-shim: the compiled front end of a session's git and rm shim (issue 15), installed as bin/git and bin/rm.
 * It takes the no-Node fast path exactly when the sh shim would and execs the real binary with the environment
 * the sh shim would give it; in every other case it execs the sh shim (bin/.git.sh, bin/.rm.sh) unchanged, so
 * the gate, approvals and messages stay the sh shim's. It decides nothing of its own: every table (FAST_PATH,
 * the rm patterns, the session's paths) is written into CONFIG by `hs session create` (src/shim/front-end.ts)
 * from the same data the sh shim is rendered from. Patterns are matched as dash's `case` does: byte by byte,
 * `*` crossing `/` (the generators emit only literals, `\x` escapes, `*`, `?` and `[xX]` sets).
 * Config: NUL-terminated strings, "hs-shim-config@1" first; a list is its count, then its items.
 *
 * On x86-64 it is built without the C library (-nostdlib, its own _start and system calls): a process that
 * starts the C library faults in some 25 pages and runs its CPU probes, which costs more than the budget of a
 * whole fast-path call on a virtual machine. Elsewhere, or when that build fails, it is built with -DHS_HOSTED. */
#if defined(__x86_64__) && !defined(HS_HOSTED)
#include <asm/stat.h>
#include <asm/unistd.h>
typedef unsigned long size_t;
#define NULL ((void *)0)
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100

static long sys(long n, long a, long b, long c, long d) {
  register long r10 __asm__("r10") = d;
  long ret;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
  return ret;
}
static int hs_chdir(const char *dir) { return sys(__NR_chdir, (long)dir, 0, 0, 0) == 0 ? 0 : -1; }
static int hs_getcwd(char *buf, size_t size) { return sys(__NR_getcwd, (long)buf, (long)size, 0, 0) > 0 ? 0 : -1; }
static int hs_stat(const char *file, struct stat *st, int follow) {
  return sys(__NR_newfstatat, AT_FDCWD, (long)file, (long)st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -1;
}
static long hs_getppid(void) { return sys(__NR_getppid, 0, 0, 0, 0); }
static void hs_write(const char *s, size_t n) { sys(__NR_write, 2, (long)s, (long)n, 0); }
/* returns only on failure: -errno */
static long hs_execve(const char *file, char **argv, char **envp) {
  return sys(__NR_execve, (long)file, (long)argv, (long)envp, 0);
}
static void __attribute__((noreturn)) hs_exit(int code) {
  for (;;) sys(__NR_exit_group, code, 0, 0, 0);
}
#define HS_ENOENT 2

/* The compiler may call these for copies and clears even in freestanding code. */
void *memcpy(void *dst, const void *src, size_t n) {
  char *d = dst;
  const char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}
void *memset(void *dst, int c, size_t n) {
  char *d = dst;
  while (n--) *d++ = (char)c;
  return dst;
}

int hs_main(int argc, char **argv, char **envp);
void __attribute__((used)) hs_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  hs_exit(hs_main(argc, argv, argv + argc + 1));
}
__asm__(".text\n.globl _start\n.type _start,@function\n_start:\n"
        "\txor %ebp,%ebp\n\tmov %rsp,%rdi\n\tand $-16,%rsp\n\tcall hs_start\n\thlt\n");
#else
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
static int hs_chdir(const char *dir) { return chdir(dir); }
static int hs_getcwd(char *buf, size_t size) { return getcwd(buf, size) ? 0 : -1; }
static int hs_stat(const char *file, struct stat *st, int follow) { return follow ? stat(file, st) : lstat(file, st); }
static long hs_getppid(void) { return (long)getppid(); }
static void hs_write(const char *s, size_t n) { (void)!write(2, s, n); }
static long hs_execve(const char *file, char **argv, char **envp) {
  execve(file, argv, envp);
  return -errno;
}
#define HS_ENOENT ENOENT
int hs_main(int argc, char **argv, char **envp);
int main(int argc, char **argv, char **envp) { return hs_main(argc, argv, envp); }
#endif

#define S_TYPE(mode) ((mode) & 0170000)
#define TYPE_REG 0100000
#define TYPE_LNK 0120000

static size_t hs_strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
static int hs_strcmp(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}
static int hs_strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++)
    if (*a != *b || !*a) return (unsigned char)*a - (unsigned char)*b;
  return 0;
}
static void say(const char *a, const char *b, const char *c) {
  hs_write(a, hs_strlen(a));
  hs_write(b, hs_strlen(b));
  hs_write(c, hs_strlen(c));
}

/* Strings the front end makes (environment entries, paths): a bump arena; running out sends the call to the gate. */
static char arena[1 << 18];
static size_t arena_used;
static char *arena_str(const char *a, const char *b, const char *c) {
  size_t la = hs_strlen(a), lb = hs_strlen(b), lc = hs_strlen(c);
  if (la + lb + lc + 1 > sizeof arena - arena_used) return NULL;
  char *out = arena + arena_used;
  char *p = out;
  for (size_t i = 0; i < la; i++) *p++ = a[i];
  for (size_t i = 0; i < lb; i++) *p++ = b[i];
  for (size_t i = 0; i < lc; i++) *p++ = c[i];
  *p++ = '\0';
  arena_used += (size_t)(p - out);
  return out;
}

#define CONFIG_SIZE 65536

/* resolve-binary.ts looks for "# hs-shim@1 " so that hs never takes this file for the real git or rm. */
__attribute__((used)) static const char FINGERPRINT[] = "# hs-shim@1 compiled front end (src/shim/front-end.c)";
/* Replaced in each session's copy; the marker names the size the installer may write. */
char hs_shim_config[CONFIG_SIZE] = "HS-SHIM-CONFIG-PLACEHOLDER/65536/";

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
  if (!cur) return NULL;
  const char *s = cur;
  while (cur < end && *cur) cur++;
  if (cur >= end) return cur = NULL;
  cur++;
  return s;
}

static long next_count(void) {
  const char *s = next_str();
  if (!s || !*s) return -1;
  long n = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || n > CONFIG_SIZE) return -1;
    n = n * 10 + (*s - '0');
  }
  return n;
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
  if (!magic || hs_strcmp(magic, "hs-shim-config@1") != 0) return 0;
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
  if (cfg.tolerated_n < 0 || !next_list(&cfg.globals) || !next_list(&cfg.subcommands) || !next_list(&cfg.unsafe_args))
    return 0;
  cfg.forms_n = next_count();
  cfg.forms = cur;
  for (long i = 0; i < cfg.forms_n; i++) {
    struct list allowed;
    if (!next_str() || !next_str() || !next_str() || !next_list(&allowed)) return 0;
  }
  if (cfg.forms_n < 0 || !next_list(&cfg.rm_flags) || !next_list(&cfg.rm_unsafe) || !next_list(&cfg.rm_slow) ||
      !next_list(&cfg.rm_scope))
    return 0;
  const char *last = next_str();
  return last && hs_strcmp(last, "end") == 0;
}

static const char *skip(const char *s) { return s + hs_strlen(s) + 1; }

static int in_list(const struct list *l, const char *word) {
  const char *s = l->first;
  for (long i = 0; i < l->n; i++, s = skip(s))
    if (hs_strcmp(s, word) == 0) return 1;
  return 0;
}

/* One pattern item against byte c: 1 match, 0 no match, -1 a pattern this matcher does not know. */
static int match_one(const char **pattern, unsigned char c) {
  const char *p = *pattern;
  if (*p == '?') {
    *pattern = p + 1;
    return 1;
  }
  if (*p == '\\') {
    if (!p[1]) return -1;
    *pattern = p + 2;
    return (unsigned char)p[1] == c;
  }
  if (*p != '[') {
    *pattern = p + 1;
    return (unsigned char)*p == c;
  }
  p++;
  int negate = *p == '!' || *p == '^';
  if (negate) p++;
  int found = 0;
  for (int first = 1; first || *p != ']'; first = 0) {
    if (!*p || (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.'))) return -1;
    unsigned char lo = (unsigned char)*p, hi;
    if (*p == '\\') {
      if (!p[1]) return -1;
      lo = (unsigned char)*++p;
    }
    p++;
    hi = lo;
    if (*p == '-' && p[1] && p[1] != ']') {
      p++;
      if (*p == '\\' && p[1]) p++;
      hi = (unsigned char)*p++;
    }
    if (lo <= c && c <= hi) found = 1;
  }
  *pattern = p + 1;
  return found != negate;
}

/* fnmatch(3) without flags: 0 match, 1 no match, -1 an unknown pattern. `*` backtracks to its last position. */
static int glob_match(const char *p, const char *s) {
  const char *star = NULL, *resume = NULL;
  while (*s) {
    if (*p == '*') {
      while (*p == '*') p++;
      star = p;
      resume = s;
      continue;
    }
    const char *next = p;
    int m = *p ? match_one(&next, (unsigned char)*s) : 0;
    if (m < 0) return -1;
    if (m) {
      p = next;
      s++;
    } else if (star) {
      p = star;
      s = ++resume;
    } else {
      return 1;
    }
  }
  while (*p == '*') p++;
  return *p ? 1 : 0;
}

/* `case WORD in p1|p2|...)`: for patterns that send the call to the gate, an unknown pattern counts as a match. */
static int matches_any(const struct list *l, const char *word, int unknown_is_match) {
  const char *s = l->first;
  for (long i = 0; i < l->n; i++, s = skip(s)) {
    int r = glob_match(s, word);
    if (r == 0 || (r < 0 && unknown_is_match)) return 1;
  }
  return 0;
}

/* --- the environment as dash exports it: entries with a valid name only, the last of duplicates wins --- */
#define ENV_MAX 4096
static char *env[ENV_MAX + 8];
static size_t env_n;

static long name_len(const char *entry) {
  const char *p = entry;
  if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) return -1;
  while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
  return *p == '=' ? p - entry : -1;
}

static long env_index(const char *name, size_t len) {
  for (size_t i = 0; i < env_n; i++)
    if (hs_strncmp(env[i], name, len) == 0 && env[i][len] == '=') return (long)i;
  return -1;
}

static int env_load(char **envp) {
  for (char **e = envp; *e; e++) {
    long len = name_len(*e);
    if (len < 0) continue;
    long at = env_index(*e, (size_t)len);
    if (at >= 0) env[at] = *e;
    else if (env_n < ENV_MAX) env[env_n++] = *e;
    else return 0;
  }
  env[env_n] = NULL;
  return 1;
}

static const char *env_get(const char *name) {
  size_t len = hs_strlen(name);
  long at = env_index(name, len);
  return at < 0 ? NULL : env[at] + len + 1;
}

/* At most 8 entries are added (env has room); a full arena sends the call to the gate. */
static int env_set(const char *name, const char *value) {
  char *entry = arena_str(name, "=", value);
  if (!entry) return 0;
  long at = env_index(name, hs_strlen(name));
  if (at >= 0) env[at] = entry;
  else {
    env[env_n++] = entry;
    env[env_n] = NULL;
  }
  return 1;
}

/* --- the decisions, in the order of the sh templates (templates/shim/git.sh, rm.sh) --- */
static char cwd[4096];

/* `cd -P .`, then $PWD/ must start with $hs_root/: the physical working directory is inside the worktree.
 * `cd -P .` fails where "." cannot be searched. A directory deeper than a page (the getcwd system call's
 * limit) goes to the sh shim, which decides as before. */
static int in_worktree(void) {
  if (hs_chdir(".") != 0 || hs_getcwd(cwd, sizeof cwd) != 0 || cwd[0] != '/') return 0;
  size_t root = hs_strlen(cfg.root);
  return hs_strncmp(cwd, cfg.root, root) == 0 && (cwd[root] == '/' || cwd[root] == '\0');
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
    if (hs_strcmp(sub, form) != 0) continue;
    int from = s;
    if (hs_strcmp(has_second, "1") == 0) {
      if (hs_strcmp(s + 1 < argc ? argv[s + 1] : "", second) != 0) continue;
      from = s + 1;
    }
    int ok = 1;
    for (int i = from + 1; i < argc && ok; i++) ok = in_list(&allowed, argv[i]);
    if (ok) return 1;
  }
  return 0;
}

static int is_type(const char *file, int follow, unsigned type) {
  struct stat st;
  return hs_stat(file, &st, follow) == 0 && S_TYPE(st.st_mode) == type;
}

static int rm_fast(int argc, char **argv) {
  if (!in_worktree()) return 0;
  const char *base = cwd + hs_strlen(cfg.root);
  if (*base == '/') base++;
  long files = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (in_list(&cfg.rm_flags, arg)) continue;
    if (matches_any(&cfg.rm_unsafe, arg, 1)) return 0;
    const char *op = arg;
    while (op[0] == '.' && op[1] == '/') op += 2;
    /* `[ -f OP ] && [ ! -L OP ]` */
    struct stat st;
    if (!is_type(op, 1, TYPE_REG) || hs_stat(op, &st, 0) != 0 || S_TYPE(st.st_mode) == TYPE_LNK) return 0;
    size_t mark = arena_used;
    /* no parent of the operand is a symlink (the sh loop strips one component at a time) */
    char *dir = arena_str(op, "", "");
    if (!dir) return 0;
    for (char *p = dir + hs_strlen(dir); p > dir; p--) {
      if (*p != '/') continue;
      *p = '\0';
      if (is_type(dir, 0, TYPE_LNK)) return 0;
    }
    const char *path = arena_str(base, *base ? "/" : "", op);
    if (!path || matches_any(&cfg.rm_slow, path, 1) || !matches_any(&cfg.rm_scope, path, 0)) return 0;
    arena_used = mark;
    files++;
  }
  return files > 0;
}

static const char *decimal(long n) {
  static char buf[24];
  char *p = buf + sizeof buf - 1;
  *p = '\0';
  do *--p = (char)('0' + n % 10);
  while ((n /= 10) > 0);
  return p;
}

/* What dash does to the environment on the way: PWD (and OLDPWD, from `cd -P .`), IFS, OPTIND and PPID. */
static int shell_env(void) {
  struct stat here, logical;
  const char *pwd = env_get("PWD");
  int same = pwd && pwd[0] == '/' && hs_stat(pwd, &logical, 1) == 0 && hs_stat(".", &here, 1) == 0 &&
             here.st_dev == logical.st_dev && here.st_ino == logical.st_ino;
  return env_set("OLDPWD", same ? pwd : cwd) && env_set("PWD", cwd) && (!env_get("IFS") || env_set("IFS", " \t\n")) &&
         (!env_get("OPTIND") || env_set("OPTIND", "1")) && (!env_get("PPID") || env_set("PPID", decimal(hs_getppid())));
}

static int git_env(void) {
  const char *global = env_get("GIT_CONFIG_GLOBAL");
  return (!*cfg.gitconfig || (global && *global) || env_set("GIT_CONFIG_GLOBAL", cfg.gitconfig)) &&
         env_set("GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS", "true");
}

/* Like the sh shim's `exec`: 127 when the file is missing, 126 when it cannot run; the sh shim itself: 77. */
static int run(const char *file, int argc, char **argv, char **envp, int shim) {
  char *fallback[2] = {NULL, NULL};
  if (argc < 1) argv = fallback;
  argv[0] = (char *)file;
  long err = hs_execve(file, argv, envp);
  say("hs: cannot run ", file, err == -HS_ENOENT ? ": not found\n" : ": cannot execute\n");
  return shim ? 77 : err == -HS_ENOENT ? 127 : 126;
}

int hs_main(int argc, char **argv, char **envp) {
  if (!parse_config()) {
    say("hs: deny [shim.unconfigured] this hs shim front end has no session configuration; nothing was run\n",
        "  next: hs session create\n", "");
    return 77;
  }
  int fast = 0;
  if (env_load(envp)) {
    if (hs_strcmp(cfg.tool, "git") == 0) fast = git_fast(argc, argv) && shell_env() && git_env();
    else if (hs_strcmp(cfg.tool, "rm") == 0) fast = rm_fast(argc, argv) && shell_env();
  }
  return fast ? run(cfg.real, argc, argv, env, 0) : run(cfg.sh, argc, argv, envp, 1);
}
