/* iop-format.c: how Iopath writes numbers, sizes and times for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-format.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <string.h>

char *
iop_format_count (gint64 v)
{
  const char *sep = localeconv ()->thousands_sep;
  char digits[32];
  GString *s = g_string_new (NULL);
  int n, first;

  if (sep == NULL || *sep == '\0')
    sep = ",";
  if (v < 0)
    g_string_append (s, "−");
  /* the magnitude unsigned: -G_MININT64 does not fit a gint64 */
  g_snprintf (digits, sizeof digits, "%" PRIu64, v < 0 ? (guint64)0 - (guint64)v : (guint64)v);
  n = strlen (digits);
  first = n % 3 == 0 ? 3 : n % 3;
  g_string_append_len (s, digits, first);
  for (int i = first; i < n; i += 3)
    {
      g_string_append (s, sep);
      g_string_append_len (s, digits + i, 3);
    }
  return g_string_free (s, FALSE);
}

char *
iop_format_compact (gint64 v)
{
  if (v >= 1024 * 1024 && v % (1024 * 1024) == 0)
    /* Translators: a count in units of 2^20, "2 Mi" */
    return g_strdup_printf (_("%" PRId64 " Mi"), v / (1024 * 1024));
  if (v >= 1024 && v % 1024 == 0)
    /* Translators: a count in units of 2^10, "16 Ki" */
    return g_strdup_printf (_("%" PRId64 " Ki"), v / 1024);
  if (v >= 1000000)
    /* Translators: a count in millions, "2.50 M" */
    return g_strdup_printf (_("%.2f M"), v / 1e6);
  if (v >= 10000)
    /* Translators: a count in thousands, "12.5 K" */
    return g_strdup_printf (_("%.1f K"), v / 1e3);
  return iop_format_count (v);
}

char *
iop_format_bytes (gint64 b)
{
  const gint64 gib = G_GINT64_CONSTANT (1) << 30;

  if (b >= gib && b % gib == 0)
    return g_strdup_printf (_("%" PRId64 " GiB"), b / gib);
  if (b >= gib)
    return g_strdup_printf (_("%.2f GiB"), b / (double)gib);
  if (b >= (1 << 20) && b % (1 << 20) == 0)
    return g_strdup_printf (_("%" PRId64 " MiB"), b >> 20);
  if (b >= (1 << 20))
    return g_strdup_printf (_("%.1f MiB"), b / 1048576.0);
  if (b >= 1024 && b % 1024 == 0)
    return g_strdup_printf (_("%" PRId64 " KiB"), b >> 10);
  if (b >= 1024)
    return g_strdup_printf (_("%.1f KiB"), b / 1024.0);
  return g_strdup_printf (_("%" PRId64 " B"), b);
}

char *
iop_format_duration (gint64 ns)
{
  double us = ns / 1e3, ms = ns / 1e6;

  if (ns < 1000)
    return g_strdup_printf (_("%" PRId64 " ns"), ns);
  if (us < 10)
    return g_strdup_printf (_("%.2f µs"), us);
  if (us < 100)
    return g_strdup_printf (_("%.1f µs"), us);
  if (us < 1000)
    return g_strdup_printf (_("%.0f µs"), us);
  if (ms < 10)
    return g_strdup_printf (_("%.2f ms"), ms);
  if (ms < 100)
    return g_strdup_printf (_("%.1f ms"), ms);
  if (ms < 1000)
    return g_strdup_printf (_("%.0f ms"), ms);
  if (ms < 10000)
    return g_strdup_printf (_("%.2f s"), ns / 1e9);
  return g_strdup_printf (_("%.1f s"), ns / 1e9);
}

char *
iop_format_step_time (gint64 ns)
{
  if (ns < 1000)
    /* Translators: a time in nanoseconds */
    return g_strdup_printf (_("%" PRId64 " ns"), ns);
  if (ns < 1000000)
    /* Translators: a time in microseconds */
    return g_strdup_printf (_("%.2f µs"), ns / 1000.0);
  if (ns < 1000000000)
    /* Translators: a time in milliseconds, to the microsecond */
    return g_strdup_printf (_("%.3f ms"), ns / 1e6);
  /* Translators: a time in seconds, to the microsecond */
  return g_strdup_printf (_("%.6f s"), ns / 1e9);
}

char *
iop_format_period (double s)
{
  if (s < 0 || isnan (s))
    return g_strdup ("?");
  if (s >= 1)
    return g_strdup_printf (_("%.3g s"), s);
  if (s >= 0.001)
    return g_strdup_printf (_("%.3g ms"), s * 1000);
  return g_strdup_printf (_("%.3g µs"), s * 1e6);
}

char *
iop_format_rate (double v)
{
  g_autofree char *count = NULL;

  if (isnan (v))
    return g_strdup ("?");
  if (v != 0 && fabs (v) < 10)
    /* Translators: a rate per second, "2.5/s" */
    return g_strdup_printf (_("%.1f/s"), v);
  /* llround of a value beyond 64 bits is undefined: saturate first */
  if (v >= 9.2e18)
    v = 9.2e18;
  if (v <= -9.2e18)
    v = -9.2e18;
  count = iop_format_count ((gint64)llround (v));
  /* Translators: a rate per second, "4,722/s" */
  return g_strdup_printf (_("%s/s"), count);
}
