/* iop-runtime-output.c: the explanation as JSON and as text
 *
 * iop_runtime_to_json() for the CLI's --json and the tests,
 * iop_runtime_to_text() for the CLI's plain output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-runtime-private.h"

static void
add_thread_json (JsonBuilder   *b,
                 IopThreadInfo *t,
                 const char    *host)
{
  json_builder_begin_object (b);
  if (host)
    {
      json_builder_set_member_name (b, "host");
      json_builder_add_string_value (b, host);
    }
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, t->name);
  json_builder_set_member_name (b, "lcore");
  if (t->lcore >= 0)
    json_builder_add_int_value (b, t->lcore);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "busy_pct");
  if (t->busy_pct >= 0)
    json_builder_add_double_value (b, round (t->busy_pct * 100) / 100);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "active_pollers");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->active_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (t->active_pollers, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "run_count");
      json_builder_add_int_value (b, p->run_count);
      json_builder_set_member_name (b, "busy_count");
      json_builder_add_int_value (b, p->busy_count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "timed_pollers");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->timed_pollers->len; i++)
    {
      IopPollerInfo *p = g_ptr_array_index (t->timed_pollers, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, p->name);
      json_builder_set_member_name (b, "period_s");
      if (p->period_s >= 0)
        json_builder_add_double_value (b, p->period_s);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "period_ticks");
      json_builder_add_int_value (b, p->period_ticks);
      json_builder_set_member_name (b, "run_count");
      json_builder_add_int_value (b, p->run_count);
      json_builder_set_member_name (b, "busy_count");
      json_builder_add_int_value (b, p->busy_count);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_finding_json (JsonBuilder *b,
                  IopFinding  *f,
                  const char  *host)
{
  json_builder_begin_object (b);
  if (host)
    {
      json_builder_set_member_name (b, "host");
      json_builder_add_string_value (b, host);
    }
  json_builder_set_member_name (b, "severity");
  json_builder_add_string_value (b, iop_severity_name (f->severity));
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, f->id);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, f->title);
  json_builder_set_member_name (b, "evidence");
  json_builder_add_string_value (b, f->evidence);
  json_builder_set_member_name (b, "knob");
  if (f->knob)
    json_builder_add_string_value (b, f->knob);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

JsonNode *
iop_runtime_to_json (IopRuntime *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GPtrArray) all_roles = g_ptr_array_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      const char *host = NULL;

      for (guint j = 0; j < self->hosts->len && host == NULL; j++)
        {
          IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
          if (g_ptr_array_find (h->dumps, d, NULL))
            host = h->name;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, d->path);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, iop_dump_kind_name (d->kind));
      json_builder_set_member_name (b, "host");
      if (host)
        json_builder_add_string_value (b, host);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "note");
      if (d->note)
        json_builder_add_string_value (b, d->note);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, h->name);
      json_builder_set_member_name (b, "spdk_version");
      if (h->spdk_version)
        json_builder_add_string_value (b, h->spdk_version);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "tick_rate");
      if (h->tick_rate > 0)
        json_builder_add_int_value (b, (gint64)h->tick_rate);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "control_plane_lcore");
      if (h->control_lcore >= 0)
        json_builder_add_int_value (b, h->control_lcore);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "roles");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->roles->len; i++)
        {
          const char *r = g_ptr_array_index (h->roles, i);
          json_builder_add_string_value (b, r);
          if (!g_ptr_array_find_with_equal_func (all_roles, r, g_str_equal, NULL))
            g_ptr_array_add (all_roles, (gpointer)r);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "role_evidence");
      json_builder_begin_object (b);
      for (guint i = 0; i < h->roles->len; i++)
        {
          const char *r = g_ptr_array_index (h->roles, i);
          json_builder_set_member_name (b, r);
          json_builder_add_string_value (b, g_hash_table_lookup (h->role_evidence, r));
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "threads");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->threads->len; i++)
        add_thread_json (b, g_ptr_array_index (h->threads, i), NULL);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "findings");
      json_builder_begin_array (b);
      for (guint i = 0; i < h->findings->len; i++)
        add_finding_json (b, g_ptr_array_index (h->findings, i), NULL);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "roles");
  json_builder_begin_array (b);
  for (guint i = 0; i < all_roles->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (all_roles, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "threads");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
      for (guint i = 0; i < h->threads->len; i++)
        add_thread_json (b, g_ptr_array_index (h->threads, i), h->name);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);
      for (guint i = 0; i < h->findings->len; i++)
        add_finding_json (b, g_ptr_array_index (h->findings, i), h->name);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
severity_label (IopSeverity s)
{
  switch (s)
    {
    case IOP_SEVERITY_ERROR: return _("ERROR");
    case IOP_SEVERITY_WARNING: return _("WARNING");
    case IOP_SEVERITY_NOTICE: return _("NOTICE");
    case IOP_SEVERITY_INFO:
    default: return _("info");
    }
}

char *
iop_runtime_to_text (IopRuntime *self)
{
  GString *s = g_string_new (NULL);

  g_string_append (s, _("Files:\n"));
  for (guint i = 0; i < self->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (self->dumps, i);
      g_autofree char *base = g_path_get_basename (d->path);

      g_string_append_printf (s, "  %-48s %-26s%s%s\n", base, iop_dump_kind_name (d->kind), d->note ? " " : "", d->note ? d->note : "");
    }
  for (guint j = 0; j < self->hosts->len; j++)
    {
      IopRuntimeHost *h = g_ptr_array_index (self->hosts, j);

      g_string_append_printf (s, "\n== %s%s%s ==\n", h->name, h->spdk_version ? " — " : "", h->spdk_version ? h->spdk_version : "");
      if (h->roles->len)
        {
          g_string_append (s, _("Roles:"));
          for (guint i = 0; i < h->roles->len; i++)
            g_string_append_printf (s, " %s", (char *)g_ptr_array_index (h->roles, i));
          g_string_append_c (s, '\n');
        }
      if (h->threads->len)
        g_string_append (s, _("Threads:\n"));
      for (guint i = 0; i < h->threads->len; i++)
        {
          IopThreadInfo *t = g_ptr_array_index (h->threads, i);

          g_string_append_printf (s, "  %-26s", t->name);
          if (t->lcore >= 0)
            g_string_append_printf (s, _(" lcore %-3d"), t->lcore);
          else
            g_string_append (s, _(" lcore ?  "));
          if (t->busy_pct >= 0)
            g_string_append_printf (s, _(" busy %5.1f%%"), t->busy_pct);
          if (t->active_pollers->len)
            {
              g_string_append (s, _("  active:"));
              for (guint p = 0; p < t->active_pollers->len; p++)
                g_string_append_printf (s, " %s", ((IopPollerInfo *)g_ptr_array_index (t->active_pollers, p))->name);
            }
          if (t->timed_pollers->len)
            {
              g_string_append (s, _("  timed:"));
              for (guint p = 0; p < t->timed_pollers->len; p++)
                {
                  IopPollerInfo *pi = g_ptr_array_index (t->timed_pollers, p);
                  g_autofree char *per = iop_format_period (pi->period_s);
                  g_string_append_printf (s, " %s/%s", pi->name, per);
                }
            }
          g_string_append_c (s, '\n');
        }
      if (h->findings->len)
        g_string_append (s, _("Findings:\n"));
      for (guint i = 0; i < h->findings->len; i++)
        {
          IopFinding *f = g_ptr_array_index (h->findings, i);

          g_string_append_printf (s, "  [%s] %s\n", severity_label (f->severity), f->title);
          g_string_append_printf (s, "      %s\n", f->evidence);
          if (f->knob)
            g_string_append_printf (s, _("      knob: %s\n"), f->knob);
        }
    }
  if (self->hosts->len == 0)
    g_string_append (s, _("\nNothing to explain: no dump Iopath reads.\n"));
  return g_string_free (s, FALSE);
}
