/* first-window.c: time from exec to an application's first mapped window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by bench-startup.py: `first-window CLASS TIMEOUT_S CMD [ARG...]` runs
 * CMD, waits on the X server for a top-level window whose WM_CLASS contains
 * CLASS to be mapped, prints the milliseconds from just before exec to that
 * MapNotify, then stops CMD (after FIRST_WINDOW_LINGER_MS, if set). Event-driven (no polling), so both applications
 * of a comparison are measured the same way. Exit 1 on timeout or error.
 *
 * It also says on stderr ("first-window: cpu N ms") how much CPU time CMD
 * had used by then, all its threads (/proc/PID/stat, in 10 ms ticks): a
 * figure a busy machine disturbs much less than the wall time.
 */
#define _GNU_SOURCE
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
class_matches (Display    *dpy,
               Window      w,
               const char *want)
{
  XClassHint hint = { NULL, NULL };
  XWindowAttributes attrs;
  int found = 0;

  /* GDK's 1x1 helper windows carry the class too: only a real window counts */
  if (XGetWindowAttributes (dpy, w, &attrs) == 0 || attrs.width < 50 || attrs.height < 50)
    return 0;
  if (XGetClassHint (dpy, w, &hint) == 0)
    return 0;
  if ((hint.res_name != NULL && strcasestr (hint.res_name, want) != NULL)
      || (hint.res_class != NULL && strcasestr (hint.res_class, want) != NULL))
    found = 1;
  if (hint.res_name != NULL)
    XFree (hint.res_name);
  if (hint.res_class != NULL)
    XFree (hint.res_class);
  return found;
}

static int
ignore_errors (Display     *dpy,
               XErrorEvent *ev)
{
  (void) dpy;
  (void) ev;
  return 0;          /* a window can vanish between the event and the query */
}

/* CPU time PID has used so far, all its threads (exited ones too), in ms;
 * -1 when /proc cannot tell. The kernel gives it in clock ticks (10 ms). */
static double
cpu_ms (pid_t pid)
{
  char path[64], buf[1024];
  unsigned long utime, stime;
  const char *p;
  size_t n;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%d/stat", (int) pid);
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  /* after "pid (comm) ": state is field 3, utime and stime fields 14 and 15 */
  p = strrchr (buf, ')');
  if (p == NULL || sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
    return -1;
  return (utime + stime) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static void
stop_child (pid_t pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 50; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      usleep (100 * 1000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  double t0, deadline;
  pid_t pid;
  int fd;

  if (argc < 4)
    {
      fprintf (stderr, "usage: first-window CLASS TIMEOUT_S CMD [ARG...]\n");
      return 2;
    }
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "first-window: cannot open the X display (is DISPLAY set?)\n");
      return 2;
    }
  XSetErrorHandler (ignore_errors);
  XSelectInput (dpy, DefaultRootWindow (dpy), SubstructureNotifyMask);
  XSync (dpy, False);
  fd = ConnectionNumber (dpy);

  t0 = now_ms ();
  deadline = t0 + atof (argv[2]) * 1e3;
  pid = fork ();
  if (pid < 0)
    {
      perror ("first-window: fork");
      return 2;
    }
  if (pid == 0)
    {
      close (fd);
      execvp (argv[3], argv + 3);
      fprintf (stderr, "first-window: cannot run %s: %s\n", argv[3], strerror (errno));
      _exit (127);
    }

  while (now_ms () < deadline)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int status;

      while (XPending (dpy) > 0)
        {
          XEvent ev;

          XNextEvent (dpy, &ev);
          if (ev.type == MapNotify && class_matches (dpy, ev.xmap.window, argv[1]))
            {
              const char *linger = getenv ("FIRST_WINDOW_LINGER_MS");

              double wall = now_ms () - t0;
              double cpu = cpu_ms (pid);

              printf ("%.1f\n", wall);
              fflush (stdout);
              if (cpu >= 0)
                fprintf (stderr, "first-window: cpu %.1f ms\n", cpu);
              /* let the application draw its first frames (they print their times) */
              if (linger != NULL)
                usleep ((useconds_t) atoi (linger) * 1000);
              stop_child (pid);
              XCloseDisplay (dpy);
              return 0;
            }
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          fprintf (stderr, "first-window: %s exited before mapping a window\n", argv[3]);
          XCloseDisplay (dpy);
          return 1;
        }
      poll (&pfd, 1, 20);
    }
  fprintf (stderr, "first-window: no window of class %s within %s s\n", argv[1], argv[2]);
  stop_child (pid);
  XCloseDisplay (dpy);
  return 1;
}
