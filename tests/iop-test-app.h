/* iop-test-app.h: what the window tests share (an application and its
 * window under Xvfb, iterating the main loop until a condition holds)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-application.h"
#include "iop-window.h"

/* Iterates the main context for MS milliseconds */
static inline void
test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates until WIDGET is mapped (MAPPED TRUE) or unmapped, at most 10 s:
 * conditions, not fixed times, as CI shares two cores */
static inline gboolean
test_wait_mapped_state (GtkWidget *widget,
                        gboolean   mapped)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (gtk_widget_get_mapped (widget) == mapped)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
    }
  return gtk_widget_get_mapped (widget) == mapped;
}

#define test_wait_mapped(w)   test_wait_mapped_state ((w), TRUE)
#define test_wait_unmapped(w) test_wait_mapped_state ((w), FALSE)

/* g_test_init, a display (NULL and a TAP skip without one), the settings in
 * memory, the application registered with FLAGS, and its window of WIDTH x
 * HEIGHT shown */
static inline IopWindow *
test_app_window_new (int             *argc,
                     char          ***argv,
                     GApplicationFlags flags,
                     int              width,
                     int              height,
                     IopApplication **app)
{
  g_autoptr(GError) error = NULL;
  IopWindow *window;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", APP_SCHEMA_DIR, FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_unsetenv ("IOPATH_SPDK_DIR");

  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display: run under xvfb-run -a\n");
      return NULL;
    }
  adw_init ();

  *app = iop_application_new ();
  g_application_set_flags (G_APPLICATION (*app), flags);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);

  window = iop_window_new (*app);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
