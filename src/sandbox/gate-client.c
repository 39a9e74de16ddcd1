/* hs-gate-client: the tiny in-sandbox client of the session host (no Node on this path).
 *   hs-gate-client gate <tool> -- ARGS...   ask the host's gate; exit 0 = run it, else the refusal's code
 *   hs-gate-client event <type> <json>      append a Flight Recorder event through the host
 *   hs-gate-client hs ARGS...               run an `hs` request on the host (operator-only ones refused)
 *   hs-gate-client scope <socket>           hooks: are the NUL-separated paths on stdin (ending with the
 *                                           record "/end") all in the session's scope? exit 0 = yes; any
 *                                           other exit, or a server inside this sandbox, = run the full check
 * Request: NUL-separated fields (verb, cwd, fields...), then shutdown(SHUT_WR).
 * Reply: frames, streamed: "O <n>\n"+stdout bytes, "E <n>\n"+stderr bytes, finally "X <code>\n".
 * Fails closed: no socket, no reply or a malformed reply exits 77. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

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
  const char *path = getenv("HS_HOST_SOCKET");
  if (!path || !*path) die("HS_HOST_SOCKET is not set");
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
  }

  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) die("cannot create a socket");
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (strlen(path) >= sizeof addr.sun_path) die("HS_HOST_SOCKET is too long");
  strcpy(addr.sun_path, path);
  if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("cannot connect to HS_HOST_SOCKET");
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
