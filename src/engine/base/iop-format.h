/* iop-format.h: how Iopath writes numbers, sizes and times for people
 *
 * One place for every view, the painter, the plots and the CLI's text, so a
 * count reads the same in the pool bar, the memory table and the report.
 * Counts group their digits with the locale's separator ("," when the
 * locale has none, as in C); negative values take a true minus sign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 16384 -> "16,384"; -3 -> "−3" */
char *iop_format_count     (gint64 v);
/* A count in little room: 16384 -> "16 Ki", 2500000 -> "2.50 M", else grouped */
char *iop_format_compact   (gint64 v);
/* Bytes with IEC units, exact when whole: "8 KiB", "1.5 MiB", "2 GiB" */
char *iop_format_bytes     (gint64 bytes);
/* A duration to three significant digits: "820 ns", "15.7 µs", "2.25 ms", "1.50 s", "10.0 s" */
char *iop_format_duration  (gint64 ns);
/* A step's time, precise: "120 ns", "15.70 µs", "5.002 ms", "10.000000 s" */
char *iop_format_step_time (gint64 ns);
/* A poller's period in seconds: "10 ms", "1 s"; "?" when unknown (negative) */
char *iop_format_period    (double seconds);
/* A rate per second: "2.5/s" under 10, else a grouped count "4,722/s" */
char *iop_format_rate      (double per_second);

G_END_DECLS
