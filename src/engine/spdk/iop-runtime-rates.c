/* iop-runtime-rates.c: rates between two live samples
 *
 * iop_runtime_rates() turns two samples of the live dumps into per-second
 * rates (iobuf gets and retries, bdev I/O, poller runs);
 * iop_runtime_rates_to_text() prints them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"

static JsonNode *
sample_member (JsonNode   *sample,
               const char *method)
{
  if (sample == NULL || !JSON_NODE_HOLDS_OBJECT (sample))
    return NULL;
  return json_object_get_member (json_node_get_object (sample), method);
}

JsonNode *
iop_runtime_rates (JsonNode *before,
                   JsonNode *after,
                   double    seconds)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  JsonNode *ib = sample_member (before, "iobuf_get_stats");
  JsonNode *ia = sample_member (after, "iobuf_get_stats");
  JsonNode *tb = sample_member (before, "thread_get_stats");
  JsonNode *ta = sample_member (after, "thread_get_stats");
  IopDump db = { 0 }, da = { 0 };
  gboolean reset = FALSE;

  if (!(seconds > 0))   /* NaN too */
    seconds = 1;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "interval_s");
  json_builder_add_double_value (b, seconds);

  json_builder_set_member_name (b, "iobuf");
  json_builder_begin_array (b);
  db.node = ib;
  da.node = ia;
  if (ia && JSON_NODE_HOLDS_ARRAY (ia))
    {
      JsonArray *a = json_node_get_array (ia);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;
          const char *pools[] = { "small_pool", "large_pool" };
          const char *keys[] = { "small", "large" };

          if (module == NULL)
            continue;
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "module");
          json_builder_add_string_value (b, module);
          for (guint p = 0; p < 2; p++)
            {
              PoolCounts now, then;
              gboolean two, back = FALSE;

              if (!iop_rt_iobuf_counts (&da, module, pools[p], &now))
                continue;
              two = ib != NULL && JSON_NODE_HOLDS_ARRAY (ib) && iop_rt_iobuf_counts (&db, module, pools[p], &then);
              /* counters only grow in one run: lower now means SPDK restarted
               * or its counters were reset; no rate over such an interval */
              if (two && (now.cache < then.cache || now.main < then.main || now.retry < then.retry))
                {
                  back = reset = TRUE;
                  two = FALSE;
                }
              json_builder_set_member_name (b, keys[p]);
              json_builder_begin_object (b);
              /* counts are 0 or more: the differences cannot overflow */
              json_builder_set_member_name (b, "cache");
              json_builder_add_double_value (b, two ? (now.cache - then.cache) / seconds : 0);
              json_builder_set_member_name (b, "main");
              json_builder_add_double_value (b, two ? (now.main - then.main) / seconds : 0);
              json_builder_set_member_name (b, "retry");
              json_builder_add_double_value (b, two ? (now.retry - then.retry) / seconds : 0);
              json_builder_set_member_name (b, "retry_total");
              json_builder_add_int_value (b, now.retry);
              json_builder_set_member_name (b, "reset");
              json_builder_add_boolean_value (b, back);
              json_builder_end_object (b);
            }
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "threads");
  json_builder_begin_array (b);
  if (ta && JSON_NODE_HOLDS_OBJECT (ta))
    {
      JsonArray *a = iop_json_get_array (json_node_get_object (ta), "threads");
      JsonArray *prev = tb && JSON_NODE_HOLDS_OBJECT (tb) ? iop_json_get_array (json_node_get_object (tb), "threads") : NULL;

      for (guint i = 0; a && i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
          const char *name = iop_json_get_str (o, "name");
          gint64 busy = 0, idle = 0, pbusy = 0, pidle = 0;
          gboolean found = FALSE;

          if (name == NULL)
            continue;
          iop_json_get_count (o, "busy", &busy);
          iop_json_get_count (o, "idle", &idle);
          for (guint j = 0; prev && j < json_array_get_length (prev); j++)
            {
              JsonNode *pn = json_array_get_element (prev, j);
              JsonObject *po = JSON_NODE_HOLDS_OBJECT (pn) ? json_node_get_object (pn) : NULL;
              if (g_strcmp0 (iop_json_get_str (po, "name"), name) == 0)
                {
                  iop_json_get_count (po, "busy", &pbusy);
                  iop_json_get_count (po, "idle", &pidle);
                  found = TRUE;
                }
            }
          if (found && (busy < pbusy || idle < pidle))
            {
              /* the thread's tick counters went down: a restart or a reset */
              reset = TRUE;
              found = FALSE;
              busy = idle = -1;
            }
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, name);
          json_builder_set_member_name (b, "busy_pct");
          /* counts are 0 or more: differences cannot overflow, sums are taken in double */
          if (found && (double)(busy - pbusy) + (double)(idle - pidle) > 0)
            json_builder_add_double_value (b, 100.0 * (busy - pbusy) / ((double)(busy - pbusy) + (double)(idle - pidle)));
          else if (!found && busy >= 0 && (double)busy + (double)idle > 0)
            json_builder_add_double_value (b, 100.0 * busy / ((double)busy + (double)idle));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "counters_reset");
  json_builder_add_boolean_value (b, reset);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
iop_runtime_rates_to_text (JsonNode *rates)
{
  GString *s = g_string_new (NULL);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (rates) ? json_node_get_object (rates) : NULL;
  JsonArray *io = iop_json_get_array (o, "iobuf");
  JsonArray *th = iop_json_get_array (o, "threads");
  double interval = o ? json_object_get_double_member_with_default (o, "interval_s", 0) : 0;

  g_string_append_printf (s, _("-- over %.1f s --\n"), interval);
  if (o != NULL && json_object_get_boolean_member_with_default (o, "counters_reset", FALSE))
    g_string_append (s, _("  Counters went down since the last sample: the target restarted or its counters were reset. "
                          "Those rates start again from this sample.\n"));
  for (guint i = 0; io && i < json_array_get_length (io); i++)
    {
      JsonObject *m = json_array_get_object_element (io, i);
      const char *keys[] = { "small", "large" };

      g_string_append_printf (s, "  iobuf %-16s", iop_json_get_str (m, "module"));
      for (guint p = 0; p < 2; p++)
        {
          JsonObject *po = iop_json_get_object (m, keys[p]);
          if (po == NULL)
            continue;
          g_string_append_printf (s, _("  %s: %.0f cache/s %.0f main/s %.0f retry/s"),
                                  keys[p],
                                  json_object_get_double_member_with_default (po, "cache", 0),
                                  json_object_get_double_member_with_default (po, "main", 0),
                                  json_object_get_double_member_with_default (po, "retry", 0));
        }
      g_string_append_c (s, '\n');
    }
  for (guint i = 0; th && i < json_array_get_length (th); i++)
    {
      JsonObject *t = json_array_get_object_element (th, i);
      JsonNode *bp = json_object_get_member (t, "busy_pct");

      if (bp && !JSON_NODE_HOLDS_NULL (bp))
        g_string_append_printf (s, _("  thread %-26s busy %5.1f%%\n"), iop_json_get_str (t, "name"), json_node_get_double (bp));
      else
        g_string_append_printf (s, _("  thread %-26s busy ?\n"), iop_json_get_str (t, "name"));
    }
  return g_string_free (s, FALSE);
}
