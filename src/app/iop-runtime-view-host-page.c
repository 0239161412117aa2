/* iop-runtime-view-host-page.c: one host's page of the runtime view
 *
 * The subtitle, the cores diagram beside the iobuf card (its numbers
 * animate between live samples), the roles and the findings with their
 * knobs. Built once per host, updated in place while live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-RuntimeView"
#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-cores-diagram.h"
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-runtime-view-private.h"
#include "iop-format.h"

#define IOBUF_CARD_W     360
/* One number of the iobuf card */
typedef struct
{
  GtkLabel *value;
  GtkLabel *delta;
  double    from;
  double    to;
  double    now;
  double    extra;     /* live: the retry total; files: the change */
  gboolean  has_extra;
  gboolean  rate;
  gboolean  retry;
} Cell;

/* The counters of one module, from the dumps or the live rates */
typedef struct
{
  char    *module;
  double   v[2][3];       /* small, large × cache, main, retry */
  double   extra[2][3];   /* files: change between the samples; live: retry totals */
  gboolean has_extra;
} IobufRow;


GtkLabel *
iop_runtime_view_new_label (const char *text,
                            const char *css1,
                            const char *css2)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (text));

  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  if (css1)
    gtk_widget_add_css_class (GTK_WIDGET (label), css1);
  if (css2)
    gtk_widget_add_css_class (GTK_WIDGET (label), css2);
  return label;
}

void
iop_runtime_view_box_remove_all (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static GtkListBox *
new_boxed_list (void)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  return list;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, IOP_ROLE_VFIOUSER_TARGET) == 0)
    return _("VFIO-user target: guests enter here");
  if (g_strcmp0 (role, IOP_ROLE_RDMA_TARGET) == 0)
    return _("NVMe-oF RDMA target");
  if (g_strcmp0 (role, IOP_ROLE_TCP_TARGET) == 0)
    return _("NVMe-oF TCP target");
  if (g_strcmp0 (role, IOP_ROLE_NVMF_INITIATOR) == 0)
    return _("NVMe-oF initiator: reaches remote replicas");
  if (g_strcmp0 (role, IOP_ROLE_LOCAL_NVME) == 0)
    return _("Local NVMe under the data");
  if (g_strcmp0 (role, IOP_ROLE_LOCAL_MALLOC) == 0)
    return _("RAM disk (malloc bdev) under the data");
  return role;
}

static const char *
severity_icon (IopSeverity s)
{
  switch (s)
    {
    case IOP_SEVERITY_ERROR: return "dialog-error-symbolic";
    case IOP_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case IOP_SEVERITY_NOTICE: return "emblem-important-symbolic";
    case IOP_SEVERITY_INFO:
    default: return "dialog-information-symbolic";
    }
}

static const char *
severity_label (IopSeverity s)
{
  switch (s)
    {
    case IOP_SEVERITY_ERROR: return _("Error");
    case IOP_SEVERITY_WARNING: return _("Warning");
    case IOP_SEVERITY_NOTICE: return _("Notice");
    case IOP_SEVERITY_INFO:
    default: return _("Information");
    }
}

static char *
knob_markup (const char *knob)
{
  g_autofree char *escaped = g_markup_escape_text (knob, -1);
  g_autofree char *link = g_strdup_printf ("<a href=\"knob:%s\" title=\"%s\">%s</a>", escaped,
                                           /* Translators: tooltip of a knob link */
                                           _("Show this knob"), escaped);

  /* Translators: %s is a link to a knob, "nvmf_create_transport.buf_cache_size" */
  return g_strdup_printf (_("Knob to turn: %s"), link);
}

static gboolean
activate_link_cb (GtkLabel       *label,
                  const char     *uri,
                  IopRuntimeView *self)
{
  if (!g_str_has_prefix (uri, "knob:"))
    return FALSE;
  iop_runtime_view_emit_knob_activated (self, uri + strlen ("knob:"));
  return TRUE;
}

static GtkLabel *
new_knob_label (IopRuntimeView *self)
{
  GtkLabel *label = iop_runtime_view_new_label (NULL, "iop-knob", NULL);

  gtk_label_set_use_markup (label, TRUE);
  g_signal_connect_object (label, "activate-link", G_CALLBACK (activate_link_cb), self, 0);
  return label;
}

static void
set_knob (GtkLabel   *label,
          const char *knob)
{
  g_autofree char *markup = knob ? knob_markup (knob) : NULL;

  gtk_widget_set_visible (GTK_WIDGET (label), knob != NULL);
  gtk_label_set_markup (label, markup ? markup : "");
}

static const IopFinding *
find_finding (const IopRuntimeHost *host,
              const char           *id)
{
  for (guint i = 0; i < host->findings->len; i++)
    {
      const IopFinding *f = g_ptr_array_index (host->findings, i);
      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

/* --- The host's subtitle -------------------------------------------------- */

static char *
host_subtitle (IopRuntimeView       *self,
               const IopRuntimeHost *host)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_cores = iop_cores_get_n_columns (host);

  if (self->runtime_is_live)
    g_ptr_array_add (parts, g_strdup_printf (_("Live from %s"), self->live_socket));
  if (host->spdk_version)
    g_ptr_array_add (parts, g_strdup (host->spdk_version));
  if (host->threads->len > 0)
    {
      g_autofree char *threads = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SPDK thread", "%u SPDK threads",
                                                               host->threads->len), host->threads->len);
      /* Translators: "5 SPDK threads on 2 lcores" */
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s on %u lcore", "%s on %u lcores", n_cores),
                                               threads, n_cores));
    }
  if (host->control_lcore >= 0)
    g_ptr_array_add (parts, g_strdup_printf (_("control plane on lcore %d"), host->control_lcore));
  if (host->tick_rate > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("tick rate %.3g GHz"), host->tick_rate / 1e9));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **)parts->pdata);
}

/* --- iobuf ---------------------------------------------------------------- */

static const char *const pool_keys[] = { "small_pool", "large_pool" };
static const char *const rate_keys[] = { "small", "large" };
static const char *const count_keys[] = { "cache", "main", "retry" };

static void
iobuf_row_clear (gpointer p)
{
  IobufRow *r = p;
  g_free (r->module);
}

static gboolean
iobuf_module_counts (JsonNode   *node,
                     const char *module,
                     double      out[2][3])
{
  JsonArray *a = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;

      if (g_strcmp0 (iop_json_get_str (o, "module"), module) != 0)
        continue;
      for (guint p = 0; p < 2; p++)
        {
          JsonObject *po = iop_json_get_object (o, pool_keys[p]);
          for (guint k = 0; k < 3; k++)
            {
              gint64 v = 0;
              iop_json_get_int (po, count_keys[k], &v);
              out[p][k] = v;
            }
        }
      return TRUE;
    }
  return FALSE;
}

/* The counters since start of the latest sample, and the change from the earliest */
static GArray *
iobuf_rows_from_dumps (const IopRuntimeHost *host,
                       guint                *n_samples)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (IobufRow));
  IopDump *first = NULL, *last = NULL;
  JsonArray *a;

  g_array_set_clear_func (rows, iobuf_row_clear);
  *n_samples = 0;
  for (guint i = 0; i < host->dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (host->dumps, i);

      if (d->kind != IOP_DUMP_IOBUF_GET_STATS || d->node == NULL)
        continue;
      (*n_samples)++;
      if (last == NULL || d->order >= last->order)
        last = d;
      if (first == NULL || d->order < first->order)
        first = d;
    }
  if (last == NULL)
    return rows;
  if (first == last)
    first = NULL;
  a = JSON_NODE_HOLDS_ARRAY (last->node) ? json_node_get_array (last->node) : NULL;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *module = JSON_NODE_HOLDS_OBJECT (e) ? iop_json_get_str (json_node_get_object (e), "module") : NULL;
      IobufRow row = { 0 };
      double then[2][3];

      if (module == NULL)
        continue;
      row.module = g_strdup (module);
      iobuf_module_counts (last->node, module, row.v);
      if (first != NULL && iobuf_module_counts (first->node, module, then))
        {
          row.has_extra = TRUE;
          for (guint p = 0; p < 2; p++)
            for (guint k = 0; k < 3; k++)
              row.extra[p][k] = row.v[p][k] - then[p][k];
        }
      g_array_append_val (rows, row);
    }
  return rows;
}

static GArray *
iobuf_rows_from_rates (JsonNode *rates)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (IobufRow));
  JsonObject *o = rates && JSON_NODE_HOLDS_OBJECT (rates) ? json_node_get_object (rates) : NULL;
  JsonArray *a = iop_json_get_array (o, "iobuf");

  g_array_set_clear_func (rows, iobuf_row_clear);
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *m = JSON_NODE_HOLDS_OBJECT (e) ? json_node_get_object (e) : NULL;
      IobufRow row = { 0 };

      if (iop_json_get_str (m, "module") == NULL)
        continue;
      row.module = g_strdup (iop_json_get_str (m, "module"));
      row.has_extra = TRUE;
      for (guint p = 0; p < 2; p++)
        {
          JsonObject *po = iop_json_get_object (m, rate_keys[p]);
          gint64 total = 0;

          for (guint k = 0; po && k < 3; k++)
            row.v[p][k] = json_object_get_double_member_with_default (po, count_keys[k], 0);
          iop_json_get_int (po, "retry_total", &total);
          row.extra[p][2] = total;
        }
      g_array_append_val (rows, row);
    }
  return rows;
}

static gboolean
iobuf_row_idle (const IobufRow *r)
{
  for (guint p = 0; p < 2; p++)
    for (guint k = 0; k < 3; k++)
      if (r->v[p][k] != 0 || (r->has_extra && r->extra[p][k] != 0))
        return FALSE;
  return TRUE;
}

static void
cell_show (Cell *c)
{
  g_autofree char *text = NULL;
  gboolean alarm;

  if (c->rate)
    text = iop_format_rate (c->now);
  else
    text = iop_format_count ((gint64)llround (c->now));
  gtk_label_set_text (c->value, text);

  alarm = c->retry && (c->to > 0 || (c->rate && c->has_extra && c->extra > 0));
  if (alarm)
    gtk_widget_add_css_class (GTK_WIDGET (c->value), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (c->value), "error");

  if (c->delta == NULL)
    return;
  if (c->has_extra && (!c->rate || (c->retry && c->extra > 0)))
    {
      g_autofree char *n = iop_format_count ((gint64)llround (fabs (c->extra)));
      g_autofree char *d = c->rate ? g_strdup_printf (_("%s in all"), n)
                                   : g_strdup_printf ("%s%s", c->extra < 0 ? "−" : "+", n);
      gtk_label_set_text (c->delta, d);
      gtk_widget_set_visible (GTK_WIDGET (c->delta), TRUE);
    }
  else
    {
      /* Live rows keep their height when a retry total appears, so nothing jumps */
      gtk_label_set_text (c->delta, "");
      gtk_widget_set_visible (GTK_WIDGET (c->delta), c->rate && c->retry);
    }
  if (c->retry && c->extra > 0)
    gtk_widget_add_css_class (GTK_WIDGET (c->delta), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (c->delta), "error");
}

void
iop_runtime_view_rates_animation_cb (double   value,
                                     gpointer user_data)
{
  IopRuntimeView *self = user_data;

  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);

      for (guint j = 0; hp->cells && j < hp->cells->len; j++)
        {
          Cell *c = &g_array_index (hp->cells, Cell, j);
          double now = c->from + (c->to - c->from) * value;

          if (c->now != now || value == 0 || value == 1)
            {
              c->now = now;
              cell_show (c);
            }
        }
    }
}

static GtkWidget *
iobuf_head (const char *text,
            const char *tooltip)
{
  GtkLabel *l = iop_runtime_view_new_label (text, "iop-iobuf-head", NULL);

  gtk_label_set_xalign (l, 1);
  gtk_label_set_wrap (l, FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (l), tooltip);
  return GTK_WIDGET (l);
}

/* Lays the card out for ROWS; cells in the order module × pool × counter */
static void
iobuf_build (HostPage *hp,
             GArray   *rows,
             gboolean  rate)
{
  GtkGrid *grid;
  g_autoptr(GString) idle = g_string_new (NULL);
  int y = 1;

  iop_runtime_view_box_remove_all (GTK_WIDGET (hp->iobuf_box));
  g_array_set_size (hp->cells, 0);

  if (rows->len == 0)
    {
      gtk_box_append (hp->iobuf_box, GTK_WIDGET (iop_runtime_view_new_label (_("No iobuf_get_stats in the dumps: add two samples a few seconds apart to see whether buffers run short."),
                                                            "iop-iobuf-idle", NULL)));
      return;
    }

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 2);
  gtk_grid_attach (grid, iobuf_head (_("cache"), _("Gets served by the thread's own cache of buffers")), 1, 0, 1, 1);
  gtk_grid_attach (grid, iobuf_head (_("main"), _("Gets that went to the central pool because the cache was empty")), 2, 0, 1, 1);
  gtk_grid_attach (grid, iobuf_head (_("retry"), _("Gets that found the central pool empty and had to wait: more than 0 means the pool is too small, or a circular wait")), 3, 0, 1, 1);

  for (guint i = 0; i < rows->len; i++)
    {
      IobufRow *r = &g_array_index (rows, IobufRow, i);
      GtkLabel *name;

      /* Modules that took nothing are named in one line, unless live (the rows stay put) */
      if (!rate && iobuf_row_idle (r))
        {
          g_string_append_printf (idle, "%s%s", idle->len ? ", " : "", r->module);
          continue;
        }
      name = iop_runtime_view_new_label (r->module, "iop-iobuf-module", NULL);
      gtk_widget_set_margin_top (GTK_WIDGET (name), y > 1 ? 10 : 4);
      gtk_grid_attach (grid, GTK_WIDGET (name), 0, y++, 4, 1);
      for (guint p = 0; p < 2; p++)
        {
          GtkLabel *pool = iop_runtime_view_new_label (p == 0 ? _("small") : _("large"), "dim-label", NULL);

          gtk_widget_set_margin_start (GTK_WIDGET (pool), 12);
          gtk_widget_set_valign (GTK_WIDGET (pool), GTK_ALIGN_START);
          gtk_grid_attach (grid, GTK_WIDGET (pool), 0, y, 1, 1);
          for (guint k = 0; k < 3; k++)
            {
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
              Cell c = { 0 };

              c.value = iop_runtime_view_new_label (NULL, "iop-iobuf-value", "numeric");
              gtk_label_set_xalign (c.value, 1);
              gtk_label_set_wrap (c.value, FALSE);
              c.delta = iop_runtime_view_new_label (NULL, "iop-iobuf-delta", "numeric");
              gtk_label_set_xalign (c.delta, 1);
              gtk_label_set_wrap (c.delta, FALSE);
              gtk_box_append (GTK_BOX (box), GTK_WIDGET (c.value));
              gtk_box_append (GTK_BOX (box), GTK_WIDGET (c.delta));
              gtk_widget_set_hexpand (box, TRUE);
              gtk_grid_attach (grid, box, 1 + k, y, 1, 1);
              c.rate = rate;
              c.retry = k == 2;
              g_array_append_val (hp->cells, c);
            }
          y++;
        }
    }
  gtk_box_append (hp->iobuf_box, GTK_WIDGET (grid));
  if (idle->len > 0)
    {
      /* Translators: %s lists iobuf modules, "accel, bdev" */
      g_autofree char *text = g_strdup_printf (_("No buffers taken by %s"), idle->str);
      GtkLabel *l = iop_runtime_view_new_label (text, "iop-iobuf-idle", NULL);

      gtk_widget_set_margin_top (GTK_WIDGET (l), 10);
      gtk_box_append (hp->iobuf_box, GTK_WIDGET (l));
    }
}

/* Returns how many modules the dumps or rates have */
static guint
iobuf_update (IopRuntimeView       *self,
              HostPage             *hp,
              const IopRuntimeHost *host,
              JsonNode             *rates,
              gboolean              animate)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) shape = g_string_new (NULL);
  g_autofree char *caption = NULL;
  gboolean rate = rates != NULL;
  guint n_samples = 0, cell = 0;

  rows = rate ? iobuf_rows_from_rates (rates) : iobuf_rows_from_dumps (host, &n_samples);
  g_string_append (shape, rate ? "rate" : "count");
  for (guint i = 0; i < rows->len; i++)
    {
      IobufRow *r = &g_array_index (rows, IobufRow, i);
      g_string_append_printf (shape, "|%s%s", r->module, !rate && iobuf_row_idle (r) ? ":idle" : "");
    }
  if (hp->iobuf_shape == NULL || strcmp (hp->iobuf_shape, shape->str) != 0)
    {
      iobuf_build (hp, rows, rate);
      g_free (hp->iobuf_shape);
      hp->iobuf_shape = g_strdup (shape->str);
      animate = FALSE;
    }

  if (rate)
    {
      double interval = json_object_get_double_member_with_default (json_node_get_object (rates), "interval_s", 0);
      caption = g_strdup_printf (_("Gets per second over the last %.1f s, per module and pool"), interval);
    }
  else if (n_samples >= 2)
    caption = g_strdup (_("Gets since SPDK started, per module and pool; below each, the change between the first and the last sample"));
  else if (n_samples == 1)
    caption = g_strdup (_("Gets since SPDK started, per module and pool. One sample: take a second one a few seconds later to see what is still moving"));
  else
    caption = g_strdup (_("Buffers from SPDK's central pools, per module"));
  gtk_label_set_text (hp->iobuf_caption, caption);

  for (guint i = 0; i < rows->len; i++)
    {
      IobufRow *r = &g_array_index (rows, IobufRow, i);

      if (!rate && iobuf_row_idle (r))
        continue;
      for (guint p = 0; p < 2; p++)
        for (guint k = 0; k < 3 && cell < hp->cells->len; k++, cell++)
          {
            Cell *c = &g_array_index (hp->cells, Cell, cell);

            c->from = animate ? c->now : r->v[p][k];
            c->to = r->v[p][k];
            if (!animate)
              c->now = c->to;
            c->has_extra = r->has_extra && (rate ? k == 2 : TRUE);
            c->extra = r->extra[p][k];
            cell_show (c);
          }
    }
  if (animate)
    {
      adw_animation_reset (self->rates_animation);
      adw_animation_play (self->rates_animation);
    }
  return rows->len;
}

/* --- Roles and findings ---------------------------------------------------- */

static void
roles_update (HostPage             *hp,
              const IopRuntimeHost *host)
{
  g_autoptr(GString) shape = g_string_new (NULL);

  for (guint i = 0; i < host->roles->len; i++)
    {
      const char *role = g_ptr_array_index (host->roles, i);
      g_string_append_printf (shape, "%s=%s;", role, (char *)g_hash_table_lookup (host->role_evidence, role));
    }
  gtk_widget_set_visible (hp->roles_group, host->roles->len > 0);
  if (g_strcmp0 (hp->roles_shape, shape->str) == 0)
    return;
  g_free (hp->roles_shape);
  hp->roles_shape = g_strdup (shape->str);
  iop_runtime_view_box_remove_all (GTK_WIDGET (hp->roles_list));

  for (guint i = 0; i < host->roles->len; i++)
    {
      const char *role = g_ptr_array_index (host->roles, i);
      const char *evidence = g_hash_table_lookup (host->role_evidence, role);
      g_auto(GStrv) clues = evidence ? g_strsplit (evidence, "; ", -1) : g_new0 (char *, 1);
      guint n = g_strv_length (clues);
      AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u clue in the dumps", "%u clues in the dumps", n), n);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", role, count);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role_label (role));
      adw_expander_row_set_subtitle (row, subtitle);
      for (guint c = 0; c < n; c++)
        {
          AdwActionRow *clue = ADW_ACTION_ROW (adw_action_row_new ());
          char *source = g_str_has_suffix (clues[c], ")") ? g_strrstr (clues[c], " (") : NULL;

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (clue), FALSE);
          adw_action_row_set_title_lines (clue, 0);
          if (source != NULL)
            {
              /* "poller nvmf_TCP on … (thread_get_pollers)": the dump that told it, as the subtitle */
              g_autofree char *from = g_strndup (source + 2, strlen (source + 2) - 1);
              *source = '\0';
              adw_action_row_set_subtitle (clue, from);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (clue), clues[c]);
          adw_expander_row_add_row (row, GTK_WIDGET (clue));
        }
      gtk_list_box_append (hp->roles_list, GTK_WIDGET (row));
    }
}

static GtkWidget *
finding_row (IopRuntimeView   *self,
             HostPage         *hp,
             const IopFinding *f)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
  GtkLabel *title = iop_runtime_view_new_label (f->title, "heading", NULL);
  GtkLabel *evidence = iop_runtime_view_new_label (f->evidence, NULL, NULL);
  GtkLabel *knob = new_knob_label (self);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "iop-finding");
  gtk_widget_add_css_class (icon, "iop-severity");
  gtk_widget_add_css_class (icon, iop_severity_name (f->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, severity_label (f->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  severity_label (f->severity), -1);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_selectable (evidence, FALSE);
  set_knob (knob, f->knob);

  gtk_box_append (GTK_BOX (text), GTK_WIDGET (title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (evidence));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (knob));
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_ptr_array_add (hp->finding_labels, title);
  g_ptr_array_add (hp->finding_labels, evidence);
  g_ptr_array_add (hp->finding_labels, knob);
  return row;
}

static void
findings_update (IopRuntimeView       *self,
                 HostPage             *hp,
                 const IopRuntimeHost *host)
{
  g_autoptr(GString) shape = g_string_new (NULL);
  const IopFinding *where = find_finding (host, "where-first");
  /* The roles have their own group, clue by clue */
  const IopFinding *roles = host->roles->len > 0 ? find_finding (host, "roles") : NULL;
  guint shown = 0;

  /* "Where to look first" stands above everything, with its knob */
  gtk_widget_set_visible (hp->where_card, where != NULL);
  if (where != NULL)
    {
      gtk_label_set_text (hp->where_text, where->evidence);
      set_knob (hp->where_knob, where->knob);
    }

  for (guint i = 0; i < host->findings->len; i++)
    {
      const IopFinding *f = g_ptr_array_index (host->findings, i);
      if (f != where && f != roles)
        g_string_append_printf (shape, "%s/%d;", f->id, f->severity);
    }
  if (g_strcmp0 (hp->findings_shape, shape->str) != 0)
    {
      g_free (hp->findings_shape);
      hp->findings_shape = g_strdup (shape->str);
      iop_runtime_view_box_remove_all (GTK_WIDGET (hp->findings_list));
      g_ptr_array_set_size (hp->finding_labels, 0);
      for (guint i = 0; i < host->findings->len; i++)
        {
          const IopFinding *f = g_ptr_array_index (host->findings, i);
          if (f != where && f != roles)
            {
              gtk_list_box_append (hp->findings_list, finding_row (self, hp, f));
              shown++;
            }
        }
    }
  else
    {
      /* Same findings, new numbers: the texts change in place */
      guint j = 0;

      for (guint i = 0; i < host->findings->len; i++)
        {
          const IopFinding *f = g_ptr_array_index (host->findings, i);

          if (f == where || f == roles || 3 * j + 2 >= hp->finding_labels->len)
            continue;
          gtk_label_set_text (g_ptr_array_index (hp->finding_labels, 3 * j), f->title);
          gtk_label_set_text (g_ptr_array_index (hp->finding_labels, 3 * j + 1), f->evidence);
          set_knob (g_ptr_array_index (hp->finding_labels, 3 * j + 2), f->knob);
          j++;
          shown++;
        }
    }
  gtk_widget_set_visible (hp->findings_group, shown > 0);
}

/* --- A host's page ------------------------------------------------------- */

void
iop_runtime_view_host_page_free (gpointer p)
{
  HostPage *hp = p;

  g_free (hp->name);
  g_clear_pointer (&hp->cells, g_array_unref);
  g_free (hp->iobuf_shape);
  g_free (hp->roles_shape);
  g_free (hp->findings_shape);
  g_clear_pointer (&hp->finding_labels, g_ptr_array_unref);
  g_free (hp);
}

/* The cores and the iobuf card side by side when the columns keep readable
 * widths, else the card under the cores */
int
iop_runtime_view_side_by_side_width (HostPage *hp)
{
  guint n = MAX (iop_cores_get_n_columns (iop_cores_diagram_get_host (hp->diagram)), 1);

  return n * 300 + (n - 1) * 14 + 28 + IOBUF_CARD_W + 48;
}

gboolean
iop_runtime_view_relayout_cb (gpointer user_data)
{
  IopRuntimeView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->relayout_id = 0;
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);
      GtkOrientation o = width >= iop_runtime_view_side_by_side_width (hp) ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (hp->top)) != o)
        gtk_orientable_set_orientation (GTK_ORIENTABLE (hp->top), o);
    }
  return G_SOURCE_REMOVE;
}

void
iop_runtime_view_queue_relayout (IopRuntimeView *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, iop_runtime_view_relayout_cb, self, NULL);
}

static GtkWidget *
section_heading (const char *title,
                 const char *caption,
                 GtkLabel  **caption_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkLabel *c = iop_runtime_view_new_label (caption, "dim-label", "caption");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (iop_runtime_view_new_label (title, "heading", NULL)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c));
  if (caption_out)
    *caption_out = c;
  return box;
}

GtkWidget *
iop_runtime_view_preferences_group (const char  *title,
                                    const char  *description,
                                    GtkListBox **list_out)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkListBox *list = new_boxed_list ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (list));
  *list_out = list;
  return group;
}

HostPage *
iop_runtime_view_host_page_new (IopRuntimeView       *self,
                                const IopRuntimeHost *host)
{
  HostPage *hp = g_new0 (HostPage, 1);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 28);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *where_text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *where_icon = gtk_image_new_from_icon_name ("find-location-symbolic");
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 28);
  GtkWidget *cores = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *iobuf = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *iobuf_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwViewStackPage *page;

  hp->name = g_strdup (host->name);
  hp->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  hp->finding_labels = g_ptr_array_new ();
  hp->child = scroller;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 1000);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 36);
  gtk_widget_set_margin_start (content, 24);
  gtk_widget_set_margin_end (content, 24);

  /* Name and what it runs */
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (iop_runtime_view_new_label (host->name, "title-2", NULL)));
  hp->subtitle = iop_runtime_view_new_label (NULL, "iop-host-subtitle", "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (hp->subtitle));
  gtk_box_append (GTK_BOX (content), header);

  /* Where to look first */
  hp->where_card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  gtk_widget_add_css_class (hp->where_card, "card");
  gtk_widget_add_css_class (hp->where_card, "iop-callout");
  gtk_widget_add_css_class (hp->where_card, "first");
  gtk_widget_set_valign (where_icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (where_text_box, TRUE);
  gtk_box_append (GTK_BOX (where_text_box), GTK_WIDGET (iop_runtime_view_new_label (_("Where to Look First"), "heading", NULL)));
  hp->where_text = iop_runtime_view_new_label (NULL, NULL, NULL);
  gtk_box_append (GTK_BOX (where_text_box), GTK_WIDGET (hp->where_text));
  hp->where_knob = new_knob_label (self);
  gtk_box_append (GTK_BOX (where_text_box), GTK_WIDGET (hp->where_knob));
  gtk_box_append (GTK_BOX (hp->where_card), where_icon);
  gtk_box_append (GTK_BOX (hp->where_card), where_text_box);
  gtk_box_append (GTK_BOX (content), hp->where_card);

  /* The cores, and the iobuf counters beside them */
  gtk_widget_set_hexpand (cores, TRUE);
  gtk_box_append (GTK_BOX (cores),
                  section_heading (_("Threads on Cores"),
                                   _("One column per reactor (lcore); each SPDK thread with its pollers, filled to its busy share. Hover a thread for its counts."),
                                   NULL));
  hp->diagram = IOP_CORES_DIAGRAM (iop_cores_diagram_new ());
  gtk_box_append (GTK_BOX (cores), GTK_WIDGET (hp->diagram));
  gtk_box_append (GTK_BOX (top), cores);

  gtk_widget_set_size_request (iobuf, IOBUF_CARD_W, -1);
  gtk_widget_set_hexpand (iobuf, FALSE);
  gtk_box_append (GTK_BOX (iobuf), section_heading (_("iobuf Buffers"), NULL, &hp->iobuf_caption));
  gtk_widget_add_css_class (iobuf_card, "card");
  gtk_widget_add_css_class (iobuf_card, "iop-iobuf-card");
  hp->iobuf_box = GTK_BOX (iobuf_card);
  gtk_box_append (GTK_BOX (iobuf), iobuf_card);
  gtk_box_append (GTK_BOX (top), iobuf);
  gtk_box_append (GTK_BOX (content), top);
  hp->top = top;

  /* Roles, then findings */
  hp->roles_group = iop_runtime_view_preferences_group (_("Roles"), _("What this host does in the path, and the clues in its dumps that tell it"),
                                       &hp->roles_list);
  gtk_box_append (GTK_BOX (content), hp->roles_group);
  hp->findings_group = iop_runtime_view_preferences_group (_("Findings"), _("Most severe first, each with the numbers behind it and the knob to turn"),
                                          &hp->findings_list);
  gtk_box_append (GTK_BOX (content), hp->findings_group);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  page = adw_view_stack_add_titled (self->host_stack, scroller, host->name, host->name);
  adw_view_stack_page_set_icon_name (page, "computer-symbolic");
  return hp;
}

void
iop_runtime_view_host_page_update (IopRuntimeView       *self,
                                   HostPage             *hp,
                                   const IopRuntimeHost *host,
                                   JsonNode             *rates,
                                   gboolean              animate)
{
  g_autofree char *subtitle = host_subtitle (self, host);
  JsonObject *ro = rates && JSON_NODE_HOLDS_OBJECT (rates) ? json_node_get_object (rates) : NULL;
  JsonArray *threads = iop_json_get_array (ro, "threads");

  gtk_label_set_text (hp->subtitle, subtitle);
  iop_cores_diagram_set_host (hp->diagram, host);
  for (guint i = 0; threads && i < json_array_get_length (threads); i++)
    {
      JsonObject *t = json_array_get_object_element (threads, i);
      JsonNode *bp = t ? json_object_get_member (t, "busy_pct") : NULL;
      const char *name = iop_json_get_str (t, "name");

      if (name && bp && JSON_NODE_HOLDS_VALUE (bp))
        iop_cores_diagram_set_busy (hp->diagram, name, json_node_get_double (bp));
    }
  /* A host known only from its logs has neither: no empty boxes then */
  gtk_widget_set_visible (hp->top, iobuf_update (self, hp, host, rates, animate) > 0 || host->threads->len > 0);
  roles_update (hp, host);
  findings_update (self, hp, host);
}
