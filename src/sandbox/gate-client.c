/* hs-gate-client: the tiny in-sandbox client of the session host (no Node on this path).
 *   hs-gate-client gate <tool> -- ARGS...   ask the host's gate; exit 0 = run it, else the refusal's code
 *   hs-gate-client event <type> <json>      append a Flight Recorder event through the host
 *   hs-gate-client hs ARGS...               run an `hs` request on the host (operator-only ones refused)
 * Request: NUL-separated fields (verb, cwd, fields...), then shutdown(SHUT_WR).
 * Reply: frames, streamed: "O <n>\n"+stdout bytes, "E <n>\n"+stderr bytes, finally "X <code>\n".
 * Fails closed: no socket, no reply or a malformed reply exits 77. */
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

int main(int argc, char **argv) {
  if (argc < 2) die("usage: hs-gate-client gate|event|hs ...");
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
