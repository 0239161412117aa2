/* iop-objects-panel.c: the objects the traced I/O holds, and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-ObjectsPanel"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include <adwaita.h>

#include "iop-lifetime-chart.h"
#include "iop-palette.h"
#include "iop-objects-panel.h"

struct _IopObjectsPanel
{
  GtkWidget         parent_instance;

  IopTrace         *trace;
  double            position;
  int               current_step;

  /* Template widgets */
  GtkLabel         *summary_label;
  IopLifetimeChart *chart;
  GtkStack         *details_stack;
  GtkLabel         *legend_label;
  GtkLabel         *name_label;
  GtkLabel         *from_label;
  GtkLabel         *alloc_label;
  GtkLabel         *free_label;
  GtkLabel         *pool_label;
};

G_DEFINE_FINAL_TYPE (IopObjectsPanel, iop_objects_panel, GTK_TYPE_WIDGET)

enum {
  SEEK_STEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
step_link (const IopTrace *trace,
           int             step)
{
  const IopStep *s = iop_trace_step ((IopTrace *)trace, (guint)step);

  if (s->function != NULL)
    /* Translators: a link to a step, its title, and the SPDK function: "step 5 · Allocate the bdev_io</a> in bdev_writev_blocks_with_md()" */
    return g_markup_printf_escaped (_("<a href=\"step:%d\">step %d · %s</a> in <tt>%s()</tt>"),
                                    step, step + 1, s->title, s->function);
  return g_markup_printf_escaped ("<a href=\"step:%d\">step %d · %s</a>", step, step + 1, s->title);
}

static char *
swatch (IopPlace    place,
        gboolean    dark,
        const char *name)
{
  const IopColor *c = iop_palette_zone (place, dark);

  return g_markup_printf_escaped ("<span foreground=\"#%02x%02x%02x\">■</span> %s",
                                  (guint)(c->red * 255 + 0.5), (guint)(c->green * 255 + 0.5),
                                  (guint)(c->blue * 255 + 0.5), name);
}

/* The chart's bars take their host's colour, as on the canvas: say so */
static void
update_legend (IopObjectsPanel *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *bm = swatch (IOP_PLACE_BAREMETAL, dark, _("Baremetal host"));
  g_autofree char *st = swatch (IOP_PLACE_STORAGE, dark, _("Storage nodes"));
  g_autofree char *text = g_strdup_printf ("%s    %s", bm, st);

  gtk_label_set_markup (self->legend_label, text);
}

static void
update_summary (IopObjectsPanel *self)
{
  g_autofree char *text = NULL;
  guint held = 0;

  if (self->trace == NULL)
    {
      gtk_label_set_text (self->summary_label, "");
      return;
    }
  for (guint i = 0; i < self->trace->objects->len; i++)
    {
      const IopObject *o = g_ptr_array_index (self->trace->objects, i);
      if (o->alloc_step <= self->current_step && (o->free_step < 0 || self->current_step < o->free_step))
        held++;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u object over the whole trace, %u held at step %d",
                                       "%u objects over the whole trace, %u held at step %d",
                                       self->trace->objects->len),
                          self->trace->objects->len, held, self->current_step + 1);
  gtk_label_set_text (self->summary_label, text);
}

static void
update_details (IopObjectsPanel *self)
{
  int sel = iop_lifetime_chart_get_selected (self->chart);
  const IopObject *o;
  const IopGauge *gauge = NULL;
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *alloc = NULL;
  g_autofree char *alloc_text = NULL;
  g_autofree char *freed = NULL;

  if (self->trace == NULL || sel < 0)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "empty");
      return;
    }

  o = g_ptr_array_index (self->trace->objects, sel);
  if (o->gauge >= 0 && (guint)o->gauge < self->trace->gauges->len)
    gauge = g_ptr_array_index (self->trace->gauges, o->gauge);

  if (o->count > 1 && o->bytes > 0)
    {
      g_autofree char *size = g_format_size_full ((guint64)o->bytes, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: "iobuf buffer × 2 (8.0 KiB of payload)" */
      name = g_strdup_printf (_("%s × %u (%s of payload)"), o->label, o->count, size);
    }
  else if (o->count > 1)
    name = g_strdup_printf (_("%s × %u"), o->label, o->count);
  else if (o->bytes > 0)
    {
      g_autofree char *size = g_format_size_full ((guint64)o->bytes, G_FORMAT_SIZE_IEC_UNITS);
      name = g_strdup_printf (_("%s (%s of payload)"), o->label, size);
    }
  else
    name = g_strdup (o->label);
  gtk_label_set_text (self->name_label, name);

  if (gauge != NULL && gauge->owner != NULL)
    /* Translators: where an object came from: "per-thread cache: bdev_io cache of nvmf_tgt_poll_group_000" */
    from = g_strdup_printf (_("From the %s: %s of %s"), o->from, gauge->label, gauge->owner);
  else if (gauge != NULL)
    from = g_strdup_printf (_("From the %s: %s"), o->from, gauge->label);
  else
    from = g_strdup_printf (_("From %s"), o->from ? o->from : _("nowhere in particular"));
  gtk_label_set_text (self->from_label, from);

  alloc_text = step_link (self->trace, o->alloc_step);
  /* Translators: %s is a link to a step */
  alloc = g_strdup_printf (_("Taken at %s"), alloc_text);
  gtk_label_set_markup (self->alloc_label, alloc);

  if (o->free_step >= 0)
    {
      g_autofree char *free_text = step_link (self->trace, o->free_step);
      /* Translators: %s is a link to a step */
      freed = g_strdup_printf (_("Given back at %s"), free_text);
    }
  else
    freed = g_markup_printf_escaped ("<span foreground=\"#c01c28\">%s</span>",
                                     _("Never given back: the trace leaks it"));
  gtk_label_set_markup (self->free_label, freed);

  if (gauge != NULL)
    {
      gint64 level = iop_trace_level (self->trace, self->current_step, (guint)gauge->id);
      g_autofree char *pool = NULL;
      g_autofree char *level_text = NULL;

      if (gauge->capacity > 0)
        /* Translators: a pool's level: "127 of 128 available after step 13" */
        level_text = g_strdup_printf (_("%" PRId64 " of %" PRId64 " available after step %d"),
                                      level, gauge->capacity, self->current_step + 1);
      else
        level_text = g_strdup_printf (_("%" PRId64 " available after step %d"),
                                      level, self->current_step + 1);
      if (gauge->knob != NULL)
        /* Translators: pool name, its level, and the knob that sizes it */
        pool = g_markup_printf_escaped (_("<b>%s</b>: %s; sized by <tt>%s</tt>"), gauge->label, level_text, gauge->knob);
      else
        pool = g_markup_printf_escaped ("<b>%s</b>: %s", gauge->label, level_text);
      gtk_label_set_markup (self->pool_label, pool);
      gtk_widget_set_visible (GTK_WIDGET (self->pool_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->pool_label), FALSE);

  gtk_stack_set_visible_child_name (self->details_stack, "details");
}

static gboolean
activate_link_cb (IopObjectsPanel *self,
                  const char      *uri,
                  GtkLabel        *label)
{
  if (!g_str_has_prefix (uri, "step:"))
    return FALSE;
  g_signal_emit (self, signals[SEEK_STEP], 0, (guint)atoi (uri + 5));
  return TRUE;
}

static void
selected_notify_cb (IopObjectsPanel  *self,
                    GParamSpec       *pspec,
                    IopLifetimeChart *chart)
{
  update_details (self);
}

static void
row_activated_cb (IopObjectsPanel  *self,
                  int               row,
                  IopLifetimeChart *chart)
{
  const IopObject *o = g_ptr_array_index (self->trace->objects, row);

  g_signal_emit (self, signals[SEEK_STEP], 0, (guint)o->alloc_step);
}

static void
iop_objects_panel_dispose (GObject *object)
{
  IopObjectsPanel *self = IOP_OBJECTS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_OBJECTS_PANEL);
  {
    GtkWidget *child;

    /* The template's root child is not bound to a field: unparent it too */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->trace, iop_trace_unref);
  G_OBJECT_CLASS (iop_objects_panel_parent_class)->dispose (object);
}

static void
iop_objects_panel_class_init (IopObjectsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_objects_panel_dispose;

  signals[SEEK_STEP] =
    g_signal_new ("seek-step", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (IOP_TYPE_LIFETIME_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-objects-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, details_stack);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, legend_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, name_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, from_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, alloc_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, free_label);
  gtk_widget_class_bind_template_child (widget_class, IopObjectsPanel, pool_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_link_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopobjectspanel");
}

static void
iop_objects_panel_init (IopObjectsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->chart, "notify::selected",
                           G_CALLBACK (selected_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "row-activated",
                           G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_legend), self, G_CONNECT_SWAPPED);
  update_legend (self);
}

GtkWidget *
iop_objects_panel_new (void)
{
  return g_object_new (IOP_TYPE_OBJECTS_PANEL, NULL);
}

void
iop_objects_panel_set_trace (IopObjectsPanel *self,
                             IopTrace        *trace)
{
  g_return_if_fail (IOP_IS_OBJECTS_PANEL (self));

  if (trace == self->trace)
    return;
  if (trace != NULL)
    iop_trace_ref (trace);
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  iop_lifetime_chart_set_trace (self->chart, trace);
  update_summary (self);
  update_details (self);
}

void
iop_objects_panel_set_position (IopObjectsPanel *self,
                                double           position)
{
  int step;

  g_return_if_fail (IOP_IS_OBJECTS_PANEL (self));

  self->position = position;
  iop_lifetime_chart_set_position (self->chart, position);
  step = (int)floor (position + 1e-9);
  if (step != self->current_step)
    {
      self->current_step = step;
      update_summary (self);
      update_details (self);
    }
}

void
iop_objects_panel_select_object (IopObjectsPanel *self,
                                 int              object)
{
  g_return_if_fail (IOP_IS_OBJECTS_PANEL (self));
  iop_lifetime_chart_set_selected (self->chart, object);
}

int
iop_objects_panel_get_selected (IopObjectsPanel *self)
{
  g_return_val_if_fail (IOP_IS_OBJECTS_PANEL (self), -1);
  return iop_lifetime_chart_get_selected (self->chart);
}

char *
iop_objects_panel_dup_details (IopObjectsPanel *self)
{
  g_return_val_if_fail (IOP_IS_OBJECTS_PANEL (self), NULL);

  if (iop_lifetime_chart_get_selected (self->chart) < 0)
    return NULL;
  return g_strjoin ("\n",
                    gtk_label_get_text (self->name_label),
                    gtk_label_get_text (self->from_label),
                    gtk_label_get_text (self->alloc_label),
                    gtk_label_get_text (self->free_label),
                    gtk_label_get_text (self->pool_label),
                    NULL);
}
