/* Test helper for test/shim/front-end.test.ts, compiled by the test.
 *   -DSTAND_IN: the stand-in "real" git/rm: prints FAST, then every argument (A), the working directory (C) and
 *               every environment entry (E), each after a NUL.
 *   otherwise:  the launcher, reading CWD, RMDIR, ENVCOUNT, ENV..., FILE, ARGV... from stdin (so that any byte,
 *               duplicate variables and names a shell would drop reach the shim as given): chdir(CWD), rmdir it
 *               when RMDIR is 1 (a deleted working directory), then execve(FILE, ARGV, ENV), where ARGV starts
 *               with argv[0] and may be empty. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

#ifdef STAND_IN
static void put(char tag, const char *s) {
  putchar('\0');
  putchar(tag);
  fputs(s, stdout);
}

int main(int argc, char **argv) {
  char *cwd = getcwd(NULL, 0);
  fputs("FAST", stdout);
  for (int i = 1; i < argc; i++) put('A', argv[i]);
  put('C', cwd ? cwd : "?");
  for (char **e = environ; *e; e++) put('E', *e);
  return 0;
}
#else
/* stdin: CWD, RMDIR ("1" or "0"), ENVCOUNT, ENV..., FILE, ARGV..., each ending with a NUL byte */
int main(void) {
  size_t len = 0, cap = 1 << 20;
  char *in = malloc(cap);
  for (size_t r; (r = fread(in + len, 1, cap - len, stdin)) > 0;) {
    len += r;
    if (len == cap) in = realloc(in, cap *= 2);
  }
  size_t count = 0;
  for (size_t i = 0; i < len; i++) count += in[i] == '\0';
  char **field = calloc(count + 1, sizeof *field);
  for (size_t i = 0, n = 0, start = 0; i < len; i++)
    if (in[i] == '\0') field[n++] = in + start, start = i + 1;
  if (count < 4) return 2;
  char *cwd = field[0];
  /* one component at a time: the directory may be deeper than PATH_MAX */
  if (cwd[0] == '/' && chdir("/") != 0) return 3;
  for (char *part = strtok(strdup(cwd), "/"); part; part = strtok(NULL, "/"))
    if (chdir(part) != 0) return 3;
  if (strcmp(field[1], "1") == 0 && rmdir(cwd) != 0) return 3;
  size_t n = (size_t)atoi(field[2]);
  if (3 + n >= count) return 2;
  char **env = calloc(n + 1, sizeof *env);
  for (size_t i = 0; i < n; i++) env[i] = field[3 + i];
  execve(field[3 + n], field + 4 + n, env);
  perror("execve");
  return 4;
}
#endif
