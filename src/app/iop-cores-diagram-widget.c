/* iop-cores-diagram-widget.c: IopCoresDiagram, the widget around the painter
 *
 * Measures and snapshots one host with the painter of iop-cores-diagram.c,
 * animates the threads' busy shares between samples, and answers tooltips
 * and the accessible description from the same layout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-CoresDiagram"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-cores-diagram-private.h"
#include "iop-json-util.h"
#include "iop-format.h"

#define BUSY_ANIM_MS    600
typedef struct
{
  double   now;       /* first: the painter reads it as a double * */
  double   from;
  double   to;
  gboolean override;
} Busy;

struct _IopCoresDiagram
{
  GtkWidget             parent_instance;

  const IopRuntimeHost *host;
  GHashTable           *busy;       /* thread name → Busy */
  AdwAnimation         *animation;
};

G_DEFINE_FINAL_TYPE (IopCoresDiagram, iop_cores_diagram, GTK_TYPE_WIDGET)

static void
fill_style (IopCoresDiagram *self,
            IopCoresStyle   *style)
{
  memset (style, 0, sizeof *style);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style->font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  style->busy = self->busy;
}

static void
update_accessible (IopCoresDiagram *self)
{
  g_autoptr(GString) desc = g_string_new (NULL);

  if (self->host != NULL)
    for (guint i = 0; i < self->host->threads->len; i++)
      {
        const IopThreadInfo *t = g_ptr_array_index (self->host->threads, i);
        Busy *b = g_hash_table_lookup (self->busy, t->name);
        g_autofree char *busy = iop_cores_format_busy (b ? b->to : t->busy_pct);

        /* Translators: one thread in the accessible description of the cores diagram */
        g_string_append_printf (desc, _("%s on lcore %d, busy %s. "), t->name, t->lcore, busy);
      }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("SPDK threads on their cores"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, desc->str,
                                  -1);
}

static void
animation_cb (double   value,
              gpointer user_data)
{
  IopCoresDiagram *self = user_data;
  GHashTableIter iter;
  gpointer v;

  g_hash_table_iter_init (&iter, self->busy);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    {
      Busy *b = v;
      b->now = b->from + (b->to - b->from) * value;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moves every level to its target from where it is now */
static void
retarget (IopCoresDiagram *self)
{
  GHashTableIter iter;
  gpointer v;
  gboolean moves = FALSE;

  g_hash_table_iter_init (&iter, self->busy);
  while (g_hash_table_iter_next (&iter, NULL, &v))
    {
      Busy *b = v;
      b->from = b->now;
      moves |= fabs (b->to - b->from) > 0.01;
    }
  if (!moves)
    return;
  adw_animation_reset (self->animation);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    adw_animation_play (self->animation);
  else
    animation_cb (1.0, self);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  IopCoresDiagram *self = IOP_CORES_DIAGRAM (widget);
  IopCoresStyle style;
  const IopThreadInfo *t;
  g_autoptr(GString) s = NULL;
  g_autofree char *busy = NULL;
  GPtrArray *lists[2];

  if (self->host == NULL || keyboard)
    return FALSE;
  fill_style (self, &style);
  t = iop_cores_thread_at (self->host, gtk_widget_get_width (widget), &style, x, y);
  if (t == NULL)
    return FALSE;
  busy = iop_cores_format_busy (iop_cores_busy_of (t, &style));
  s = g_string_new (NULL);
  g_string_append_printf (s, "<b>%s</b>\n", t->name);
  /* Translators: tooltip of a thread in the cores diagram */
  g_string_append_printf (s, _("lcore %d · busy %s"), t->lcore, busy);
  lists[0] = t->active_pollers;
  lists[1] = t->timed_pollers;
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] && i < lists[l]->len; i++)
      {
        const IopPollerInfo *p = g_ptr_array_index (lists[l], i);
        g_autofree char *name = g_markup_escape_text (p->name, -1);
        g_autofree char *runs = iop_format_count (p->run_count);
        g_autofree char *busy_runs = iop_format_count (p->busy_count);

        g_string_append_c (s, '\n');
        if (l == 1)
          {
            g_autofree char *period = iop_cores_format_period (p->period_s);
            /* Translators: a timed poller in a tooltip: name, period, busy runs, runs */
            g_string_append_printf (s, _("○ %s, %s: did work in %s of %s runs"), name, period, busy_runs, runs);
          }
        else
          /* Translators: an active poller in a tooltip: name, busy runs, runs */
          g_string_append_printf (s, _("● %s: did work in %s of %s runs"), name, busy_runs, runs);
      }
  gtk_tooltip_set_markup (tooltip, s->str);
  return TRUE;
}

static void
dark_changed_cb (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 IopCoresDiagram *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GtkSizeRequestMode
iop_cores_diagram_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
iop_cores_diagram_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  IopCoresDiagram *self = IOP_CORES_DIAGRAM (widget);
  IopCoresStyle style;

  fill_style (self, &style);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint n = MAX (iop_cores_get_n_columns (self->host), 1);

      *minimum = (int)ceil (iop_cores_get_min_width (self->host));
      *natural = (int)ceil (n * 340 + (n - 1) * COLUMN_GAP);
    }
  else
    {
      double w = for_size > 0 ? for_size : iop_cores_get_min_width (self->host);

      *minimum = *natural = (int)ceil (iop_cores_get_height (self->host, w, &style));
    }
}

static void
iop_cores_diagram_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  IopCoresDiagram *self = IOP_CORES_DIAGRAM (widget);
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  IopCoresStyle style;
  cairo_t *cr;

  if (w <= 0 || h <= 0)
    return;
  fill_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  iop_cores_draw_styled (cr, w, h, self->host, &style);
  cairo_destroy (cr);
}

static void
iop_cores_diagram_dispose (GObject *object)
{
  IopCoresDiagram *self = IOP_CORES_DIAGRAM (object);

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), dark_changed_cb, self);
  g_clear_object (&self->animation);
  g_clear_pointer (&self->busy, g_hash_table_unref);
  self->host = NULL;
  G_OBJECT_CLASS (iop_cores_diagram_parent_class)->dispose (object);
}

static void
iop_cores_diagram_class_init (IopCoresDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_cores_diagram_dispose;
  widget_class->get_request_mode = iop_cores_diagram_get_request_mode;
  widget_class->measure = iop_cores_diagram_measure;
  widget_class->snapshot = iop_cores_diagram_snapshot;
  gtk_widget_class_set_css_name (widget_class, "iopcoresdiagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
iop_cores_diagram_init (IopCoresDiagram *self)
{
  self->busy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, BUSY_ANIM_MS,
                                             adw_callback_animation_target_new (animation_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);
  update_accessible (self);
}

GtkWidget *
iop_cores_diagram_new (void)
{
  return g_object_new (IOP_TYPE_CORES_DIAGRAM, NULL);
}

void
iop_cores_diagram_set_host (IopCoresDiagram      *self,
                            const IopRuntimeHost *host)
{
  g_autoptr(GHashTable) keep = NULL;
  GHashTableIter iter;
  gpointer k, v;
  gboolean animate;

  g_return_if_fail (IOP_IS_CORES_DIAGRAM (self));

  animate = self->host != NULL && host != NULL;
  self->host = host;
  if (host == NULL)
    {
      adw_animation_reset (self->animation);
      g_hash_table_remove_all (self->busy);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      update_accessible (self);
      return;
    }

  /* Levels of threads still there move on; the others start where they are */
  keep = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < host->threads->len; i++)
    {
      const IopThreadInfo *t = g_ptr_array_index (host->threads, i);
      Busy *b = g_hash_table_lookup (self->busy, t->name);

      g_hash_table_add (keep, t->name);
      if (b == NULL)
        {
          b = g_new0 (Busy, 1);
          b->now = b->from = b->to = t->busy_pct;
          g_hash_table_insert (self->busy, g_strdup (t->name), b);
        }
      else if (!b->override)
        b->to = t->busy_pct;
      if (!animate)
        b->now = b->from = b->to;
    }
  g_hash_table_iter_init (&iter, self->busy);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (!g_hash_table_contains (keep, k))
      g_hash_table_iter_remove (&iter);

  if (animate)
    retarget (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const IopRuntimeHost *
iop_cores_diagram_get_host (IopCoresDiagram *self)
{
  g_return_val_if_fail (IOP_IS_CORES_DIAGRAM (self), NULL);
  return self->host;
}

void
iop_cores_diagram_set_busy (IopCoresDiagram *self,
                            const char      *thread,
                            double           pct)
{
  Busy *b;

  g_return_if_fail (IOP_IS_CORES_DIAGRAM (self));
  g_return_if_fail (thread != NULL);

  b = g_hash_table_lookup (self->busy, thread);
  if (b == NULL)
    {
      if (pct < 0)
        return;
      b = g_new0 (Busy, 1);
      b->now = b->from = pct;
      g_hash_table_insert (self->busy, g_strdup (thread), b);
    }
  if (pct < 0)
    {
      const IopThreadInfo *t = NULL;

      for (guint i = 0; self->host && i < self->host->threads->len; i++)
        if (g_strcmp0 (((IopThreadInfo *)g_ptr_array_index (self->host->threads, i))->name, thread) == 0)
          t = g_ptr_array_index (self->host->threads, i);
      b->override = FALSE;
      b->to = t ? t->busy_pct : -1;
    }
  else
    {
      b->override = TRUE;
      b->to = pct;
    }
  retarget (self);
  update_accessible (self);
}

void
iop_cores_diagram_clear_busy (IopCoresDiagram *self)
{
  g_return_if_fail (IOP_IS_CORES_DIAGRAM (self));

  for (guint i = 0; self->host && i < self->host->threads->len; i++)
    iop_cores_diagram_set_busy (self, ((IopThreadInfo *)g_ptr_array_index (self->host->threads, i))->name, -1);
}
