/* iop-workload-view.c: many I/Os at once, their pools, queues and latency
 *
 * Controls for the workload (defaults from the scenario), a Run button that
 * simulates it in a worker thread (the engine is thread-safe per call; the
 * thread gets its own copy of the scenario), the results, iobuf_get_stats,
 * the hosts' counters, the diagnostics, and two plots of the run's samples.
 * The plots play: a cursor moves over virtual time, driven by one tick
 * callback that runs only while playing and mapped, in whole steps when
 * animations are off.
 *
 * Only the newest run counts: starting another abandons the one going (its
 * result is dropped when it arrives).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-WorkloadView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "iop-plot.h"
#include "iop-workload-view.h"
#include "iop-format.h"

#define CSS_RESOURCE   "/io/github/iopath/Iopath/ui/iop-views.css"
#define BASE_SECONDS   12.0   /* a run plays in this long at speed 1 */
#define REDUCED_STEPS  24     /* without animations: the run in this many jumps */

struct _IopWorkloadView
{
  GtkWidget          parent_instance;

  IopScenario       *scenario;
  IopWorkloadParams  defaults;      /* the scenario's, as last applied */
  IopWorkloadParams  base;          /* fields without a control (seed, samples...) */
  GArray            *sizes;         /* gint64: the size dropdown's entries */
  gboolean           updating;      /* controls or cursor set from code */

  IopWorkload       *workload;
  GCancellable      *cancellable;
  guint              serial;
  gboolean           running;
  gboolean           restart_playback;

  gboolean           playing;
  double             cursor;
  double             speed;
  guint              tick_id;
  gint64             last_frame_time;
  double             step_carry;

  GPtrArray         *pool_keys;     /* char*, NULL-terminated */
  GPtrArray         *queue_keys;
  GtkLabel          *stat_values[6];

  /* Template widgets */
  GtkLabel          *subtitle_label;
  GtkAdjustment     *depth_adjustment;
  GtkAdjustment     *qpairs_adjustment;
  GtkAdjustment     *read_adjustment;
  GtkAdjustment     *ios_adjustment;
  GtkAdjustment     *cursor_adjustment;
  GtkDropDown       *size_dropdown;
  GtkLabel          *read_label;
  GtkSwitch         *random_switch;
  GtkLabel          *random_label;
  GtkSpinner        *spinner;
  GtkButton         *run_button;
  GtkStack          *results_stack;
  GtkLabel          *none_label;
  GtkSpinButton     *ios_spin;
  GtkSpinButton     *depth_spin;
  GtkSpinButton     *qpairs_spin;
  GtkLabel          *error_label;
  GtkFlowBox        *stats_box;
  GtkLabel          *results_label;
  GtkButton         *play_button;
  GtkLabel          *time_label;
  GtkDrawingArea    *pools_plot;
  GtkDrawingArea    *queues_plot;
  GtkWidget         *faults_card;
  GtkLabel          *faults_label;
  GtkLabel          *fault_events_label;
  GtkDrawingArea    *iops_plot;
  GtkDrawingArea    *latency_plot;
  GtkDrawingArea    *held_plot;
  GtkGrid           *iobuf_grid;
  GtkGrid           *counters_grid;
  GtkWidget         *diagnostics_group;
  GtkListBox        *diagnostics_list;
};

G_DEFINE_FINAL_TYPE (IopWorkloadView, iop_workload_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RUNNING,
  PROP_PLAYING,
  PROP_CURSOR,
  PROP_SPEED,
  N_PROPS
};

enum {
  KNOB_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const gint64 standard_sizes[] = { 4096, 8192, 16384, 32768, 65536, 131072 };

typedef struct
{
  IopScenario       *scenario;
  IopWorkloadParams  params;
  guint              serial;
} RunData;

static void start_run       (IopWorkloadView *self, gboolean restart_playback);
static void update_tick     (IopWorkloadView *self);
static void update_actions  (IopWorkloadView *self);
static void update_cursor   (IopWorkloadView *self);

/* --- Text ------------------------------------------------------------------- */

static gboolean
animations_enabled (IopWorkloadView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/* --- Controls --------------------------------------------------------------------- */

static void
update_control_labels (IopWorkloadView *self)
{
  int reads = (int)round (gtk_adjustment_get_value (self->read_adjustment));
  /* Translators: share of reads, "70 %" */
  g_autofree char *r = g_strdup_printf (_("%d %%"), reads);

  gtk_label_set_text (self->read_label, r);
  gtk_label_set_text (self->random_label,
                      gtk_switch_get_active (self->random_switch) ? _("Random") : _("Sequential"));
}

static void
control_changed_cb (IopWorkloadView *self)
{
  update_control_labels (self);
}

/* "100,000" in the I/Os spin button, and back */
static gboolean
ios_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text = iop_format_count ((gint64)gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
ios_input_cb (GtkSpinButton *spin,
              double        *new_value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  GString *digits = g_string_new (NULL);
  char *end = NULL;
  double v;

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p) || *p == '.' || g_ascii_tolower (*p) == 'k' || g_ascii_tolower (*p) == 'm')
      g_string_append_c (digits, *p);
  v = g_ascii_strtod (digits->str, &end);
  if (end == digits->str)
    {
      g_string_free (digits, TRUE);
      return GTK_INPUT_ERROR;
    }
  if (*end == 'k' || *end == 'K')
    v *= 1e3;
  else if (*end == 'm' || *end == 'M')
    v *= 1e6;
  g_string_free (digits, TRUE);
  *new_value = v;
  return TRUE;
}

static void
fill_sizes (IopWorkloadView *self,
            gint64           extra)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_array_set_size (self->sizes, 0);
  for (guint i = 0; i < G_N_ELEMENTS (standard_sizes); i++)
    {
      if (extra > 0 && extra < standard_sizes[i] &&
          (self->sizes->len == 0 || g_array_index (self->sizes, gint64, self->sizes->len - 1) < extra))
        g_array_append_val (self->sizes, extra);
      g_array_append_val (self->sizes, standard_sizes[i]);
    }
  if (extra > standard_sizes[G_N_ELEMENTS (standard_sizes) - 1])
    g_array_append_val (self->sizes, extra);
  for (guint i = 0; i < self->sizes->len; i++)
    {
      g_autofree char *label = iop_format_bytes (g_array_index (self->sizes, gint64, i));
      gtk_string_list_append (model, label);
    }
  gtk_drop_down_set_model (self->size_dropdown, G_LIST_MODEL (model));
}

static void
set_size (IopWorkloadView *self,
          gint64           size)
{
  gboolean known = FALSE;

  for (guint i = 0; i < self->sizes->len; i++)
    if (g_array_index (self->sizes, gint64, i) == size)
      known = TRUE;
  if (!known)
    fill_sizes (self, size);
  for (guint i = 0; i < self->sizes->len; i++)
    if (g_array_index (self->sizes, gint64, i) == size)
      gtk_drop_down_set_selected (self->size_dropdown, i);
}

static void
set_controls (IopWorkloadView         *self,
              const IopWorkloadParams *p)
{
  self->updating = TRUE;
  self->base = *p;
  gtk_adjustment_set_value (self->depth_adjustment, p->queue_depth);
  gtk_adjustment_set_value (self->qpairs_adjustment, p->queue_pairs);
  set_size (self, p->io_size);
  gtk_adjustment_set_value (self->read_adjustment, p->read_percent);
  gtk_switch_set_active (self->random_switch, p->random);
  gtk_adjustment_set_value (self->ios_adjustment, (double)p->ios);
  self->updating = FALSE;
  update_control_labels (self);
}

/* --- Tables ----------------------------------------------------------------------- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (GtkGrid    *grid,
      int         col,
      int         row,
      int         width,
      const char *text,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "iop-cell");
  gtk_grid_attach (grid, label, col, row, width, 1);
  return label;
}

static GtkWidget *
head (GtkGrid    *grid,
      int         col,
      int         row,
      int         width,
      const char *text,
      float       xalign)
{
  GtkWidget *label = cell (grid, col, row, width, text, xalign);

  gtk_widget_add_css_class (label, "iop-head");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
number (GtkGrid *grid,
        int      col,
        int      row,
        guint64  value)
{
  g_autofree char *text = iop_format_count ((gint64)value);

  return cell (grid, col, row, 1, text, 1);
}

static void
fill_iobuf (IopWorkloadView *self)
{
  GtkGrid *g = self->iobuf_grid;
  const char *sub[] = { N_("cache"), N_("main"), N_("retry") };
  int row = 2;
  int last_place = -1, last_node = -2;

  clear_grid (g);
  head (g, 0, 0, 2, "", 0);
  gtk_widget_add_css_class (head (g, 2, 0, 3, _("Small buffers"), 0.5), "iop-group-start");
  gtk_widget_add_css_class (head (g, 5, 0, 3, _("Large buffers"), 0.5), "iop-group-start");
  head (g, 0, 1, 1, _("Host"), 0);
  head (g, 1, 1, 1, _("Module"), 0);
  for (int c = 0; c < 6; c++)
    {
      GtkWidget *h = head (g, 2 + c, 1, 1, _(sub[c % 3]), 1);
      if (c % 3 == 0)
        gtk_widget_add_css_class (h, "iop-group-start");
      if (c % 3 == 2)
        gtk_widget_set_tooltip_text (h, _("Requests that found the cache and the central pool empty, and waited for a buffer"));
    }

  for (guint i = 0; i < self->workload->iobuf_stats->len; i++)
    {
      const IopIobufStats *st = g_ptr_array_index (self->workload->iobuf_stats, i);
      guint64 values[6] = { st->small_cache, st->small_main, st->small_retry,
                            st->large_cache, st->large_main, st->large_retry };
      gboolean new_host = (int)st->place != last_place || st->node != last_node;
      g_autofree char *host = new_host ? iop_plot_host_label (st->place, st->node) : g_strdup ("");
      GtkWidget *w;

      w = cell (g, 0, row, 1, host, 0);
      if (new_host && row > 2)
        gtk_widget_add_css_class (w, "iop-first-row");
      w = cell (g, 1, row, 1, st->module, 0);
      gtk_widget_add_css_class (w, "monospace");
      if (new_host && row > 2)
        gtk_widget_add_css_class (w, "iop-first-row");
      for (int c = 0; c < 6; c++)
        {
          w = number (g, 2 + c, row, values[c]);
          if (c % 3 == 0)
            gtk_widget_add_css_class (w, "iop-group-start");
          if (c % 3 == 2 && values[c] > 0)
            gtk_widget_add_css_class (w, "iop-retry");
          else if (values[c] == 0)
            gtk_widget_add_css_class (w, "dim-label");
          if (new_host && row > 2)
            gtk_widget_add_css_class (w, "iop-first-row");
        }
      last_place = st->place;
      last_node = st->node;
      row++;
    }
  /* spare width goes to the module column */
  gtk_widget_set_hexpand (gtk_grid_get_child_at (g, 1, 1), TRUE);
}

typedef enum
{
  C_BDEV_CACHE,
  C_BDEV_MEMPOOL,
  C_BDEV_WAIT,
  C_QPAIR_SLOTS,
  C_QPAIR_QUEUED,
  C_NOMEM,
  C_TARGET_REQS,
  C_BUFFER_WAITS,
  N_COUNTERS
} Counter;

static void
fill_counters (IopWorkloadView *self)
{
  GtkGrid *g = self->counters_grid;
  static const char *const names[N_COUNTERS] = {
    N_("bdev_io from a per-thread cache"),
    N_("bdev_io from the mempool"),
    N_("io_wait entries (bdev_io pool empty)"),
    N_("Queue-pair slots in use, at most"),
    N_("Requests queued for a slot"),
    N_("NOMEM (no nvme_request)"),
    N_("Transport requests in use, at most"),
    N_("Requests that waited for a buffer"),
  };

  clear_grid (g);
  head (g, 0, 0, 1, "", 0);
  for (guint h = 0; h < self->workload->counters->len; h++)
    {
      const IopHostCounters *c = g_ptr_array_index (self->workload->counters, h);
      g_autofree char *host = iop_plot_host_label (c->place, c->node);
      head (g, 1 + (int)h, 0, 1, host, 1);
    }
  for (int r = 0; r < N_COUNTERS; r++)
    {
      GtkWidget *name = cell (g, 0, 1 + r, 1, _(names[r]), 0);

      gtk_widget_set_hexpand (name, TRUE);
      if (r == 0)
        gtk_widget_add_css_class (name, "iop-first-row");
      for (guint h = 0; h < self->workload->counters->len; h++)
        {
          const IopHostCounters *c = g_ptr_array_index (self->workload->counters, h);
          gboolean bm = c->place == IOP_PLACE_BAREMETAL;
          g_autofree char *text = NULL;
          gboolean warn = FALSE, na = FALSE;
          GtkWidget *w;

          switch ((Counter)r)
            {
            case C_BDEV_CACHE:
              text = iop_format_count ((gint64)c->bdev_io_cache);
              break;
            case C_BDEV_MEMPOOL:
              text = iop_format_count ((gint64)c->bdev_io_mempool);
              break;
            case C_BDEV_WAIT:
              text = iop_format_count ((gint64)c->bdev_io_wait);
              warn = c->bdev_io_wait > 0;
              break;
            case C_QPAIR_SLOTS:
              na = !bm;
              if (bm)
                {
                  g_autofree char *a = iop_format_count (c->qpair_slots_max);
                  g_autofree char *b = iop_format_count (c->qpair_slots);
                  /* Translators: "127 of 127" */
                  text = g_strdup_printf (_("%s of %s"), a, b);
                  warn = c->qpair_slots > 0 && c->qpair_slots_max >= c->qpair_slots;
                }
              break;
            case C_QPAIR_QUEUED:
              na = !bm;
              if (bm)
                text = iop_format_count ((gint64)c->qpair_queued);
              warn = bm && c->qpair_queued > 0;
              break;
            case C_NOMEM:
              na = !bm;
              if (bm)
                text = iop_format_count ((gint64)c->nvme_nomem);
              warn = bm && c->nvme_nomem > 0;
              break;
            case C_TARGET_REQS:
              na = bm;
              if (!bm)
                {
                  g_autofree char *a = iop_format_count (c->target_reqs_max);
                  g_autofree char *b = iop_format_count (c->target_reqs);
                  text = g_strdup_printf (_("%s of %s"), a, b);
                  warn = c->target_reqs > 0 && c->target_reqs_max >= c->target_reqs;
                }
              break;
            case C_BUFFER_WAITS:
              na = bm;
              if (!bm)
                text = iop_format_count ((gint64)c->buffer_waits);
              warn = !bm && c->buffer_waits > 0;
              break;
            case N_COUNTERS:
            default:
              break;
            }
          w = cell (g, 1 + (int)h, 1 + r, 1, na ? "—" : text, 1);
          if (na)
            gtk_widget_add_css_class (w, "dim-label");
          else if (warn)
            gtk_widget_add_css_class (w, "iop-warn");
          if (r == 0)
            gtk_widget_add_css_class (w, "iop-first-row");
        }
    }
}

/* --- Diagnostics ------------------------------------------------------------------ */

static gboolean
activate_link_cb (GtkLabel        *label,
                  const char      *uri,
                  IopWorkloadView *self)
{
  int host = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "iop-host"));

  if (!g_str_has_prefix (uri, "knob:"))
    return FALSE;
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, uri + strlen ("knob:"), host);
  return TRUE;
}

static GtkWidget *
build_diagnostic (IopWorkloadView     *self,
                  const IopDiagnostic *d)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon, *message, *meta;
  GString *m = g_string_new (NULL);
  const char *icon_name, *css, *level;

  switch (d->level)
    {
    case IOP_DIAG_ERROR:
      icon_name = "dialog-error-symbolic", css = "error", level = _("Error");
      break;
    case IOP_DIAG_WARNING:
      icon_name = "dialog-warning-symbolic", css = "warning", level = _("Warning");
      break;
    case IOP_DIAG_DEPRECATION:
      icon_name = "dialog-warning-symbolic", css = "warning", level = _("Deprecated");
      break;
    case IOP_DIAG_NOTICE:
      icon_name = "dialog-information-symbolic", css = "accent", level = _("Notice");
      break;
    case IOP_DIAG_INFO:
    default:
      icon_name = "dialog-information-symbolic", css = "dim-label", level = _("Information");
      break;
    }
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (icon, css);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_widget_set_tooltip_text (icon, level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, level, -1);

  /* SPDK's text as it prints it */
  message = gtk_label_new (d->message);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (message), TRUE);
  if (d->from_spdk)
    gtk_widget_add_css_class (message, "iop-spdk-message");

  meta = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  /* level · where SPDK logs it · how often · host, dim; then the knob's link */
  g_string_append (m, level);
  if (d->from_spdk && d->source != NULL)
    {
      g_string_append (m, " · ");
      /* Translators: where SPDK logs a message: "logged by SPDK in lib/nvmf/transport.c" */
      g_string_append_printf (m, _("logged by SPDK in %s"), d->source);
    }
  else if (d->from_spdk)
    g_string_append_printf (m, " · %s", _("logged by SPDK"));
  if (d->count > 1)
    {
      g_string_append (m, " · ");
      /* Translators: a message logged once per thread, this many times */
      g_string_append_printf (m, g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", d->count), d->count);
    }
  g_string_append_printf (m, " · %s", iop_host_label (d->host));
  {
    g_autofree char *escaped = g_markup_escape_text (m->str, -1);
    g_string_printf (m, "<span alpha=\"55%%\">%s</span>", escaped);
  }
  if (d->knob != NULL && self->workload != NULL)
    {
      const IopScenario *sc = self->workload->scenario;
      g_autofree char *id = g_markup_escape_text (d->knob, -1);
      /* Translators: precedes the name of the knob that governs a check */
      g_autofree char *word = g_markup_printf_escaped (" · %s ", _("knob"));
      IopHostId h = d->host;

      g_string_append_printf (m, "<span alpha=\"55%%\">%s</span>", word);
      if (iop_knob_def_find (d->knob, h, sc->hosts[h].target_trtype, sc->version) == NULL)
        h = h == IOP_HOST_BAREMETAL ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
      if (iop_knob_def_find (d->knob, h, sc->hosts[h].target_trtype, sc->version) != NULL)
        {
          g_object_set_data (G_OBJECT (meta), "iop-host", GINT_TO_POINTER (h));
          g_string_append_printf (m, "<a href=\"knob:%s\" title=\"%s\">%s</a>", id, _("Show this knob"), id);
        }
      else
        g_string_append_printf (m, "<tt>%s</tt>", id);
    }
  gtk_label_set_markup (GTK_LABEL (meta), m->str);
  g_signal_connect (meta, "activate-link", G_CALLBACK (activate_link_cb), self);
  g_string_free (m, TRUE);

  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 14);
  gtk_widget_set_margin_end (box, 14);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
fill_diagnostics (IopWorkloadView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list))) != NULL)
    gtk_list_box_remove (self->diagnostics_list, child);
  for (guint i = 0; i < self->workload->diagnostics->len; i++)
    gtk_list_box_append (self->diagnostics_list,
                         build_diagnostic (self, g_ptr_array_index (self->workload->diagnostics, i)));
  gtk_widget_set_visible (self->diagnostics_group, self->workload->diagnostics->len > 0);
}

/* --- Results ---------------------------------------------------------------------- */

static void
collect_keys (const IopWorkload  *wl,
              GPtrArray          *keys,
              const char *const  *suffixes)
{
  g_ptr_array_set_size (keys, 0);
  /* host by host, in the engine's order; per host in SUFFIXES' order */
  for (guint i = 0; i < wl->series->len; i++)
    {
      const IopSeries *se = g_ptr_array_index (wl->series, i);
      gboolean first_of_host = TRUE;

      for (guint j = 0; j < i; j++)
        {
          const IopSeries *o = g_ptr_array_index (wl->series, j);
          if (o->place == se->place && o->node == se->node)
            first_of_host = FALSE;
        }
      if (!first_of_host)
        continue;
      for (guint s = 0; suffixes[s] != NULL; s++)
        for (guint j = i; j < wl->series->len; j++)
          {
            const IopSeries *o = g_ptr_array_index (wl->series, j);
            const char *slash = strchr (o->key, '/');
            if (o->place == se->place && o->node == se->node && slash && g_str_equal (slash + 1, suffixes[s]))
              g_ptr_array_add (keys, g_strdup (o->key));
          }
    }
  g_ptr_array_add (keys, NULL);
}

static void
update_results (IopWorkloadView *self)
{
  const IopWorkload *wl = self->workload;
  static const char *const pool_suffixes[] = { "iobuf.small", "iobuf.large", NULL };
  static const char *const queue_suffixes[] = { "qpair.slots", "qpair.queued", "target.reqs", "iobuf.waiters", NULL };
  g_autofree char *iops = iop_format_count ((gint64)llround (wl->iops));
  g_autofree char *mibs = g_strdup_printf ("%.1f", wl->mib_per_s);
  g_autofree char *ios = iop_format_count ((gint64)wl->ios);
  g_autofree char *reads = iop_format_count ((gint64)wl->reads);
  g_autofree char *writes = iop_format_count ((gint64)wl->writes);
  g_autofree char *elapsed = iop_format_duration (wl->elapsed_ns);
  g_autofree char *mean = iop_format_duration (wl->lat_mean_ns);
  g_autofree char *max = iop_format_duration (wl->lat_max_ns);
  g_autofree char *summary = NULL;
  char *values[6];

  values[0] = g_strdup (iops);
  values[1] = wl->mib_per_s >= 100 ? iop_format_count ((gint64)llround (wl->mib_per_s)) : g_strdup (mibs);
  values[2] = iop_format_count ((gint64)wl->events);
  values[3] = iop_format_duration (wl->lat_p50_ns);
  values[4] = iop_format_duration (wl->lat_p99_ns);
  values[5] = iop_format_duration (wl->lat_p999_ns);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      gtk_label_set_text (self->stat_values[i], values[i]);
      g_free (values[i]);
    }

  /* Translators: the run in one line, like iopath-cli workload prints it */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s I/Os (%s reads, %s writes) in %s of virtual time on %u queue pair: %s IOPS, %s MiB/s; latency mean %s, max %s",
                                          "%s I/Os (%s reads, %s writes) in %s of virtual time on %u queue pairs: %s IOPS, %s MiB/s; latency mean %s, max %s",
                                          wl->queue_pairs),
                             ios, reads, writes, elapsed, wl->queue_pairs, iops, mibs, mean, max);
  gtk_label_set_text (self->results_label, summary);

  if (wl->scenario->faults->len > 0)
    {
      GString *fs = g_string_new (NULL);
      g_autofree char *failed = iop_format_count ((gint64)wl->failed);
      g_autofree char *late = iop_format_count ((gint64)wl->late);

      for (guint i = 0; i < wl->scenario->faults->len; i++)
        {
          g_autofree char *d = iop_fault_describe (&g_array_index (wl->scenario->faults, IopFault, i));
          g_string_append_printf (fs, "%s. ", d);
        }
      /* Translators: after the faults' descriptions */
      g_string_append_printf (fs, _("%s I/Os failed, %s completed late. From the top: guest IOPS, replica I/Os waiting in bdev_nvme’s retry queue, and the longest latency of the I/Os completed in each interval (µs)."),
                              failed, late);
      gtk_label_set_text (self->faults_label, fs->str);
      g_string_free (fs, TRUE);
      fs = g_string_new (NULL);
      for (guint i = 0; wl->fault_events != NULL && i < wl->fault_events->len && i < 60; i++)
        {
          const IopFaultEvent *fe = g_ptr_array_index (wl->fault_events, i);
          g_autofree char *t = iop_format_duration (fe->t_ns);
          g_string_append_printf (fs, "%s%s — %s", fs->len ? "\n" : "", t, fe->title);
        }
      if (wl->fault_events != NULL && wl->fault_events->len > 60)
        g_string_append (fs, "\n…");
      gtk_label_set_text (self->fault_events_label, fs->str);
      g_string_free (fs, TRUE);
    }
  gtk_widget_set_visible (self->faults_card, wl->scenario->faults->len > 0);
  collect_keys (wl, self->pool_keys, pool_suffixes);
  collect_keys (wl, self->queue_keys, queue_suffixes);
  fill_iobuf (self);
  fill_counters (self);
  fill_diagnostics (self);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
  update_cursor (self);
}

/* --- Running ---------------------------------------------------------------------- */

static void
run_data_free (gpointer p)
{
  RunData *data = p;

  iop_scenario_unref (data->scenario);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  IopWorkload *wl;

  /* Only the copy of the scenario is touched here, never the widget */
  wl = iop_workload_run (data->scenario, &data->params, &error);
  if (wl == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, wl, (GDestroyNotify)iop_workload_unref);
}

static void
set_running (IopWorkloadView *self,
             gboolean         running)
{
  if (self->running == running)
    return;
  self->running = running;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_button_set_label (self->run_button, running ? _("_Cancel") : _("_Run"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), running ? "workload.cancel" : "workload.run");
  if (running)
    gtk_widget_remove_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->run_button), "suggested-action");
  if (running)
    {
      g_autofree char *n = iop_format_count ((gint64)gtk_adjustment_get_value (self->ios_adjustment));
      /* Translators: while a run goes, "Simulating 100,000 I/Os in virtual time…" */
      g_autofree char *text = g_strdup_printf (_("Simulating %s I/Os in virtual time…"), n);
      gtk_label_set_text (self->none_label, text);
    }
  else
    gtk_label_set_text (self->none_label, _("Run the workload to see its rate, its latency, and how the pools and queues fill over time."));
  /* the result shown is about to be replaced */
  gtk_widget_set_opacity (GTK_WIDGET (self->results_stack), running && self->workload ? 0.55 : 1.0);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (source);
  RunData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  IopWorkload *wl;

  wl = g_task_propagate_pointer (G_TASK (result), &error);
  /* abandoned: a newer run, a cancel, or the view went away */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data->serial != self->serial)
    {
      g_clear_pointer (&wl, iop_workload_unref);
      return;
    }

  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (wl == NULL)
    {
      gtk_label_set_text (self->error_label, error ? error->message : _("The workload could not run"));
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      g_clear_pointer (&self->workload, iop_workload_unref);
      iop_workload_view_set_playing (self, FALSE);
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->workload, iop_workload_unref);
  self->workload = wl;
  if (self->restart_playback)
    {
      gboolean animate = animations_enabled (self);

      self->cursor = animate ? 0.0 : 1.0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
      iop_workload_view_set_playing (self, animate);
    }
  update_results (self);
  update_actions (self);
  update_tick (self);
}

static void
start_run (IopWorkloadView *self,
           gboolean         restart_playback)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  if (self->scenario == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->restart_playback = restart_playback;

  data = g_new0 (RunData, 1);
  data->scenario = iop_scenario_copy (self->scenario);
  iop_workload_view_get_params (self, &data->params);
  data->serial = ++self->serial;

  task = g_task_new (self, self->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_name (task, "iopath-workload");
  g_task_set_task_data (task, data, run_data_free);
  g_task_run_in_thread (task, run_thread);
  set_running (self, TRUE);
}

/* --- Playback --------------------------------------------------------------------- */

static void
update_cursor (IopWorkloadView *self)
{
  g_autofree char *now = NULL;
  g_autofree char *end = NULL;
  g_autofree char *text = NULL;

  self->updating = TRUE;
  gtk_adjustment_set_value (self->cursor_adjustment, self->cursor);
  self->updating = FALSE;

  if (self->workload != NULL && self->workload->sample_t->len > 0)
    {
      now = iop_format_duration (iop_plot_time_at (self->workload, self->cursor));
      end = iop_format_duration (iop_plot_time_at (self->workload, 1.0));
      /* Translators: the moment shown and the length of the run, "66.2 ms of 132.4 ms" */
      text = g_strdup_printf (_("%s of %s"), now, end);
    }
  gtk_label_set_text (self->time_label, text ? text : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->pools_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->queues_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->iops_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->latency_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->held_plot));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->last_frame_time ? (now - self->last_frame_time) / (double)G_USEC_PER_SEC : 0;
  double rate = self->speed / BASE_SECONDS;   /* of the run per second */
  double next = self->cursor;

  self->last_frame_time = now;
  dt = MIN (dt, 0.25);   /* a stalled frame does not jump */
  if (animations_enabled (self))
    next += rate * dt;
  else
    {
      /* reduced motion: whole steps, at the same pace */
      self->step_carry += rate * dt * REDUCED_STEPS;
      while (self->step_carry >= 1.0)
        {
          next = (floor (next * REDUCED_STEPS + 1e-9) + 1) / REDUCED_STEPS;
          self->step_carry -= 1.0;
        }
    }

  if (next >= 1.0)
    {
      iop_workload_view_set_cursor (self, 1.0);
      iop_workload_view_set_playing (self, FALSE);
    }
  else if (next != self->cursor)
    {
      self->cursor = next;
      update_cursor (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
    }

  if (!self->playing)
    {
      self->tick_id = 0;
      self->last_frame_time = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* One tick callback, only while playing and on screen */
static void
update_tick (IopWorkloadView *self)
{
  gboolean wanted = self->playing && self->workload != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (wanted && self->tick_id == 0)
    {
      self->last_frame_time = 0;
      self->step_carry = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
    }
  else if (!wanted && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
      self->last_frame_time = 0;
    }
}

static void
update_actions (IopWorkloadView *self)
{
  GtkWidget *w = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (w, "workload.run", self->scenario != NULL);
  gtk_widget_action_set_enabled (w, "workload.cancel", self->running);
  gtk_widget_action_set_enabled (w, "workload.play", self->workload != NULL);
  gtk_widget_action_set_enabled (w, "workload.rewind", self->workload != NULL);
}

static void
cursor_changed_cb (IopWorkloadView *self,
                   GtkAdjustment   *adjustment)
{
  if (self->updating)
    return;
  /* the reader scrubs: stop playing */
  iop_workload_view_set_playing (self, FALSE);
  iop_workload_view_set_cursor (self, gtk_adjustment_get_value (adjustment));
}

/* The series a plot shows, NULL-terminated; N gets their count */
static const char *const *
plot_keys (IopWorkloadView *self,
           GtkWidget       *area,
           guint           *n)
{
  static const char *const iops_keys[] = { "baremetal/io.iops", NULL };
  static const char *const held_keys[] = { "baremetal/io.held", NULL };
  static const char *const latency_keys[] = { "baremetal/io.latency", NULL };
  GPtrArray *keys;

  if (area == GTK_WIDGET (self->iops_plot))
    return *n = 1, iops_keys;
  if (area == GTK_WIDGET (self->held_plot))
    return *n = 1, held_keys;
  if (area == GTK_WIDGET (self->latency_plot))
    return *n = 1, latency_keys;
  keys = area == GTK_WIDGET (self->pools_plot) ? self->pool_keys : self->queue_keys;
  *n = keys->len > 0 ? keys->len - 1 : 0;
  return (const char *const *)keys->pdata;
}

static void
plot_scrub (IopWorkloadView *self,
            GtkWidget       *area,
            double           x)
{
  IopPlotRect rect;
  guint n;

  if (self->workload == NULL)
    return;
  plot_keys (self, area, &n);
  iop_plot_get_area (gtk_widget_get_width (area), gtk_widget_get_height (area), n, &rect);
  iop_workload_view_set_playing (self, FALSE);
  iop_workload_view_set_cursor (self, iop_plot_x_to_cursor (&rect, x));
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               IopWorkloadView *self)
{
  plot_scrub (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                IopWorkloadView *self)
{
  double x0, y0;

  gtk_gesture_drag_get_start_point (gesture, &x0, &y0);
  plot_scrub (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x0 + dx);
}

static void
draw_plot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (user_data);
  guint n;
  const char *const *keys;

  if (self->workload == NULL)
    return;
  keys = plot_keys (self, GTK_WIDGET (area), &n);
  if (n == 0 || iop_workload_find_series (self->workload, keys[0]) == NULL)
    return;
  iop_plot_draw (cr, width, height, self->workload, keys, self->cursor,
                 adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
dark_changed_cb (IopWorkloadView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->pools_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->queues_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->iops_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->latency_plot));
  gtk_widget_queue_draw (GTK_WIDGET (self->held_plot));
}

static void
setup_plot (IopWorkloadView *self,
            GtkDrawingArea  *area)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_drawing_area_set_draw_func (area, draw_plot, self, NULL);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (area), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (area), "col-resize");
}

/* --- Actions ---------------------------------------------------------------------- */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  iop_workload_view_run (IOP_WORKLOAD_VIEW (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  iop_workload_view_cancel (IOP_WORKLOAD_VIEW (widget));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (widget);

  /* at the end, play starts over */
  if (!self->playing && self->cursor >= 1.0)
    iop_workload_view_set_cursor (self, 0.0);
  iop_workload_view_set_playing (self, !self->playing);
}

static void
rewind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  iop_workload_view_set_cursor (IOP_WORKLOAD_VIEW (widget), 0.0);
}

/* --- GObject ---------------------------------------------------------------------- */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "iop-views-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "iop-views-css", g_object_ref (provider), g_object_unref);
}

static GtkWidget *
new_stat (const char  *caption,
          GtkLabel   **value_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *value = gtk_label_new ("");
  GtkWidget *label = gtk_label_new (caption);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (value, "iop-stat-value");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "iop-stat");
  *value_out = GTK_LABEL (value);
  return box;
}

static void
iop_workload_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_workload_view_parent_class)->map (widget);
  update_tick (IOP_WORKLOAD_VIEW (widget));
}

static void
iop_workload_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_workload_view_parent_class)->unmap (widget);
  update_tick (IOP_WORKLOAD_VIEW (widget));
}

static void
iop_workload_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_CURSOR:
      g_value_set_double (value, self->cursor);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_workload_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      iop_workload_view_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_CURSOR:
      iop_workload_view_set_cursor (self, g_value_get_double (value));
      break;
    case PROP_SPEED:
      iop_workload_view_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_workload_view_dispose (GObject *object)
{
  IopWorkloadView *self = IOP_WORKLOAD_VIEW (object);
  GtkWidget *child;

  /* a run still going returns into nothing */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_WORKLOAD_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->workload, iop_workload_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->sizes, g_array_unref);
  g_clear_pointer (&self->pool_keys, g_ptr_array_unref);
  g_clear_pointer (&self->queue_keys, g_ptr_array_unref);
  G_OBJECT_CLASS (iop_workload_view_parent_class)->dispose (object);
}

static void
iop_workload_view_class_init (IopWorkloadViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_workload_view_dispose;
  object_class->get_property = iop_workload_view_get_property;
  object_class->set_property = iop_workload_view_set_property;
  widget_class->map = iop_workload_view_map;
  widget_class->unmap = iop_workload_view_unmap;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURSOR] =
    g_param_spec_double ("cursor", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.05, 64.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IopWorkloadView::knob-activated:
   * @knob_id: "method.param"
   * @host: the IopHostId whose knob it is
   */
  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "workload.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "workload.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "workload.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "workload.rewind", NULL, rewind_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-workload-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, depth_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, qpairs_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, read_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ios_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, cursor_adjustment);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, read_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, random_switch);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, random_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, spinner);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, run_button);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, none_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, ios_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, depth_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, qpairs_spin);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, error_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, stats_box);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, results_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, play_button);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, time_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, pools_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, queues_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, faults_card);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, faults_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, fault_events_label);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, iops_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, latency_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, held_plot);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, iobuf_grid);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, counters_grid);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, diagnostics_group);
  gtk_widget_class_bind_template_child (widget_class, IopWorkloadView, diagnostics_list);
  gtk_widget_class_bind_template_callback (widget_class, control_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ios_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, ios_input_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopworkloadview");
}

static void
iop_workload_view_init (IopWorkloadView *self)
{
  /* throughput, then latency: three tiles each, wrapping as two rows */
  static const char *const captions[] = {
    N_("IOPS"), N_("MiB/s"), N_("events simulated"), N_("p50 latency"), N_("p99 latency"), N_("p99.9 latency"),
  };
  GtkWidget *group = NULL;

  self->speed = 1.0;
  self->sizes = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pool_keys = g_ptr_array_new_with_free_func (g_free);
  self->queue_keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pool_keys, NULL);
  g_ptr_array_add (self->queue_keys, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      if (i % 3 == 0)
        {
          group = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          gtk_box_set_homogeneous (GTK_BOX (group), TRUE);
          gtk_flow_box_append (self->stats_box, group);
        }
      gtk_box_append (GTK_BOX (group), new_stat (_(captions[i]), &self->stat_values[i]));
    }

  fill_sizes (self, 0);
  iop_workload_params_init (&self->defaults, NULL);
  set_controls (self, &self->defaults);

  setup_plot (self, self->pools_plot);
  setup_plot (self, self->queues_plot);
  setup_plot (self, self->iops_plot);
  setup_plot (self, self->latency_plot);
  setup_plot (self, self->held_plot);
  g_signal_connect_object (self->cursor_adjustment, "value-changed",
                           G_CALLBACK (cursor_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->results_stack, "none");
  update_actions (self);
}

/* --- Public API ------------------------------------------------------------------- */

GtkWidget *
iop_workload_view_new (void)
{
  return g_object_new (IOP_TYPE_WORKLOAD_VIEW, NULL);
}

void
iop_workload_view_set_scenario (IopWorkloadView *self,
                                IopScenario     *scenario)
{
  IopWorkloadParams fresh, p;
  gboolean same;

  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  if (scenario == NULL)
    {
      /* nothing to run, nothing to show */
      iop_workload_view_cancel (self);
      iop_workload_view_set_playing (self, FALSE);
      g_clear_pointer (&self->scenario, iop_scenario_unref);
      g_clear_pointer (&self->workload, iop_workload_unref);
      gtk_label_set_text (self->subtitle_label, "");
      gtk_stack_set_visible_child_name (self->results_stack, "none");
      update_actions (self);
      return;
    }

  same = self->scenario != NULL && g_strcmp0 (self->scenario->id, scenario->id) == 0;
  iop_workload_params_init (&fresh, scenario);
  if (same)
    {
      /* keep what the reader chose, follow the scenario elsewhere */
      iop_workload_view_get_params (self, &p);
#define FOLLOW(f) if (p.f == self->defaults.f) p.f = fresh.f
      FOLLOW (queue_depth);
      FOLLOW (queue_pairs);
      FOLLOW (io_size);
      FOLLOW (read_percent);
      FOLLOW (random);
      FOLLOW (ios);
      FOLLOW (fresh_lvol);
      FOLLOW (duration_ns);
      FOLLOW (seed);
      FOLLOW (samples);
#undef FOLLOW
    }
  else
    p = fresh;
  self->defaults = fresh;

  iop_scenario_ref (scenario);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = scenario;
  set_controls (self, &p);
  /* a fault scenario runs for a time that sees the faults through, not a count */
  gtk_widget_set_sensitive (GTK_WIDGET (self->ios_spin), scenario->faults->len == 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ios_spin),
                               scenario->faults->len > 0 ? _("With faults the run lasts until they have healed, plus three seconds") : NULL);

  {
    /* Translators: "raid270 · SPDK v26.01" */
    g_autofree char *sub = g_strdup_printf (_("%s · SPDK %s · a simulation in virtual time, the same for the same seed"),
                                            scenario->title ? scenario->title : scenario->id,
                                            iop_spdk_version_tag (scenario->version));
    gtk_label_set_text (self->subtitle_label, sub);
  }
  update_actions (self);

  /* a result on screen follows the scenario */
  if (self->workload != NULL || self->running)
    start_run (self, FALSE);
}

void
iop_workload_view_run (IopWorkloadView *self)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  start_run (self, TRUE);
}

void
iop_workload_view_cancel (IopWorkloadView *self)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  if (!self->running)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->serial++;
  set_running (self, FALSE);
}

gboolean
iop_workload_view_get_running (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), FALSE);
  return self->running;
}

IopWorkload *
iop_workload_view_get_workload (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), NULL);
  return self->workload;
}

void
iop_workload_view_get_params (IopWorkloadView   *self,
                              IopWorkloadParams *out)
{
  guint sel;

  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  g_return_if_fail (out != NULL);

  /* text typed but not yet confirmed counts */
  if (!self->updating)
    {
      gtk_spin_button_update (self->depth_spin);
      gtk_spin_button_update (self->qpairs_spin);
      gtk_spin_button_update (self->ios_spin);
    }
  *out = self->base;
  out->queue_depth = (guint)gtk_adjustment_get_value (self->depth_adjustment);
  out->queue_pairs = (guint)gtk_adjustment_get_value (self->qpairs_adjustment);
  sel = gtk_drop_down_get_selected (self->size_dropdown);
  if (sel < self->sizes->len)
    out->io_size = g_array_index (self->sizes, gint64, sel);
  out->read_percent = (guint)round (gtk_adjustment_get_value (self->read_adjustment));
  out->random = gtk_switch_get_active (self->random_switch);
  out->ios = (guint64)gtk_adjustment_get_value (self->ios_adjustment);
  /* a fault scenario runs for a time that sees the faults through */
  if (self->scenario != NULL && self->scenario->faults->len > 0 && out->duration_ns > 0)
    out->ios = 0;
}

void
iop_workload_view_set_params (IopWorkloadView         *self,
                              const IopWorkloadParams *params)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));
  g_return_if_fail (params != NULL);

  set_controls (self, params);
}

gboolean
iop_workload_view_get_playing (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), FALSE);
  return self->playing;
}

void
iop_workload_view_set_playing (IopWorkloadView *self,
                               gboolean         playing)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  self->playing = playing;
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause") : _("Play the run’s samples"));
  update_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
iop_workload_view_get_cursor (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), 0);
  return self->cursor;
}

void
iop_workload_view_set_cursor (IopWorkloadView *self,
                              double           cursor)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  cursor = CLAMP (isfinite (cursor) ? cursor : 0, 0, 1);
  if (cursor == self->cursor)
    return;
  self->cursor = cursor;
  update_cursor (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURSOR]);
}

double
iop_workload_view_get_speed (IopWorkloadView *self)
{
  g_return_val_if_fail (IOP_IS_WORKLOAD_VIEW (self), 1);
  return self->speed;
}

void
iop_workload_view_set_speed (IopWorkloadView *self,
                             double           speed)
{
  g_return_if_fail (IOP_IS_WORKLOAD_VIEW (self));

  speed = CLAMP (speed, 0.05, 64.0);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}
