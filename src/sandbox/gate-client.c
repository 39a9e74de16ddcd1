/* hs-gate-client: the tiny in-sandbox client of the session host (no Node on this path).
 *   hs-gate-client gate <tool> -- ARGS...   ask the host's gate; exit 0 = run it, else the refusal's code
 *   hs-gate-client event <type> <json>      append a Flight Recorder event through the host
 *   hs-gate-client hs ARGS...               run an `hs` request on the host (operator-only ones refused)
 *   hs-gate-client --daemon DIR NODE ENTRY SESSION HANDSHAKE gate <tool> -- ARGS...
 *        no session host: ask the session's gate daemon at DIR/gate.sock, starting it when nobody listens.
 *        DIR must be this user's own and closed to others, and the listener must run as this user
 *        (SO_PEERCRED); when no daemon can be reached, nothing was asked and the exit code is 76
 *        (the shim then asks `hs __gate` itself).
 *   hs-gate-client scope <socket>           hooks: are the NUL-separated paths on stdin (ending with the
 *                                           record "/end") all in the session's scope? exit 0 = yes; any
 *                                           other exit, or a server inside this sandbox, = run the full check
 * Request: NUL-separated fields (verb, cwd, fields...), then shutdown(SHUT_WR).
 * Reply: frames, streamed: "O <n>\n"+stdout bytes, "E <n>\n"+stderr bytes, finally "X <code>\n".
 * Fails closed: no socket, no reply or a malformed reply exits 77. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NO_DAEMON 76

extern char **environ;

static void die(const char *why) {
  fprintf(stderr, "hs: deny [host-unreachable] %s; the session host is not answering (is the session paused or its host gone?)\n", why);
  exit(77);
}

static char *buf;
static size_t len, cap;

static void put(const char *s, size_t n) {
  if (len + n + 1 > cap) {
    cap = (len + n + 1) * 2;
    buf = realloc(buf, cap);
    if (!buf) die("out of memory");
  }
  memcpy(buf + len, s, n);
  len += n;
  buf[len++] = '\0';
}

static void put_str(const char *s) { put(s, strlen(s)); }

static void put_num(long n) {
  char tmp[32];
  snprintf(tmp, sizeof tmp, "%ld", n);
  put_str(tmp);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static int connect_path(const char *path) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof addr.sun_path) {
    close(fd);
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(addr.sun_path, path);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* The daemon's folder, opened without following a symlink: this user's own, and nobody else's to enter. */
static int daemon_dir(const char *dir) {
  int d = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (d < 0) return -1;
  struct stat st;
  if (fstat(d, &st) != 0 || st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
    close(d);
    return -2;
  }
  return d;
}

/* Never inherited by the deciding Node process (the shim's Node path unsets the same list). */
static const char *const UNSAFE_ENV[] = {
  "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS", "NODE_V8_COVERAGE", "NODE_REDIRECT_WARNINGS", "NODE_PRESERVE_SYMLINKS",
  "NODE_PRESERVE_SYMLINKS_MAIN", "NODE_ICU_DATA", "NODE_DEBUG", "NODE_DEBUG_NATIVE", "NODE_PENDING_DEPRECATION",
  "NODE_REPL_EXTERNAL_MODULE", "NODE_COMPILE_CACHE", "NODE_CHANNEL_FD", "NODE_UNIQUE_ID", "NODE_TEST_CONTEXT",
  "UV_THREADPOOL_SIZE", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "HS_HOST_SOCKET", NULL,
};

/* spec: NODE ENTRY SESSION HANDSHAKE. The daemon runs in its own session, detached from this terminal. */
static pid_t start_daemon(char **spec) {
  pid_t child = fork();
  if (child != 0) return child;
  setsid();
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
  }
  /* Nothing of the caller's stays open in the daemon (a pipe someone waits to see closed, say). */
  if (close_range(3, ~0U, 0) != 0)
    for (int fd = 3; fd < 1024; fd++) close(fd);
  for (int i = 0; UNSAFE_ENV[i]; i++) unsetenv(UNSAFE_ENV[i]);
  char *args[] = {spec[0], spec[1], "__gate-daemon", "--session", spec[2], "--workspace", spec[3], NULL};
  execv(spec[0], args);
  _exit(127);
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The daemon listening in DIR, or -1 when nobody listens there (exits when DIR is not safe to trust). */
static int try_daemon(const char *dir) {
  int d = daemon_dir(dir);
  if (d == -2) exit(NO_DAEMON);
  if (d < 0) return -1;
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d/gate.sock", d);
  int fd = connect_path(path);
  close(d);
  if (fd < 0) return -1;
  struct ucred cred;
  socklen_t size = sizeof cred;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &size) != 0 || cred.uid != geteuid()) {
    fprintf(stderr, "hs: deny [gate.daemon-forged] the gate daemon's socket in %s is served by another user; nothing was run\n  next: hs doctor\n", dir);
    exit(77);
  }
  return fd;
}

/* A connection to the session's gate daemon, started on demand; exits NO_DAEMON when none can be had. */
static int connect_daemon(const char *dir, char **spec) {
  const double start = now_ms();
  pid_t child = 0; /* 0: not started; > 0: starting; -1: it exited (another one serves, or it cannot run here) */
  useconds_t pause = 1000;
  for (;;) {
    int fd = try_daemon(dir);
    if (fd >= 0) return fd;
    if (child < 0 || now_ms() - start > 10000) exit(NO_DAEMON);
    if (child == 0) {
      child = start_daemon(spec);
      if (child < 0) exit(NO_DAEMON);
    } else if (waitpid(child, NULL, WNOHANG) == child) {
      child = -1;
      continue;
    }
    usleep(pause);
    if (pause < 20000) pause *= 2;
  }
}

static int read_all(int fd) {
  char chunk[65536];
  for (;;) {
    ssize_t r = read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return -1;
    if (r == 0) return 0;
    if (len + (size_t)r + 1 > cap) {
      cap = (len + (size_t)r + 1) * 2;
      buf = realloc(buf, cap);
      if (!buf) return -1;
    }
    memcpy(buf + len, chunk, (size_t)r);
    len += (size_t)r;
  }
}

/* The hook's question to the host. The socket path comes from the hook (fixed inside the sandbox), never
 * from the environment, and the answer counts only from a server outside this process's pid namespace
 * (SO_PEERCRED reports pid 0): the session host. A server the session started itself is visible here. */
static int scope_main(int argc, char **argv) {
  if (argc != 3) return 2;
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) return 2;
  put_str("scope");
  put_str(cwd);
  size_t head = len;
  if (read_all(0) < 0) return 2;
  /* stdin: path\0 ... "/end"\0, so that a git that died half-way never looks like a short list */
  static const char end[] = "/end";
  if (len < head + sizeof end || memcmp(buf + len - sizeof end, end, sizeof end) != 0) return 2;
  if (len - head > sizeof end && buf[len - sizeof end - 1] != '\0') return 2;
  len -= sizeof end;
  long count = 0;
  for (size_t i = head; i < len; i++) {
    if (buf[i] != '\0') continue;
    if (i == head || buf[i - 1] == '\0') return 2;
    count++;
  }
  /* the request is verb, cwd, count, paths: move the paths after the count */
  char num[32];
  int n = snprintf(num, sizeof num, "%ld", count) + 1;
  if (len + (size_t)n + 1 > cap) {
    cap = len + (size_t)n + 1;
    buf = realloc(buf, cap);
    if (!buf) return 2;
  }
  memmove(buf + head + n, buf + head, len - head);
  memcpy(buf + head, num, (size_t)n);
  len += (size_t)n;

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 2;
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(argv[2]) >= sizeof addr.sun_path) return 2;
  strcpy(addr.sun_path, argv[2]);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) return 2;
  struct ucred peer;
  socklen_t peer_len = sizeof peer;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_len) < 0 || peer.pid != 0) return 3;
  if (write_all(fd, buf, len) < 0) return 2;
  shutdown(fd, SHUT_WR);
  char header[64];
  for (;;) {
    size_t h = 0;
    for (;;) {
      if (h >= sizeof header - 1) return 2;
      ssize_t r = read(fd, header + h, 1);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return 2;
      if (header[h] == '\n') break;
      h++;
    }
    header[h] = '\0';
    char kind;
    long size;
    if (sscanf(header, "%c %ld", &kind, &size) != 2 || size < 0) return 2;
    if (kind == 'X') return size == 0 ? 0 : 1;
    if (kind != 'O' && kind != 'E') return 2;
    char chunk[4096];
    while (size > 0) {
      ssize_t r = read(fd, chunk, (size_t)size < sizeof chunk ? (size_t)size : sizeof chunk);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return 2;
      size -= r;
    }
  }
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "scope") == 0) return scope_main(argc, argv);
  if (argc < 2) die("usage: hs-gate-client gate|event|hs|scope ...");
  const char *daemon = NULL;
  char **spec = NULL;
  if (strcmp(argv[1], "--daemon") == 0) {
    if (argc < 9 || strcmp(argv[7], "gate") != 0) die("usage: hs-gate-client --daemon DIR NODE ENTRY SESSION HANDSHAKE gate <tool> -- ARGS...");
    daemon = argv[2];
    spec = argv + 3;
    argv += 6;
    argc -= 6;
  }
  const char *path = getenv("HS_HOST_SOCKET");
  if (!daemon && (!path || !*path)) die("HS_HOST_SOCKET is not set");
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) die("cannot read the working directory");

  const char *verb = argv[1];
  put_str(verb);
  put_str(cwd);
  int first = 2;
  if (strcmp(verb, "gate") == 0) {
    if (argc < 3) die("usage: hs-gate-client gate <tool> -- ARGS...");
    put_str(argv[2]);
    first = 3;
    if (first < argc && strcmp(argv[first], "--") == 0) first++;
  }
  put_num(argc - first);
  for (int i = first; i < argc; i++) put_str(argv[i]);
  if (strcmp(verb, "gate") == 0) {
    long n = 0;
    for (char **e = environ; *e; e++) n++;
    put_num(n);
    for (char **e = environ; *e; e++) put_str(*e);
    /* The daemon shares this pid namespace: this process is the one waiting on an approval. */
    if (daemon) put_num((long)getpid());
  }

  int fd = daemon ? connect_daemon(daemon, spec) : connect_path(path);
  if (fd < 0) die("cannot connect to HS_HOST_SOCKET");
  if (write_all(fd, buf, len) < 0) die("cannot send the request");
  shutdown(fd, SHUT_WR);

  /* Frames: "O <n>\n" stdout bytes, "E <n>\n" stderr bytes, "X <code>\n" the exit code (last). */
  char chunk[65536];
  for (;;) {
    char header[64];
    size_t h = 0;
    for (;;) {
      if (h >= sizeof header - 1) die("malformed reply");
      ssize_t r = read(fd, header + h, 1);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) die("no complete reply");
      if (header[h] == '\n') break;
      h++;
    }
    header[h] = '\0';
    char kind;
    long n;
    if (sscanf(header, "%c %ld", &kind, &n) != 2 || n < 0) die("malformed reply");
    if (kind == 'X') {
      close(fd);
      return n > 255 ? 255 : (int)n;
    }
    if (kind != 'O' && kind != 'E') die("malformed reply");
    while (n > 0) {
      ssize_t r = read(fd, chunk, (size_t)n < sizeof chunk ? (size_t)n : sizeof chunk);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) die("reply cut short");
      write_all(kind == 'O' ? 1 : 2, chunk, (size_t)r);
      n -= r;
    }
  }
}
