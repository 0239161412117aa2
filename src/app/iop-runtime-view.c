/* iop-runtime-view.c: what a running SPDK shows, from its dumps or live
 *
 * The engine explains; this view only lays the explanation out. A page per
 * host (built fresh when files are loaded, updated in place while live so
 * the reader keeps their place), and a page for the comparison with the
 * model, which runs in a GTask thread on a copy of the dumps.
 *
 * Every IopRuntimeHost pointer on screen belongs to self->runtime: the cores
 * diagrams borrow it, so they let go (set_host NULL) before it is freed.
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
#include "iop-runtime-view.h"
#include "iop-format.h"

#define CSS_RESOURCE     "/io/github/iopath/Iopath/ui/iop-runtime-view.css"
#define ATTACH_RESOURCE  "/io/github/iopath/Iopath/ui/iop-attach-dialog.ui"
#define DEFAULT_SCENARIO "realrun-tcp"
#define COMPARE_PAGE     "compare"
#define RATES_ANIM_MS    500
#define IOBUF_CARD_W     360

/* Asked once after each connection, for the roles and the findings */
static const char *const live_once_methods[] = {
  "spdk_get_version", "nvmf_get_transports", "nvmf_get_subsystems", "nvmf_get_stats",
  "bdev_nvme_get_controllers", "bdev_nvme_get_io_paths", "bdev_get_bdevs",
  "bdev_raid_get_bdevs", "thread_get_io_channels", NULL
};

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

typedef struct
{
  char            *name;
  GtkWidget       *child;        /* the page's scrolled window */
  GtkLabel        *subtitle;
  IopCoresDiagram *diagram;
  GtkWidget       *top;          /* the cores and the iobuf card */
  GtkWidget       *where_card;
  GtkLabel        *where_text;
  GtkLabel        *where_knob;
  GtkBox          *iobuf_box;
  GtkLabel        *iobuf_caption;
  GArray          *cells;        /* Cell */
  char            *iobuf_shape;
  GtkWidget       *roles_group;
  GtkListBox      *roles_list;
  char            *roles_shape;
  GtkWidget       *findings_group;
  GtkListBox      *findings_list;
  char            *findings_shape;
  GPtrArray       *finding_labels;  /* GtkLabel *: title, evidence, knob of each row */
} HostPage;

typedef struct
{
  IopRuntime  *runtime;
  IopScenario *scenario;
  guint        gen;
} CompareData;

struct _IopRuntimeView
{
  GtkWidget             parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *live_revealer;
  GtkWidget            *live_bar;
  GtkStack             *live_icon_stack;
  GtkSpinner           *live_spinner;
  GtkLabel             *live_title;
  GtkLabel             *live_detail;
  GtkStack             *stack;
  AdwViewStack         *host_stack;
  GtkWidget            *compare_child;
  GtkLabel             *compare_caption;
  GtkSpinner           *compare_spinner;
  GtkWidget            *compare_button;
  GtkStack             *compare_stack;
  GtkLabel             *compare_error;
  GtkBox               *compare_box;

  /* What is on screen */
  IopRuntime           *runtime;
  gboolean              runtime_is_live;
  gboolean              rebuilding;   /* pages come and go: the visible one is not the reader's choice */
  guint                 relayout_id;  /* idle: the cores and iobuf side by side or stacked */
  GPtrArray            *pages;        /* HostPage */
  char                 *error;

  /* The comparison */
  IopScenario          *scenario;
  IopComparison        *comparison;
  GCancellable         *compare_cancellable;
  guint                 compare_gen;
  gboolean              comparing;
  gboolean              compare_stale;

  GtkFileChooserNative *chooser;

  /* Live */
  IopLive              *live;
  char                 *live_socket;
  double                live_interval;
  GHashTable           *live_replies;   /* method → JsonNode, the one-shot answers */
  JsonNode             *live_prev;
  double                live_prev_t;
  guint                 live_samples;
  guint                 live_tick_id;     /* refreshes the status line between state changes */
  gboolean              live_error_shown;
  AdwAnimation         *rates_animation;
};

enum
{
  PROP_0,
  PROP_LOADED,
  PROP_LIVE_STATE,
  PROP_CURRENT_HOST,
  PROP_ERROR,
  PROP_COMPARING,
  PROP_SCENARIO,
  N_PROPS
};

enum
{
  KNOB_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IopRuntimeView, iop_runtime_view, GTK_TYPE_WIDGET)

static void update_actions (IopRuntimeView *self);

/* --- Small helpers -------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "iop-runtime-view-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "iop-runtime-view-css", g_object_ref (provider), g_object_unref);
}

static GtkLabel *
new_label (const char *text,
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

static void
box_remove_all (GtkWidget *box)
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

static void
set_error (IopRuntimeView *self,
           const char     *message,
           gboolean        toast)
{
  if (g_strcmp0 (self->error, message) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (toast && message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *t = adw_toast_new (escaped);

      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (t, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, t);
    }
}

static void
show_toast (IopRuntimeView *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
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
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, uri + strlen ("knob:"));
  return TRUE;
}

static GtkLabel *
new_knob_label (IopRuntimeView *self)
{
  GtkLabel *label = new_label (NULL, "iop-knob", NULL);

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

static void
rates_animation_cb (double   value,
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
  GtkLabel *l = new_label (text, "iop-iobuf-head", NULL);

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

  box_remove_all (GTK_WIDGET (hp->iobuf_box));
  g_array_set_size (hp->cells, 0);

  if (rows->len == 0)
    {
      gtk_box_append (hp->iobuf_box, GTK_WIDGET (new_label (_("No iobuf_get_stats in the dumps: add two samples a few seconds apart to see whether buffers run short."),
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
      name = new_label (r->module, "iop-iobuf-module", NULL);
      gtk_widget_set_margin_top (GTK_WIDGET (name), y > 1 ? 10 : 4);
      gtk_grid_attach (grid, GTK_WIDGET (name), 0, y++, 4, 1);
      for (guint p = 0; p < 2; p++)
        {
          GtkLabel *pool = new_label (p == 0 ? _("small") : _("large"), "dim-label", NULL);

          gtk_widget_set_margin_start (GTK_WIDGET (pool), 12);
          gtk_widget_set_valign (GTK_WIDGET (pool), GTK_ALIGN_START);
          gtk_grid_attach (grid, GTK_WIDGET (pool), 0, y, 1, 1);
          for (guint k = 0; k < 3; k++)
            {
              GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
              Cell c = { 0 };

              c.value = new_label (NULL, "iop-iobuf-value", "numeric");
              gtk_label_set_xalign (c.value, 1);
              gtk_label_set_wrap (c.value, FALSE);
              c.delta = new_label (NULL, "iop-iobuf-delta", "numeric");
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
      GtkLabel *l = new_label (text, "iop-iobuf-idle", NULL);

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
  box_remove_all (GTK_WIDGET (hp->roles_list));

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
  GtkLabel *title = new_label (f->title, "heading", NULL);
  GtkLabel *evidence = new_label (f->evidence, NULL, NULL);
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
      box_remove_all (GTK_WIDGET (hp->findings_list));
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

static void
host_page_free (gpointer p)
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
static int
side_by_side_width (HostPage *hp)
{
  guint n = MAX (iop_cores_get_n_columns (iop_cores_diagram_get_host (hp->diagram)), 1);

  return n * 300 + (n - 1) * 14 + 28 + IOBUF_CARD_W + 48;
}

static gboolean
relayout_cb (gpointer user_data)
{
  IopRuntimeView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->relayout_id = 0;
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);
      GtkOrientation o = width >= side_by_side_width (hp) ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (hp->top)) != o)
        gtk_orientable_set_orientation (GTK_ORIENTABLE (hp->top), o);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_relayout (IopRuntimeView *self)
{
  if (self->relayout_id == 0)
    self->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
}

static GtkWidget *
section_heading (const char *title,
                 const char *caption,
                 GtkLabel  **caption_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkLabel *c = new_label (caption, "dim-label", "caption");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_label (title, "heading", NULL)));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (c));
  if (caption_out)
    *caption_out = c;
  return box;
}

static GtkWidget *
preferences_group (const char  *title,
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

static HostPage *
host_page_new (IopRuntimeView       *self,
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
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (new_label (host->name, "title-2", NULL)));
  hp->subtitle = new_label (NULL, "iop-host-subtitle", "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (hp->subtitle));
  gtk_box_append (GTK_BOX (content), header);

  /* Where to look first */
  hp->where_card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  gtk_widget_add_css_class (hp->where_card, "card");
  gtk_widget_add_css_class (hp->where_card, "iop-callout");
  gtk_widget_add_css_class (hp->where_card, "first");
  gtk_widget_set_valign (where_icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (where_text_box, TRUE);
  gtk_box_append (GTK_BOX (where_text_box), GTK_WIDGET (new_label (_("Where to Look First"), "heading", NULL)));
  hp->where_text = new_label (NULL, NULL, NULL);
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
  hp->roles_group = preferences_group (_("Roles"), _("What this host does in the path, and the clues in its dumps that tell it"),
                                       &hp->roles_list);
  gtk_box_append (GTK_BOX (content), hp->roles_group);
  hp->findings_group = preferences_group (_("Findings"), _("Most severe first, each with the numbers behind it and the knob to turn"),
                                          &hp->findings_list);
  gtk_box_append (GTK_BOX (content), hp->findings_group);

  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  page = adw_view_stack_add_titled (self->host_stack, scroller, host->name, host->name);
  adw_view_stack_page_set_icon_name (page, "computer-symbolic");
  return hp;
}

static void
host_page_update (IopRuntimeView       *self,
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

/* --- Showing a run -------------------------------------------------------- */

static void
clear_pages (IopRuntimeView *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);

      iop_cores_diagram_set_host (hp->diagram, NULL);
      adw_view_stack_remove (self->host_stack, hp->child);
    }
  g_ptr_array_set_size (self->pages, 0);
}

static gboolean
same_hosts (IopRuntimeView *self,
            GPtrArray      *hosts)
{
  if (hosts->len != self->pages->len)
    return FALSE;
  for (guint i = 0; i < hosts->len; i++)
    if (g_strcmp0 (((IopRuntimeHost *)g_ptr_array_index (hosts, i))->name,
                   ((HostPage *)g_ptr_array_index (self->pages, i))->name) != 0)
      return FALSE;
  return TRUE;
}

static void
compare_reset (IopRuntimeView *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_gen++;
  g_clear_pointer (&self->comparison, iop_comparison_free);
  box_remove_all (GTK_WIDGET (self->compare_box));
  gtk_stack_set_visible_child_name (self->compare_stack, "idle");
  gtk_label_set_text (self->compare_caption, "");
  gtk_button_set_label (GTK_BUTTON (self->compare_button), _("_Compare"));
  gtk_spinner_stop (self->compare_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), FALSE);
  if (self->comparing)
    {
      self->comparing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
    }
}

/* AdwViewStack 1.2 cannot reorder: the comparison goes out and back in, after the hosts */
static void
move_compare_last (IopRuntimeView *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->host_stack, self->compare_child);
  g_autofree char *title = g_strdup (adw_view_stack_page_get_title (page));
  g_autofree char *icon = g_strdup (adw_view_stack_page_get_icon_name (page));
  g_autoptr(GtkWidget) child = g_object_ref (self->compare_child);

  adw_view_stack_remove (self->host_stack, child);
  page = adw_view_stack_add_titled (self->host_stack, child, COMPARE_PAGE, title);
  adw_view_stack_page_set_icon_name (page, icon);
}

/* Puts RT (explained, taken) on screen. Live samples of the same hosts
 * update the pages in place; anything else builds them anew. */
static void
show_runtime (IopRuntimeView *self,
              IopRuntime     *rt,
              gboolean        live,
              JsonNode       *rates)
{
  GPtrArray *hosts = iop_runtime_explain (rt);
  IopRuntime *old = self->runtime;
  gboolean was_loaded = old != NULL;
  gboolean in_place = live && self->runtime_is_live && same_hosts (self, hosts);
  g_autofree char *visible = g_strdup (adw_view_stack_get_visible_child_name (self->host_stack));

  self->runtime = rt;
  self->runtime_is_live = live;
  self->rebuilding = TRUE;
  if (!in_place)
    {
      clear_pages (self);
      compare_reset (self);
      for (guint i = 0; i < hosts->len; i++)
        g_ptr_array_add (self->pages, host_page_new (self, g_ptr_array_index (hosts, i)));
      move_compare_last (self);
    }
  for (guint i = 0; i < hosts->len; i++)
    host_page_update (self, g_ptr_array_index (self->pages, i), g_ptr_array_index (hosts, i), rates, in_place);
  iop_runtime_free (old);

  /* The comparison needs dumps of the recorded run's hosts, not a live sample */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->host_stack, self->compare_child), !live);
  if (!in_place)
    {
      /* Keep the page the reader was on when the new run has it */
      if (was_loaded && visible && adw_view_stack_get_child_by_name (self->host_stack, visible) &&
          (g_strcmp0 (visible, COMPARE_PAGE) != 0 || !live))
        adw_view_stack_set_visible_child_name (self->host_stack, visible);
      else if (self->pages->len > 0)
        adw_view_stack_set_visible_child (self->host_stack, ((HostPage *)g_ptr_array_index (self->pages, 0))->child);
    }
  self->rebuilding = FALSE;
  self->compare_stale = TRUE;
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  relayout_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "loaded");
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_HOST]);
  if (!live && g_strcmp0 (adw_view_stack_get_visible_child_name (self->host_stack), COMPARE_PAGE) == 0)
    iop_runtime_view_run_comparison (self);
  update_actions (self);
}

/* --- The comparison ------------------------------------------------------- */

static void
compare_data_free (gpointer p)
{
  CompareData *cd = p;

  iop_runtime_free (cd->runtime);
  iop_scenario_unref (cd->scenario);
  g_free (cd);
}

/* A copy of the dumps for the worker thread: iop_compare_run explains again
 * and so rewrites the runtime's hosts, which the pages are showing */
static IopRuntime *
runtime_copy (IopRuntime *rt)
{
  IopRuntime *copy = iop_runtime_new ();
  GPtrArray *dumps = iop_runtime_get_dumps (rt);

  for (guint i = 0; i < dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (dumps, i);

      if (d->kind == IOP_DUMP_SKIPPED || d->kind == IOP_DUMP_UNKNOWN)
        continue;
      if (d->kind == IOP_DUMP_LOG && d->text != NULL)
        iop_runtime_add_data (copy, d->path, d->text, strlen (d->text), NULL);
      else if (d->node != NULL)
        iop_runtime_add_node (copy, d->group, d->path, d->node);
    }
  return copy;
}

static void
compare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareData *cd = task_data;
  GError *error = NULL;
  IopComparison *cmp = iop_compare_run (cd->runtime, cd->scenario, &error);

  if (cmp == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cmp, (GDestroyNotify)iop_comparison_free);
}

/* Columns of fixed widths, so every row and every host lines up; the text
 * wraps inside its column, and "why" takes the rest. A GtkLabel's natural
 * width is its whole text, so each cell is a clamp of its column's width. */
static const int compare_widths[] = { 230, 200, 230, 24 };

static GtkWidget *
compare_cell (const char *text,
              int         width,
              const char *css,
              GtkLabel  **label_out)
{
  GtkLabel *l = new_label (text, css, NULL);
  GtkWidget *clamp;

  gtk_widget_set_valign (GTK_WIDGET (l), GTK_ALIGN_START);
  if (label_out)
    *label_out = l;
  if (width <= 0)
    return GTK_WIDGET (l);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), width);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), width);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (l));
  gtk_widget_set_size_request (clamp, width, -1);
  gtk_widget_set_valign (clamp, GTK_ALIGN_START);
  return clamp;
}

static GtkWidget *
compare_line (const char *topic,
              const char *model,
              const char *run,
              const char *mark,
              const char *why,
              gboolean    agrees,
              gboolean    head)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkLabel *mark_label;
  GtkWidget *mark_cell = compare_cell (mark, compare_widths[3], head ? NULL : "iop-mark", &mark_label);
  GtkWidget *why_label = compare_cell (why, -1, head ? NULL : "dim-label", NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, head ? "iop-compare-head" : "iop-compare-row");
  gtk_box_append (GTK_BOX (box), compare_cell (topic, compare_widths[0], head ? NULL : "heading", NULL));
  gtk_box_append (GTK_BOX (box), compare_cell (model, compare_widths[1], "numeric", NULL));
  gtk_box_append (GTK_BOX (box), compare_cell (run, compare_widths[2], "numeric", NULL));
  gtk_label_set_xalign (mark_label, 0.5);
  gtk_label_set_wrap (mark_label, FALSE);
  if (!head)
    {
      gtk_widget_add_css_class (GTK_WIDGET (mark_label), agrees ? "agrees" : "differs");
      gtk_widget_set_tooltip_text (GTK_WIDGET (mark_label), agrees ? _("The model and the run agree") : _("The model and the run differ"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      agrees ? _("agrees") : _("differs"), -1);
    }
  gtk_box_append (GTK_BOX (box), mark_cell);
  gtk_widget_set_hexpand (why_label, TRUE);
  gtk_box_append (GTK_BOX (box), why_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
show_comparison (IopRuntimeView *self)
{
  g_autoptr(GPtrArray) host_order = g_ptr_array_new ();
  guint agree = 0;
  g_autofree char *caption = NULL;
  const char *title;

  box_remove_all (GTK_WIDGET (self->compare_box));

  for (guint i = 0; i < self->comparison->rows->len; i++)
    {
      IopCompareRow *r = g_ptr_array_index (self->comparison->rows, i);
      gboolean seen = FALSE;

      agree += r->agrees;
      for (guint j = 0; j < host_order->len; j++)
        seen |= g_strcmp0 (g_ptr_array_index (host_order, j), r->host) == 0;
      if (!seen)
        g_ptr_array_add (host_order, r->host);
    }

  for (guint j = 0; j < host_order->len; j++)
    {
      const char *host = g_ptr_array_index (host_order, j);
      GtkListBox *list;
      GtkWidget *group;
      guint n = 0, same = 0;
      g_autofree char *desc = NULL;

      for (guint i = 0; i < self->comparison->rows->len; i++)
        {
          IopCompareRow *r = g_ptr_array_index (self->comparison->rows, i);
          if (g_strcmp0 (r->host, host) == 0)
            {
              n++;
              same += r->agrees;
            }
        }
      /* Translators: "7 of 9 agree" */
      desc = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u agrees", "%u of %u agree", n), same, n);
      group = preferences_group (host, desc, &list);
      gtk_list_box_append (list, compare_line (_("Topic"), _("Model"), _("Run"), "", _("Why"), TRUE, TRUE));
      for (guint i = 0; i < self->comparison->rows->len; i++)
        {
          IopCompareRow *r = g_ptr_array_index (self->comparison->rows, i);
          if (g_strcmp0 (r->host, host) == 0)
            gtk_list_box_append (list, compare_line (r->topic, r->model, r->run, r->agrees ? "✓" : "≠",
                                                     r->why, r->agrees, FALSE));
        }
      gtk_box_append (self->compare_box, group);
    }

  title = self->scenario && self->scenario->title ? self->scenario->title
          : self->scenario ? self->scenario->id : DEFAULT_SCENARIO;
  /* Translators: the scenario's title, the I/Os simulated, figures that agree, all figures */
  caption = g_strdup_printf (_("Scenario “%s”, %" PRIu64 " I/Os simulated: %u of %u figures agree. Where they differ, the last column says why."),
                             title, self->comparison->workload ? self->comparison->workload->ios : 0,
                             agree, self->comparison->rows->len);
  gtk_label_set_text (self->compare_caption, caption);
  gtk_stack_set_visible_child_name (self->compare_stack, "rows");
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (source);
  CompareData *cd = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  IopComparison *cmp = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cd->gen != self->compare_gen)
    {
      g_clear_pointer (&cmp, iop_comparison_free);
      return;
    }
  self->comparing = FALSE;
  gtk_spinner_stop (self->compare_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), FALSE);
  gtk_button_set_label (GTK_BUTTON (self->compare_button), _("_Compare Again"));
  if (cmp == NULL)
    {
      gtk_label_set_text (self->compare_error, error->message);
      gtk_label_set_text (self->compare_caption, "");
      gtk_stack_set_visible_child_name (self->compare_stack, "error");
      set_error (self, error->message, FALSE);
    }
  else
    {
      g_clear_pointer (&self->comparison, iop_comparison_free);
      self->comparison = cmp;
      self->compare_stale = FALSE;
      show_comparison (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
  update_actions (self);
}

/* --- Live ----------------------------------------------------------------- */

static void
live_bar_update (IopRuntimeView *self)
{
  IopLiveState state = self->live ? iop_live_get_state (self->live) : IOP_LIVE_STOPPED;
  const char *err = self->live ? iop_live_get_error (self->live) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  gboolean trouble = FALSE;
  const char *icon = "busy";

  gtk_revealer_set_reveal_child (self->live_revealer, self->live != NULL);
  if (self->live == NULL)
    {
      gtk_spinner_stop (self->live_spinner);
      return;
    }

  /* Translators: the live state ("Connected", "Timed out"…) and SPDK's socket */
  title = g_strdup_printf (_("%s — %s"), iop_live_state_label (state), self->live_socket);
  switch (state)
    {
    case IOP_LIVE_CONNECTED:
      icon = "ok";
      if (self->live_samples == 0)
        detail = g_strdup_printf (_("Waiting for the first sample · every %.3g s · read-only"), self->live_interval);
      else
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Every %.3g s · %u sample · read-only methods only",
                                               "Every %.3g s · %u samples · read-only methods only",
                                               self->live_samples),
                                  self->live_interval, self->live_samples);
      break;
    case IOP_LIVE_CONNECTING:
    case IOP_LIVE_STOPPED:
      detail = g_strdup (_("Opening SPDK's JSON-RPC socket…"));
      break;
    case IOP_LIVE_RECONNECTING:
      trouble = err != NULL;
      detail = err ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u failed attempt; trying again every %.3g s",
                                                   "%s · %u failed attempts; trying again every %.3g s",
                                                   iop_live_get_failures (self->live)),
                                      err, iop_live_get_failures (self->live), self->live_interval)
                   : g_strdup (_("Trying again…"));
      break;
    case IOP_LIVE_TIMED_OUT:
    case IOP_LIVE_CLOSED:
    case IOP_LIVE_MALFORMED_REPLY:
    default:
      trouble = TRUE;
      icon = "trouble";
      detail = g_strdup_printf (_("%s · reconnecting at the next interval"), err ? err : iop_live_state_label (state));
      break;
    }
  gtk_label_set_text (self->live_title, title);
  gtk_label_set_text (self->live_detail, detail);
  gtk_stack_set_visible_child_name (self->live_icon_stack, icon);
  if (g_strcmp0 (icon, "busy") == 0)
    gtk_spinner_start (self->live_spinner);
  else
    gtk_spinner_stop (self->live_spinner);
  if (trouble)
    gtk_widget_add_css_class (self->live_bar, "trouble");
  else
    gtk_widget_remove_css_class (self->live_bar, "trouble");
}

static void
live_state_cb (IopLive        *live,
               GParamSpec     *pspec,
               IopRuntimeView *self)
{
  IopLiveState state = iop_live_get_state (live);

  if (state == IOP_LIVE_CONNECTED)
    {
      for (guint i = 0; live_once_methods[i]; i++)
        iop_live_send (live, live_once_methods[i], NULL);
    }
  else if (state != IOP_LIVE_STOPPED)
    {
      /* Rates need two samples of one connection */
      g_clear_pointer (&self->live_prev, json_node_unref);
      if (iop_live_get_error (live) != NULL && !self->live_error_shown &&
          (state != IOP_LIVE_CONNECTING))
        {
          self->live_error_shown = TRUE;
          set_error (self, iop_live_get_error (live), TRUE);
        }
    }
  live_bar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_STATE]);
}

static void
live_reply_cb (IopLive        *live,
               const char     *method,
               JsonNode       *result,
               IopRuntimeView *self)
{
  for (guint i = 0; live_once_methods[i]; i++)
    if (g_strcmp0 (live_once_methods[i], method) == 0)
      g_hash_table_insert (self->live_replies, g_strdup (method), json_node_copy (result));
}

static char *
live_group (const char *socket)
{
  g_autofree char *base = g_path_get_basename (socket);
  char *dot = strchr (base, '.');

  if (dot && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static void
live_sample_cb (IopLive        *live,
                JsonNode       *sample,
                double          t,
                IopRuntimeView *self)
{
  g_autoptr(JsonNode) rates = NULL;
  g_autofree char *group = live_group (self->live_socket);
  IopRuntime *rt;
  GHashTableIter iter;
  gpointer k, v;

  if (sample == NULL || !JSON_NODE_HOLDS_OBJECT (sample))
    return;
  if (self->live_prev != NULL)
    rates = iop_runtime_rates (self->live_prev, sample, t - self->live_prev_t);
  if (rates != NULL && json_object_get_boolean_member_with_default (json_node_get_object (rates), "counters_reset", FALSE))
    show_toast (self, _("Counters went down since the last sample: the target restarted or its counters were reset. The rates start again from this sample."));
  g_clear_pointer (&self->live_prev, json_node_unref);
  self->live_prev = json_node_copy (sample);
  self->live_prev_t = t;
  self->live_samples++;

  rt = iop_runtime_new ();
  g_hash_table_iter_init (&iter, self->live_replies);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      g_autofree char *name = g_strdup_printf ("live:%s", (char *)k);
      iop_runtime_add_node (rt, group, name, v);
    }
  {
    JsonObject *o = json_node_get_object (sample);
    g_autoptr(GList) members = json_object_get_members (o);

    for (GList *l = members; l; l = l->next)
      {
        g_autofree char *name = g_strdup_printf ("live:%s", (char *)l->data);
        iop_runtime_add_node (rt, group, name, json_object_get_member (o, l->data));
      }
  }
  if (iop_runtime_explain (rt)->len == 0)
    {
      iop_runtime_free (rt);
      live_bar_update (self);
      return;
    }
  show_runtime (self, rt, TRUE, rates);
  live_bar_update (self);
}

static gboolean
live_tick_cb (gpointer user_data)
{
  live_bar_update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
live_stop (IopRuntimeView *self)
{
  g_clear_handle_id (&self->live_tick_id, g_source_remove);
  if (self->live == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->live, self);
  iop_live_stop (self->live);
  g_clear_object (&self->live);
  g_clear_pointer (&self->live_prev, json_node_unref);
  g_hash_table_remove_all (self->live_replies);
  live_bar_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_STATE]);
}

/* --- Actions -------------------------------------------------------------- */

static void
update_actions (IopRuntimeView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runtime.detach", self->live != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runtime.compare",
                                 self->runtime != NULL && !self->runtime_is_live && !self->comparing);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     IopRuntimeView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      /* Errors are shown by load_paths itself */
      iop_runtime_view_load_paths (self, (const char *const *)paths->pdata, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (IopRuntimeView *self,
              gboolean        folder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  chooser = gtk_file_chooser_native_new (folder ? _("Open a Folder of SPDK Dumps") : _("Open SPDK Dumps"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) dumps = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (dumps, _("SPDK dumps and logs"));
      gtk_file_filter_add_pattern (dumps, "*.json");
      gtk_file_filter_add_pattern (dumps, "*.log");
      gtk_file_filter_add_pattern (dumps, "*.txt");
      gtk_file_filter_add_mime_type (dumps, "application/json");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), dumps);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_files_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  open_chooser (IOP_RUNTIME_VIEW (widget), FALSE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  open_chooser (IOP_RUNTIME_VIEW (widget), TRUE);
}

static void
attach_socket_changed_cb (GtkEditable      *editable,
                          AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (editable);

  adw_message_dialog_set_response_enabled (dialog, "attach", text != NULL && *text != '\0');
}

static void
attach_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    IopRuntimeView   *self)
{
  GtkEditable *socket_row = g_object_get_data (G_OBJECT (dialog), "socket-row");
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "interval-spin");

  if (g_strcmp0 (response, "attach") != 0)
    return;
  gtk_spin_button_update (spin);
  iop_runtime_view_attach (self, gtk_editable_get_text (socket_row), gtk_spin_button_get_value (spin));
}

static void
attach_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (ATTACH_RESOURCE);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  GtkEditable *socket_row = GTK_EDITABLE (gtk_builder_get_object (builder, "socket_row"));
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "interval_spin"));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->live_socket)
    gtk_editable_set_text (socket_row, self->live_socket);
  if (self->live_interval > 0)
    gtk_spin_button_set_value (spin, self->live_interval);
  g_object_set_data_full (G_OBJECT (dialog), "socket-row", g_object_ref (socket_row), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "interval-spin", g_object_ref (spin), g_object_unref);
  g_signal_connect_object (socket_row, "changed", G_CALLBACK (attach_socket_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (attach_response_cb), self, 0);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
detach_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  iop_runtime_view_detach (IOP_RUNTIME_VIEW (widget));
}

static void
compare_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  iop_runtime_view_run_comparison (IOP_RUNTIME_VIEW (widget));
}

static void
visible_page_cb (AdwViewStack   *stack,
                 GParamSpec     *pspec,
                 IopRuntimeView *self)
{
  if (self->rebuilding)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), COMPARE_PAGE) == 0 &&
      self->runtime != NULL && !self->runtime_is_live && !self->comparing &&
      (self->comparison == NULL || self->compare_stale) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->compare_stack), "error") != 0)
    iop_runtime_view_run_comparison (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_HOST]);
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
iop_runtime_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
iop_runtime_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
  /* Not while allocating: the boxes change shape in an idle, before the next frame */
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);
      GtkOrientation o = width >= side_by_side_width (hp) ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (hp->top)) != o)
        queue_relayout (self);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void
iop_runtime_view_dispose (GObject *object)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (object);
  GtkWidget *child;

  live_stop (self);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->rates_animation)
    adw_animation_reset (self->rates_animation);
  g_clear_object (&self->rates_animation);
  /* The diagrams let go of their hosts before the runtime goes */
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    iop_cores_diagram_set_host (((HostPage *)g_ptr_array_index (self->pages, i))->diagram, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_RUNTIME_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->runtime, iop_runtime_free);
  g_clear_pointer (&self->comparison, iop_comparison_free);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->live_replies, g_hash_table_unref);
  g_clear_pointer (&self->live_socket, g_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (iop_runtime_view_parent_class)->dispose (object);
}

static void
iop_runtime_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, iop_runtime_view_get_loaded (self));
      break;
    case PROP_LIVE_STATE:
      g_value_set_enum (value, iop_runtime_view_get_live_state (self));
      break;
    case PROP_CURRENT_HOST:
      g_value_set_string (value, iop_runtime_view_get_current_host (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    case PROP_SCENARIO:
      g_value_set_pointer (value, self->scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_runtime_view_class_init (IopRuntimeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_runtime_view_dispose;
  object_class->get_property = iop_runtime_view_get_property;
  widget_class->measure = iop_runtime_view_measure;
  widget_class->size_allocate = iop_runtime_view_size_allocate;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE_STATE] =
    g_param_spec_enum ("live-state", NULL, NULL, IOP_TYPE_LIVE_STATE, IOP_LIVE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_HOST] =
    g_param_spec_string ("current-host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENARIO] =
    g_param_spec_pointer ("scenario", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IopRuntimeView::knob-activated:
   * @knob: "method.param"
   *
   * A knob link was clicked; the property "current-host" names the host.
   */
  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-runtime-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_revealer);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_bar);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_spinner);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_title);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_detail);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, host_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_child);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_caption);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_spinner);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_error);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_box);

  gtk_widget_class_install_action (widget_class, "runtime.open-files", NULL, open_files_action);
  gtk_widget_class_install_action (widget_class, "runtime.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "runtime.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "runtime.detach", NULL, detach_action);
  gtk_widget_class_install_action (widget_class, "runtime.compare", NULL, compare_action);

  gtk_widget_class_set_css_name (widget_class, "iopruntimeview");

  g_type_ensure (IOP_TYPE_CORES_DIAGRAM);
}

static void
iop_runtime_view_init (IopRuntimeView *self)
{
  self->pages = g_ptr_array_new_with_free_func (host_page_free);
  self->live_replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_node_unref);
  self->live_interval = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  self->rates_animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, RATES_ANIM_MS,
                                                   adw_callback_animation_target_new (rates_animation_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->rates_animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_object (self->host_stack, "notify::visible-child-name", G_CALLBACK (visible_page_cb), self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), FALSE);
  update_actions (self);
}

/* --- Public API ------------------------------------------------------------ */

GtkWidget *
iop_runtime_view_new (void)
{
  return g_object_new (IOP_TYPE_RUNTIME_VIEW, NULL);
}

gboolean
iop_runtime_view_load_paths (IopRuntimeView     *self,
                             const char *const  *paths,
                             GError            **error)
{
  g_autoptr(IopRuntime) rt = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) skipped = NULL;
  GPtrArray *dumps;
  guint n_skipped = 0;

  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);

  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("No file or folder to open"));
      goto fail;
    }
  rt = iop_runtime_new ();
  for (guint i = 0; paths[i]; i++)
    if (!iop_runtime_add_path (rt, paths[i], &local))
      goto fail;

  /* Files given one by one that say nothing, and folders of skipped files */
  skipped = g_string_new (NULL);
  dumps = iop_runtime_get_dumps (rt);
  for (guint i = 0; i < dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (dumps, i);

      if (d->kind == IOP_DUMP_SKIPPED || d->kind == IOP_DUMP_UNKNOWN)
        {
          g_autofree char *base = g_path_get_basename (d->path);
          if (n_skipped++ < 3)
            g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "", base, d->note ? d->note : "?");
        }
    }
  if (iop_runtime_explain (rt)->len == 0)
    {
      if (n_skipped > 0)
        /* Translators: %s lists files and why each was skipped */
        g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("Nothing Iopath can explain in what was opened: %s"), skipped->str);
      else
        g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                     _("Nothing Iopath can explain in what was opened: no thread, role or finding in these dumps"));
      goto fail;
    }

  live_stop (self);
  show_runtime (self, g_steal_pointer (&rt), FALSE, NULL);
  update_actions (self);
  set_error (self, NULL, FALSE);
  if (n_skipped > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Skipped %u file: %s", "Skipped %u files: %s", n_skipped),
                                              n_skipped, skipped->str);
      show_toast (self, msg);
    }
  return TRUE;

fail:
  set_error (self, local->message, TRUE);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

void
iop_runtime_view_set_scenario (IopRuntimeView *self,
                               IopScenario    *scenario)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  if (self->scenario == scenario && scenario != NULL)
    return;
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  if (scenario)
    self->scenario = iop_scenario_ref (scenario);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  self->compare_stale = TRUE;
  if (self->comparison != NULL || self->comparing ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->host_stack), COMPARE_PAGE) == 0)
    iop_runtime_view_run_comparison (self);
}

IopScenario *
iop_runtime_view_get_scenario (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->scenario;
}

void
iop_runtime_view_attach (IopRuntimeView *self,
                         const char     *socket_path,
                         double          interval_s)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  live_stop (self);
  if (socket_path == NULL || *socket_path == '\0')
    socket_path = IOP_LIVE_DEFAULT_SOCKET;
  g_free (self->live_socket);
  self->live_socket = g_strdup (socket_path);
  self->live_interval = CLAMP (interval_s > 0 ? interval_s : 1.0, 0.05, 3600);
  self->live_samples = 0;
  self->live_error_shown = FALSE;

  self->live = iop_live_new (socket_path);
  iop_live_set_interval (self->live, (guint)(self->live_interval * 1000));
  iop_live_set_timeout (self->live, (guint)MAX (5000, 2 * self->live_interval * 1000));
  g_signal_connect (self->live, "notify::state", G_CALLBACK (live_state_cb), self);
  g_signal_connect (self->live, "reply", G_CALLBACK (live_reply_cb), self);
  g_signal_connect (self->live, "sample", G_CALLBACK (live_sample_cb), self);
  iop_live_start (self->live);
  self->live_tick_id = g_timeout_add_seconds (1, live_tick_cb, self);
  live_bar_update (self);
  update_actions (self);
}

void
iop_runtime_view_detach (IopRuntimeView *self)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  if (self->live == NULL)
    return;
  live_stop (self);
  update_actions (self);
  if (self->runtime_is_live)
    {
      /* Translators: %s is SPDK's socket */
      g_autofree char *msg = g_strdup_printf (_("Detached from %s; the last sample stays on screen"), self->live_socket);
      show_toast (self, msg);
    }
}

gboolean
iop_runtime_view_run_comparison (IopRuntimeView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CompareData *cd;

  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);

  if (self->runtime == NULL || self->runtime_is_live)
    return FALSE;
  if (self->scenario == NULL)
    {
      self->scenario = iop_scenario_load (DEFAULT_SCENARIO, &error);
      if (self->scenario == NULL)
        {
          gtk_label_set_text (self->compare_error, error->message);
          gtk_stack_set_visible_child_name (self->compare_stack, "error");
          set_error (self, error->message, FALSE);
          return FALSE;
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
    }

  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();
  cd = g_new0 (CompareData, 1);
  cd->runtime = runtime_copy (self->runtime);
  cd->scenario = iop_scenario_copy (self->scenario);
  cd->gen = ++self->compare_gen;

  task = g_task_new (self, self->compare_cancellable, compare_done_cb, NULL);
  g_task_set_source_tag (task, iop_runtime_view_run_comparison);
  g_task_set_task_data (task, cd, compare_data_free);
  g_task_run_in_thread (task, compare_thread);

  if (!self->comparing)
    {
      self->comparing = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), TRUE);
  gtk_spinner_start (self->compare_spinner);
  /* Rows already there stay until the new ones replace them */
  if (self->comparison == NULL)
    gtk_stack_set_visible_child_name (self->compare_stack, "running");
  update_actions (self);
  return TRUE;
}

const IopComparison *
iop_runtime_view_get_comparison (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->comparison;
}

gboolean
iop_runtime_view_show_page (IopRuntimeView *self,
                            const char     *name)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);

  if (name == NULL || adw_view_stack_get_child_by_name (self->host_stack, name) == NULL)
    return FALSE;
  if (g_strcmp0 (name, COMPARE_PAGE) == 0 && (self->runtime == NULL || self->runtime_is_live))
    return FALSE;
  adw_view_stack_set_visible_child_name (self->host_stack, name);
  return TRUE;
}

gboolean
iop_runtime_view_get_loaded (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);
  return self->runtime != NULL;
}

IopLiveState
iop_runtime_view_get_live_state (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), IOP_LIVE_STOPPED);
  return self->live ? iop_live_get_state (self->live) : IOP_LIVE_STOPPED;
}

const char *
iop_runtime_view_get_current_host (IopRuntimeView *self)
{
  const char *name;

  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  if (self->runtime == NULL)
    return NULL;
  name = adw_view_stack_get_visible_child_name (self->host_stack);
  return g_strcmp0 (name, COMPARE_PAGE) == 0 ? NULL : name;
}

const char *
iop_runtime_view_get_error (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->error;
}

gboolean
iop_runtime_view_get_comparing (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);
  return self->comparing;
}
