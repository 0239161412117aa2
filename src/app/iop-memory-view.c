/* iop-memory-view.c: where memory goes, what scales, what runs out first
 *
 * A section per host (the baremetal, then each storage node): its total, a
 * row per consumer with a bar on a logarithmic scale (pinned caches striped,
 * assumed sizes marked "≈"), what scales with what, and the demand in
 * flight against what the pools hold, the first bottleneck highlighted. Then
 * the checks, SPDK's own messages verbatim. Knob names are links.
 *
 * A knob edit keeps the shape of the report: the rows are then updated in
 * place, so the reader keeps their place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-MemoryView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "iop-memory-bars.h"
#include "iop-memory-view.h"
#include "iop-format.h"
#include "iop-diag-style.h"
#include "iop-page-layout.h"

#define CSS_RESOURCE "/io/github/iopath/Iopath/ui/iop-views.css"

/* Column widths, in pixels: every row of every host lines up */
#define COL_SCOPE   170
#define COL_COUNT    56
#define COL_COST    240
#define COL_VALUE    96
#define COL_AMOUNT  130
#define COL_MARGIN   84

typedef struct
{
  GtkLabel      *title;
  GtkWidget     *pinned;
  GtkLabel      *subtitle;
  IopMemoryBars *bar;
  GtkLabel      *value;
} LineWidgets;

typedef struct
{
  GtkLabel *thing;
  GtkLabel *how;
  GtkLabel *scope;
  GtkLabel *count;
  GtkLabel *cost;
} ScaleWidgets;

typedef struct
{
  GtkWidget     *row;
  GtkLabel      *hop;
  GtkWidget     *first;
  GtkLabel      *formula;
  IopMemoryBars *bar;
  GtkLabel      *amount;
  GtkLabel      *margin;
} DemandWidgets;

typedef struct
{
  GtkImage *icon;
  GtkLabel *message;
  GtkLabel *meta;
} CheckWidgets;

typedef struct
{
  GtkLabel  *title;
  GtkLabel  *calc;
  GtkLabel  *total;
  GPtrArray *group_totals;   /* GtkLabel*, one per group of lines */
  GArray    *lines;          /* LineWidgets */
  GArray    *scaling;        /* ScaleWidgets */
  GArray    *demand;         /* DemandWidgets */
} HostWidgets;

struct _IopMemoryView
{
  GtkWidget        parent_instance;

  IopMemoryReport *report;
  gboolean         stale;        /* the rows wait for the view to show */
  char            *shape;        /* what the rows were built for */
  char            *checks_key;   /* what the checks' rows show */
  GArray          *checks;       /* CheckWidgets */
  GPtrArray       *hosts;        /* HostWidgets* */

  /* Template widgets */
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkLabel        *summary_label;
  GtkFlowBox      *legend_box;
  GtkScrolledWindow *scroller;
  GtkWidget       *errors_box;
  GtkLabel        *errors_title;
  GtkLabel        *errors_label;
  GtkWidget       *bottleneck_box;
  GtkImage        *bottleneck_icon;
  GtkLabel        *bottleneck_title;
  GtkLabel        *bottleneck_label;
  GtkBox          *hosts_box;
  GtkWidget       *checks_group;
  GtkListBox      *checks_list;
};

G_DEFINE_FINAL_TYPE (IopMemoryView, iop_memory_view, GTK_TYPE_WIDGET)

enum {
  KNOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- Text ---------------------------------------------------------------- */

static IopHostId
knob_host (const IopScenario *sc,
           IopHostId          host,
           const char        *id,
           gboolean          *found)
{
  *found = TRUE;
  if (iop_knob_def_find (id, host, sc->hosts[host].target_trtype, sc->version) != NULL)
    return host;
  host = host == IOP_HOST_BAREMETAL ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
  if (sc->hosts[host].present &&
      iop_knob_def_find (id, host, sc->hosts[host].target_trtype, sc->version) != NULL)
    return host;
  *found = FALSE;
  return host;
}

/* A knob as a link when the scenario knows it, else as code. Sets the
 * host the link reveals on LABEL. */
static char *
knob_markup (IopMemoryView *self,
             GtkLabel      *label,
             IopHostId      host,
             const char    *id)
{
  gboolean found;
  IopHostId h;
  g_autofree char *escaped = NULL;

  if (id == NULL)
    return g_strdup ("");
  h = knob_host (self->report->scenario, host, id, &found);
  escaped = g_markup_escape_text (id, -1);
  if (!found)
    return g_strdup_printf ("<tt>%s</tt>", escaped);
  g_object_set_data (G_OBJECT (label), "iop-host", GINT_TO_POINTER (h));
  return g_strdup_printf ("<a href=\"knob:%s\" title=\"%s\">%s</a>", escaped,
                          /* Translators: tooltip of a knob link */
                          _("Show this knob"), escaped);
}

/* Text at the dim-label's opacity, leaving links in it at full strength */
static char *
dim (const char *markup)
{
  return g_strdup_printf ("<span alpha=\"55%%\">%s</span>", markup);
}

/* --- Widgets ------------------------------------------------------------- */

static GtkLabel *
new_label (const char *css1,
           const char *css2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css1)
    gtk_widget_add_css_class (label, css1);
  if (css2)
    gtk_widget_add_css_class (label, css2);
  return GTK_LABEL (label);
}

/* A label of a fixed WIDTH in pixels, wrapping inside it: the columns of
 * every row line up (size groups do not re-allocate rows that did not
 * change on GTK 4.8) */
static GtkLabel *
new_column_label (int         width,
                  float       xalign,
                  const char *css1,
                  const char *css2)
{
  GtkLabel *label = new_label (css1, css2);

  gtk_widget_set_size_request (GTK_WIDGET (label), width, -1);
  gtk_label_set_max_width_chars (label, 1);
  gtk_label_set_xalign (label, xalign);
  gtk_widget_set_valign (GTK_WIDGET (label), GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
new_pill (const char *text,
          const char *css)
{
  GtkWidget *pill = gtk_label_new (text);

  gtk_widget_add_css_class (pill, "iop-pill");
  gtk_widget_add_css_class (pill, css);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  return pill;
}

static GtkWidget *
new_row (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (child, 14);
  gtk_widget_set_margin_end (child, 14);
  gtk_widget_set_margin_top (child, 10);
  gtk_widget_set_margin_bottom (child, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  return row;
}

static GtkWidget *
new_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
new_group (const char *title,
           const char *description,
           GtkWidget  *suffix,
           GtkWidget  *list)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  if (suffix)
    adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return group;
}

static gboolean
activate_link_cb (GtkLabel      *label,
                  const char    *uri,
                  IopMemoryView *self)
{
  int host = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (label), "iop-host"));

  if (!g_str_has_prefix (uri, "knob:"))
    return FALSE;
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, uri + strlen ("knob:"), host);
  return TRUE;
}

static void
link_label (IopMemoryView *self,
            GtkLabel      *label)
{
  gtk_label_set_use_markup (label, TRUE);
  g_signal_connect (label, "activate-link", G_CALLBACK (activate_link_cb), self);
}

/* --- Filling rows ---------------------------------------------------------- */

/* Setters that leave an unchanged widget alone: a knob edit then restyles
 * and relayouts only what changed */
static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on && !gtk_widget_has_css_class (widget, css_class))
    gtk_widget_add_css_class (widget, css_class);
  else if (!on && gtk_widget_has_css_class (widget, css_class))
    gtk_widget_remove_css_class (widget, css_class);
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

static void
set_markup (GtkLabel   *label,
            const char *markup)
{
  if (!gtk_label_get_use_markup (label) || g_strcmp0 (gtk_label_get_label (label), markup) != 0)
    gtk_label_set_markup (label, markup);
}

static gint64
report_max_bytes (const IopMemoryReport *r)
{
  gint64 max = 1;

  for (guint i = 0; i < r->hosts->len; i++)
    {
      const IopMemoryHost *h = g_ptr_array_index (r->hosts, i);
      for (guint j = 0; j < h->lines->len; j++)
        max = MAX (max, ((const IopMemoryLine *)g_ptr_array_index (h->lines, j))->bytes);
    }
  return max;
}

/* The demand row that runs out first, as the engine picks it: the smallest
 * supply / demand over every host, the first one on a tie */
static void
find_bottleneck (const IopMemoryReport *r,
                 int                   *host,
                 int                   *row)
{
  double worst = G_MAXDOUBLE;

  *host = *row = -1;
  for (guint i = 0; i < r->hosts->len; i++)
    {
      const IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);
      for (guint j = 0; j < mh->demand->len; j++)
        {
          const IopDemandRow *d = g_ptr_array_index (mh->demand, j);
          double ratio;

          if (d->demand <= 0)
            continue;
          ratio = (double)d->supply / d->demand;
          if (ratio < worst)
            {
              worst = ratio;
              *host = (int)i;
              *row = (int)j;
            }
        }
    }
}

static void
fill_line (IopMemoryView       *self,
           const IopMemoryHost *mh,
           const IopMemoryLine *l,
           LineWidgets         *w,
           gint64               max_bytes)
{
  g_autofree char *count = iop_format_count (l->count);
  g_autofree char *bytes = iop_format_bytes (l->bytes);
  g_autofree char *value = NULL;
  g_autofree char *knob = knob_markup (self, w->subtitle, mh->host, l->knob);
  g_autofree char *first = g_markup_printf_escaped ("%s · %s", count, l->scope);
  g_autofree char *formula = g_markup_escape_text (l->formula, -1);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (w->title, l->item);
  gtk_widget_set_visible (w->pinned, l->pinned);
  {
    g_autofree char *a = dim (first);
    g_autofree char *b = dim (formula);
    g_autofree char *sep = dim (" · ");

    if (l->knob != NULL)
      subtitle = g_strdup_printf ("%s%s%s\n%s", a, sep, knob, b);
    else
      subtitle = g_strdup_printf ("%s\n%s", a, b);
  }
  set_markup (w->subtitle, subtitle);

  /* Translators: a size the model assumes (per-object size × count) */
  value = l->assumed ? g_strdup_printf (_("≈ %s"), bytes) : g_strdup (bytes);
  gtk_label_set_text (w->value, value);
  set_tooltip (GTK_WIDGET (w->value),
               l->assumed ? _("Assumed: the model’s size of one object, which varies with the build") : NULL);
  iop_memory_bars_set_bytes (w->bar, l->bytes, max_bytes,
                             (l->pinned ? IOP_MEMORY_BAR_PINNED : 0) | (l->assumed ? IOP_MEMORY_BAR_ASSUMED : 0));
}

static void
fill_scaling (const IopScalingRow *r,
              ScaleWidgets        *w)
{
  g_autofree char *count = iop_format_count (r->count);

  gtk_label_set_text (w->thing, r->thing);
  gtk_label_set_text (w->how, r->how ? r->how : "");
  gtk_widget_set_visible (GTK_WIDGET (w->how), r->how != NULL && r->how[0] != '\0');
  gtk_label_set_text (w->scope, r->scope);
  gtk_label_set_text (w->count, count);
  gtk_label_set_text (w->cost, r->cost);
}

static void
fill_demand (IopMemoryView       *self,
             const IopMemoryHost *mh,
             const IopDemandRow  *d,
             DemandWidgets       *w,
             gboolean             first)
{
  g_autofree char *demand = iop_format_count (d->demand);
  g_autofree char *supply = iop_format_count (d->supply);
  g_autofree char *margin_n = iop_format_count (d->supply - d->demand);
  g_autofree char *amount = NULL;
  g_autofree char *margin = NULL;
  g_autofree char *formula = g_markup_escape_text (d->formula, -1);
  g_autofree char *knob = knob_markup (self, w->formula, mh->host, d->knob);
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (w->hop, d->hop);
  /* the first to run out, or, when every hop has room, the tightest */
  gtk_widget_set_visible (w->first, first);
  gtk_label_set_text (GTK_LABEL (w->first), d->supply < d->demand ? _("runs out first") : _("tightest"));
  set_class (w->first, "calm", d->supply >= d->demand);
  set_class (w->row, "iop-bottleneck", first && d->supply < d->demand);
  set_class (w->row, "iop-tightest", first && d->supply >= d->demand);

  {
    g_autofree char *a = dim (formula);
    g_autofree char *sep = dim (" · ");
    subtitle = d->knob ? g_strdup_printf ("%s%s%s", a, sep, knob) : g_steal_pointer (&a);
  }
  set_markup (w->formula, subtitle);

  /* Translators: in flight against what the pools hold: "128 / 127" */
  amount = g_strdup_printf (_("%s / %s"), demand, supply);
  gtk_label_set_text (w->amount, amount);

  if (d->demand <= 0)
    margin = g_strdup ("—");
  else if (d->supply < d->demand)
    margin = g_strdup (margin_n);
  else if (d->supply == d->demand)
    margin = g_strdup ("0");
  else
    margin = g_strdup_printf ("+%s", margin_n);
  set_class (GTK_WIDGET (w->margin), "error", d->demand > 0 && d->supply < d->demand);
  set_class (GTK_WIDGET (w->margin), "warning", d->demand > 0 && d->supply == d->demand);
  set_class (GTK_WIDGET (w->margin), "dim-label", d->demand <= 0 || d->supply > d->demand);
  gtk_label_set_text (w->margin, margin);
  set_tooltip (GTK_WIDGET (w->margin),
               d->supply < d->demand ? _("Short: requests wait here") :
               d->supply == d->demand ? _("No room left at this load") : _("Room left at this load"));
  iop_memory_bars_set_demand (w->bar, d->demand, d->supply);
}

static void
fill_host (IopMemoryView       *self,
           const IopMemoryHost *mh,
           HostWidgets         *hw,
           gint64               max_bytes,
           int                  bottleneck_row)
{
  g_autofree char *total = iop_format_bytes (mh->total_bytes);
  g_autofree char *small = iop_format_count (mh->calc_small);
  g_autofree char *large = iop_format_count (mh->calc_large);
  g_autofree char *calc = NULL;
  const char *group = NULL;
  int g = -1;
  gint64 group_bytes = 0;

  gtk_label_set_text (hw->title, mh->label);
  gtk_label_set_text (hw->total, total);
  /* Translators: scripts/calc-iobuf.py is SPDK's script; the numbers are pool counts */
  calc = g_strdup_printf (_("scripts/calc-iobuf.py’s minimum for these knobs and this core mask: %s small and %s large buffers"),
                          small, large);
  gtk_label_set_text (hw->calc, calc);

  for (guint j = 0; j < mh->lines->len; j++)
    {
      const IopMemoryLine *l = g_ptr_array_index (mh->lines, j);

      if (g_strcmp0 (group, l->group) != 0)
        {
          if (g >= 0)
            {
              g_autofree char *s = iop_format_bytes (group_bytes);
              gtk_label_set_text (g_ptr_array_index (hw->group_totals, g), s);
            }
          group = l->group;
          group_bytes = 0;
          g++;
        }
      /* "of which ..." lines are inside the line above, not extra */
      if (!(l->pinned && l->assumed))
        group_bytes += l->bytes;
      fill_line (self, mh, l, &g_array_index (hw->lines, LineWidgets, j), max_bytes);
    }
  if (g >= 0)
    {
      g_autofree char *s = iop_format_bytes (group_bytes);
      gtk_label_set_text (g_ptr_array_index (hw->group_totals, g), s);
    }

  for (guint j = 0; j < mh->scaling->len; j++)
    fill_scaling (g_ptr_array_index (mh->scaling, j), &g_array_index (hw->scaling, ScaleWidgets, j));
  for (guint j = 0; j < mh->demand->len; j++)
    fill_demand (self, mh, g_ptr_array_index (mh->demand, j), &g_array_index (hw->demand, DemandWidgets, j),
                 (int)j == bottleneck_row);
}

/* --- Building rows --------------------------------------------------------- */

static GtkWidget *
build_line (IopMemoryView *self,
            LineWidgets   *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  w->title = new_label (NULL, NULL);
  /* no wrap beside a pill: GTK 4.8 mis-measures a wrapping label there */
  gtk_label_set_wrap (w->title, FALSE);
  gtk_label_set_ellipsize (w->title, PANGO_ELLIPSIZE_END);
  w->pinned = new_pill (_("pinned"), "pinned");
  gtk_widget_set_tooltip_text (w->pinned, _("Taken out of a central pool at start-up: a per-thread cache holds these buffers whether or not I/O needs them"));
  w->subtitle = new_label ("caption", NULL);
  link_label (self, w->subtitle);
  w->bar = IOP_MEMORY_BARS (iop_memory_bars_new ());
  w->value = new_column_label (COL_VALUE, 1, "iop-value", "iop-tnum");
  gtk_label_set_wrap (w->value, FALSE);

  gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (w->title));
  gtk_box_append (GTK_BOX (title_box), w->pinned);
  gtk_box_append (GTK_BOX (text), title_box);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->subtitle));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (w->bar), 200, -1);
  gtk_widget_set_valign (GTK_WIDGET (w->bar), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->bar));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->value));
  return new_row (box);
}

static GtkWidget *
build_scaling_header (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkLabel *thing = new_label ("caption-heading", "dim-label");
  GtkLabel *scope = new_column_label (COL_SCOPE, 0, "caption-heading", "dim-label");
  GtkLabel *count = new_column_label (COL_COUNT, 1, "caption-heading", "dim-label");
  GtkLabel *cost = new_column_label (COL_COST, 0, "caption-heading", "dim-label");

  gtk_label_set_text (thing, _("What"));
  gtk_label_set_text (scope, _("Scales"));
  gtk_label_set_text (count, _("Count"));
  gtk_label_set_text (cost, _("Each"));
  gtk_widget_set_hexpand (GTK_WIDGET (thing), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (thing));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (scope));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (count));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (cost));
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  return box;
}

static GtkWidget *
build_scaling (ScaleWidgets *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  w->thing = new_label (NULL, NULL);
  w->how = new_label ("caption", "dim-label");
  w->scope = new_column_label (COL_SCOPE, 0, "dim-label", NULL);
  w->count = new_column_label (COL_COUNT, 1, "iop-value", "iop-tnum");
  w->cost = new_column_label (COL_COST, 0, "caption", NULL);

  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->thing));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->how));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->scope));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->count));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->cost));
  return new_row (box);
}

static GtkWidget *
build_demand (IopMemoryView *self,
              DemandWidgets *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  w->hop = new_label (NULL, NULL);
  gtk_label_set_wrap (w->hop, FALSE);
  gtk_label_set_ellipsize (w->hop, PANGO_ELLIPSIZE_END);
  w->first = new_pill (_("runs out first"), "first");
  w->formula = new_label ("caption", NULL);
  link_label (self, w->formula);
  w->bar = IOP_MEMORY_BARS (iop_memory_bars_new ());
  w->amount = new_column_label (COL_AMOUNT, 1, "iop-value", "iop-tnum");
  w->margin = new_column_label (COL_MARGIN, 1, "iop-tnum", NULL);
  gtk_label_set_wrap (w->amount, FALSE);
  gtk_label_set_wrap (w->margin, FALSE);

  gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (w->hop));
  gtk_box_append (GTK_BOX (title_box), w->first);
  gtk_box_append (GTK_BOX (text), title_box);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->formula));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (w->bar), 120, -1);
  gtk_widget_set_valign (GTK_WIDGET (w->bar), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->bar));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->amount));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->margin));
  w->row = new_row (box);
  return w->row;
}

static void
host_widgets_free (gpointer p)
{
  HostWidgets *hw = p;

  g_ptr_array_unref (hw->group_totals);
  g_array_unref (hw->lines);
  g_array_unref (hw->scaling);
  g_array_unref (hw->demand);
  g_free (hw);
}

static GtkWidget *
build_host (IopMemoryView       *self,
            const IopMemoryHost *mh,
            HostWidgets         *hw)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *totals = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkLabel *in_total;
  const char *group = NULL;
  GtkWidget *list = NULL;
  GtkWidget *scale_list, *demand_list;
  guint line_i = 0;

  hw->group_totals = g_ptr_array_new ();
  hw->lines = g_array_sized_new (FALSE, TRUE, sizeof (LineWidgets), mh->lines->len);
  g_array_set_size (hw->lines, mh->lines->len);
  hw->scaling = g_array_sized_new (FALSE, TRUE, sizeof (ScaleWidgets), mh->scaling->len);
  g_array_set_size (hw->scaling, mh->scaling->len);
  hw->demand = g_array_sized_new (FALSE, TRUE, sizeof (DemandWidgets), mh->demand->len);
  g_array_set_size (hw->demand, mh->demand->len);

  /* Header: the host and its total */
  hw->title = new_label ("title-2", NULL);
  hw->calc = new_label ("dim-label", NULL);
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (hw->title));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (hw->calc));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_END);
  hw->total = new_label ("title-1", "iop-tnum");
  gtk_label_set_wrap (hw->total, FALSE);
  gtk_label_set_xalign (hw->total, 1);
  in_total = new_label ("caption", "dim-label");
  gtk_label_set_text (in_total, _("in total"));
  gtk_label_set_xalign (in_total, 1);
  gtk_box_append (GTK_BOX (totals), GTK_WIDGET (hw->total));
  gtk_box_append (GTK_BOX (totals), GTK_WIDGET (in_total));
  gtk_widget_set_valign (totals, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), totals);
  gtk_widget_add_css_class (header, "iop-host-header");
  gtk_box_append (GTK_BOX (section), header);

  /* Where the memory goes, a group per kind */
  for (guint j = 0; j < mh->lines->len; j++)
    {
      const IopMemoryLine *l = g_ptr_array_index (mh->lines, j);

      if (g_strcmp0 (group, l->group) != 0)
        {
          GtkLabel *sum = new_label ("iop-group-total", "iop-tnum");

          gtk_label_set_wrap (sum, FALSE);
          gtk_widget_set_valign (GTK_WIDGET (sum), GTK_ALIGN_CENTER);
          g_ptr_array_add (hw->group_totals, sum);
          group = l->group;
          list = new_list ();
          gtk_box_append (GTK_BOX (section), new_group (l->group, NULL, GTK_WIDGET (sum), list));
        }
      gtk_list_box_append (GTK_LIST_BOX (list), build_line (self, &g_array_index (hw->lines, LineWidgets, line_i++)));
    }

  /* What scales with what */
  scale_list = new_list ();
  {
    GtkWidget *header_row = new_row (build_scaling_header ());
    gtk_widget_add_css_class (header_row, "iop-table-header");
    gtk_list_box_append (GTK_LIST_BOX (scale_list), header_row);
  }
  for (guint j = 0; j < mh->scaling->len; j++)
    gtk_list_box_append (GTK_LIST_BOX (scale_list), build_scaling (&g_array_index (hw->scaling, ScaleWidgets, j)));
  gtk_box_append (GTK_BOX (section),
                  new_group (_("What Scales with What"),
                             _("Each thread, controller or path adds its own copy of these"),
                             NULL, scale_list));

  /* In flight at the offered load */
  if (mh->demand->len > 0)
    {
      demand_list = new_list ();
      for (guint j = 0; j < mh->demand->len; j++)
        gtk_list_box_append (GTK_LIST_BOX (demand_list), build_demand (self, &g_array_index (hw->demand, DemandWidgets, j)));
      gtk_box_append (GTK_BOX (section),
                      new_group (_("In Flight at the Offered Load"),
                                 _("What the guest’s queue depth holds at once, against what each hop has for it"),
                                 NULL, demand_list));
    }
  return section;
}

/* Group names and row counts: the same shape can be updated in place */
static char *
report_shape (const IopMemoryReport *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < r->hosts->len; i++)
    {
      const IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);

      g_string_append_printf (s, "%d/%d/%u/%u/%u:", mh->host, mh->node, mh->lines->len, mh->scaling->len, mh->demand->len);
      for (guint j = 0; j < mh->lines->len; j++)
        {
          const IopMemoryLine *l = g_ptr_array_index (mh->lines, j);
          g_string_append (s, l->group);
          g_string_append_c (s, '|');
        }
      g_string_append_c (s, ';');
    }
  return g_string_free (s, FALSE);
}

/* --- Checks ------------------------------------------------------------------ */

static void
fill_check (IopMemoryView       *self,
            const IopDiagnostic *d,
            CheckWidgets        *w)
{
  GString *m = g_string_new (NULL);
  const char *icon_name, *css, *level;
  static const char *const classes[] = { "error", "warning", "accent", "dim-label" };

  iop_diag_style (d->level, &icon_name, &css, &level);
  gtk_image_set_from_icon_name (w->icon, icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    set_class (GTK_WIDGET (w->icon), classes[i], g_str_equal (classes[i], css));
  set_tooltip (GTK_WIDGET (w->icon), level);
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, level, -1);

  /* SPDK's text as it prints it */
  gtk_label_set_text (w->message, d->message);
  set_class (GTK_WIDGET (w->message), "iop-spdk-message", d->from_spdk);

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
    g_autofree char *dimmed = dim (escaped);

    g_string_assign (m, dimmed);
  }
  if (d->knob != NULL)
    {
      g_autofree char *knob = knob_markup (self, w->meta, d->host, d->knob);
      /* Translators: precedes the name of the knob that governs a check */
      g_autofree char *word = g_markup_printf_escaped (" · %s ", _("knob"));
      g_autofree char *dimmed = dim (word);

      g_string_append (m, dimmed);
      g_string_append (m, knob);
    }
  set_markup (w->meta, m->str);
  g_string_free (m, TRUE);
}

static GtkWidget *
build_check (IopMemoryView *self,
             CheckWidgets  *w)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  w->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (w->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (w->icon), 2);
  w->message = new_label (NULL, NULL);
  gtk_label_set_selectable (w->message, TRUE);
  w->meta = new_label ("caption", NULL);
  link_label (self, w->meta);

  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->message));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->meta));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->icon));
  gtk_box_append (GTK_BOX (box), text);
  return new_row (box);
}

/* The checks as text, to rebuild their rows only when they change */
static char *
checks_key (const IopMemoryReport *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < r->checks->len; i++)
    {
      const IopDiagnostic *d = g_ptr_array_index (r->checks, i);
      g_string_append_printf (s, "%d|%d|%d|%u|%s|%s|%s\n", d->level, d->host, d->from_spdk, d->count,
                              d->knob ? d->knob : "", d->source ? d->source : "", d->message);
    }
  return g_string_free (s, FALSE);
}

static void
update_checks (IopMemoryView *self)
{
  g_autofree char *key = checks_key (self->report);
  guint n = self->report->checks->len;

  if (g_strcmp0 (key, self->checks_key) == 0)
    return;
  g_free (self->checks_key);
  self->checks_key = g_steal_pointer (&key);

  /* as many checks as rows: update them in place */
  if (n != self->checks->len)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
        gtk_list_box_remove (self->checks_list, child);
      g_array_set_size (self->checks, n);
      for (guint i = 0; i < n; i++)
        gtk_list_box_append (self->checks_list, build_check (self, &g_array_index (self->checks, CheckWidgets, i)));
    }
  for (guint i = 0; i < n; i++)
    fill_check (self, g_ptr_array_index (self->report->checks, i), &g_array_index (self->checks, CheckWidgets, i));
  gtk_widget_set_visible (self->checks_group, n > 0);
}

/* --- The whole report ---------------------------------------------------------- */

static gboolean
errors_link_cb (IopMemoryView *self,
                const char    *uri,
                GtkLabel      *label)
{
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  graphene_point_t p;

  if (g_strcmp0 (uri, "checks") != 0)
    return FALSE;
  if (content != NULL &&
      gtk_widget_compute_point (self->checks_group, content, &GRAPHENE_POINT_INIT (0, 0), &p))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), p.y - 12);
  gtk_widget_child_focus (GTK_WIDGET (self->checks_list), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

static void
update_header (IopMemoryView *self)
{
  const IopMemoryReport *r = self->report;
  g_autofree char *summary = NULL;
  gboolean pressure = FALSE;

  /* Translators: "raid270 · SPDK v26.01 · 3 hosts" */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · SPDK %s · %u host", "%s · SPDK %s · %u hosts", r->hosts->len),
                             r->scenario->title ? r->scenario->title : r->scenario->id,
                             iop_spdk_version_tag (r->scenario->version), r->hosts->len);
  gtk_label_set_text (self->summary_label, summary);

  for (guint i = 0; i < r->hosts->len; i++)
    {
      const IopMemoryHost *mh = g_ptr_array_index (r->hosts, i);
      for (guint j = 0; j < mh->demand->len; j++)
        {
          const IopDemandRow *d = g_ptr_array_index (mh->demand, j);
          if (d->demand > d->supply)
            pressure = TRUE;
        }
    }
  {
    guint errors = 0;
    g_autofree char *title = NULL;
    g_autofree char *text = NULL;

    for (guint i = 0; i < r->checks->len; i++)
      if (((const IopDiagnostic *)g_ptr_array_index (r->checks, i))->level == IOP_DIAG_ERROR)
        errors++;
    gtk_widget_set_visible (self->errors_box, errors > 0);
    /* Translators: SPDK's own start-up errors and ours, counted */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error at start-up with these knobs",
                                          "%u errors at start-up with these knobs", errors), errors);
    gtk_label_set_text (self->errors_title, title);
    text = g_markup_printf_escaped ("%s <a href=\"checks\">%s</a>",
                                    _("SPDK would log them as it starts, before any I/O."),
                                    _("See the checks"));
    gtk_label_set_markup (self->errors_label, text);
  }

  gtk_widget_set_visible (self->bottleneck_box, r->first_bottleneck != NULL);
  if (r->first_bottleneck != NULL)
    {
      gtk_label_set_text (self->bottleneck_title, pressure ? _("First to run out at this load") : _("Every hop has room at this load"));
      if (pressure)
        gtk_label_set_text (self->bottleneck_label, r->first_bottleneck);
      else
        {
          /* Translators: the hop with the least room, from the engine */
          g_autofree char *t = g_strdup_printf (_("The tightest is %s."), r->first_bottleneck);
          gtk_label_set_text (self->bottleneck_label, t);
        }
      gtk_image_set_from_icon_name (self->bottleneck_icon, pressure ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
      if (pressure)
        {
          gtk_widget_add_css_class (self->bottleneck_box, "pressure");
          gtk_widget_remove_css_class (self->bottleneck_box, "calm");
        }
      else
        {
          gtk_widget_add_css_class (self->bottleneck_box, "calm");
          gtk_widget_remove_css_class (self->bottleneck_box, "pressure");
        }
    }
}

static void
rebuild (IopMemoryView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->hosts_box))) != NULL)
    gtk_box_remove (self->hosts_box, child);
  g_ptr_array_set_size (self->hosts, 0);

  for (guint i = 0; i < self->report->hosts->len; i++)
    {
      HostWidgets *hw = g_new0 (HostWidgets, 1);

      g_ptr_array_add (self->hosts, hw);
      gtk_box_append (self->hosts_box, build_host (self, g_ptr_array_index (self->report->hosts, i), hw));
    }
}

static void
update (IopMemoryView *self)
{
  g_autofree char *shape = NULL;
  gint64 max_bytes = report_max_bytes (self->report);
  int bottleneck_host, bottleneck_row;

  /* The widgets are built or filled when the view shows: it is a hidden
   * page at start-up, and its rows cost ~20 ms before the first frame */
  self->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;
  shape = report_shape (self->report);
  if (g_strcmp0 (shape, self->shape) != 0)
    {
      rebuild (self);
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
    }
  find_bottleneck (self->report, &bottleneck_host, &bottleneck_row);
  for (guint i = 0; i < self->report->hosts->len; i++)
    fill_host (self, g_ptr_array_index (self->report->hosts, i), g_ptr_array_index (self->hosts, i), max_bytes,
               (int)i == bottleneck_host ? bottleneck_row : -1);
  update_header (self);
  update_checks (self);
}

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

/* How to read the bars */
static void
build_legend (IopMemoryView *self)
{
  struct {
    gint64             bytes;
    IopMemoryBarFlags  flags;
    const char        *text;
    const char        *tooltip;
  } items[] = {
    { 1 << 26, IOP_MEMORY_BAR_PLAIN, N_("Logarithmic scale"),
      N_("From 1 KiB to the largest line of any host, with a tick at each MiB and GiB") },
    { 1 << 26, IOP_MEMORY_BAR_PINNED, N_("Pinned in caches at start-up"),
      N_("Buffers a per-thread cache takes out of a central pool at start-up, whether or not I/O needs them") },
    { 1 << 26, IOP_MEMORY_BAR_ASSUMED, N_("≈ Assumed object size"),
      N_("The model’s size of one object: it varies with the build") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *bar = iop_memory_bars_new ();
      GtkWidget *label = gtk_label_new (_(items[i].text));

      iop_memory_bars_set_bytes (IOP_MEMORY_BARS (bar), items[i].bytes, G_GINT64_CONSTANT (1) << 31, items[i].flags);
      gtk_widget_set_size_request (bar, 40, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_tooltip_text (box, _(items[i].tooltip));
      gtk_flow_box_append (self->legend_box, box);
    }
}

/* --- GObject ------------------------------------------------------------------------ */

static void
iop_memory_view_dispose (GObject *object)
{
  IopMemoryView *self = IOP_MEMORY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_MEMORY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->report, iop_memory_report_unref);
  g_clear_pointer (&self->hosts, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);
  g_clear_pointer (&self->checks_key, g_free);
  g_clear_pointer (&self->checks, g_array_unref);
  G_OBJECT_CLASS (iop_memory_view_parent_class)->dispose (object);
}

static void
iop_memory_view_map (GtkWidget *widget)
{
  IopMemoryView *self = IOP_MEMORY_VIEW (widget);

  GTK_WIDGET_CLASS (iop_memory_view_parent_class)->map (widget);
  if (self->stale && self->report != NULL)
    update (self);
}

static void
iop_memory_view_class_init (IopMemoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_memory_view_dispose;
  widget_class->map = iop_memory_view_map;

  /**
   * IopMemoryView::knob-activated:
   * @knob_id: "method.param"
   * @host: the IopHostId whose knob it is
   */
  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-memory-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, stack);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, scroller);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, errors_box);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, errors_title);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, errors_label);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, bottleneck_box);
  gtk_widget_class_bind_template_callback (widget_class, errors_link_cb);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, bottleneck_icon);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, bottleneck_title);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, bottleneck_label);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, hosts_box);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, checks_group);
  gtk_widget_class_bind_template_child (widget_class, IopMemoryView, checks_list);

  gtk_widget_class_set_layout_manager_type (widget_class, IOP_TYPE_PAGE_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopmemoryview");

  g_type_ensure (IOP_TYPE_MEMORY_BARS);
}

static void
iop_memory_view_init (IopMemoryView *self)
{
  self->hosts = g_ptr_array_new_with_free_func (host_widgets_free);
  self->checks = g_array_new (FALSE, TRUE, sizeof (CheckWidgets));
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));
  build_legend (self);
  iop_page_hide_until_mapped (GTK_WIDGET (self));
}

/* --- Public API ------------------------------------------------------------------------ */

GtkWidget *
iop_memory_view_new (void)
{
  return g_object_new (IOP_TYPE_MEMORY_VIEW, NULL);
}

void
iop_memory_view_set_scenario (IopMemoryView *self,
                              IopScenario   *scenario)
{
  g_autoptr(GError) error = NULL;
  IopMemoryReport *report;

  g_return_if_fail (IOP_IS_MEMORY_VIEW (self));

  if (scenario == NULL)
    {
      g_clear_pointer (&self->report, iop_memory_report_unref);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  report = iop_memory_report_new (scenario, &error);
  g_clear_pointer (&self->report, iop_memory_report_unref);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->report = report;
  update (self);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

IopMemoryReport *
iop_memory_view_get_report (IopMemoryView *self)
{
  g_return_val_if_fail (IOP_IS_MEMORY_VIEW (self), NULL);
  return self->report;
}
