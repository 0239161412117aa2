/* iop-fault-popover.c: choose a fault to inject into the traced scenario
 *
 * The popover only describes a fault; the window applies it ("apply" with
 * the fault, or "clear") and reports what SPDK's checks refuse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iop-fault-popover.h"

struct _IopFaultPopover
{
  GtkPopover     parent_instance;

  GtkDropDown   *kind_dropdown;
  GtkSpinButton *at_spin;
  GtkSpinButton *lasts_spin;
  GtkSpinButton *period_spin;
  GtkWidget     *period_row;
  GtkLabel      *hint_label;
  GtkButton     *apply_button;
  GtkButton     *clear_button;
};

G_DEFINE_FINAL_TYPE (IopFaultPopover, iop_fault_popover, GTK_TYPE_POPOVER)

enum { SIGNAL_APPLY, SIGNAL_CLEAR, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The choices of the drop-down, in order */
static const struct
{
  const char *spec;      /* fault spec without the time */
  const char *label;
  const char *hint;
} choices[] = {
  { "replica-b-path0-down", N_("Path 0 of replica B goes down"),
    N_("The other path of replica B's namespace stays: bdev_nvme fails over to it once the dead qpair is noticed.") },
  { "replica-b-down", N_("Every path of replica B goes down"),
    N_("Replica B is unreachable: its I/O waits in bdev_nvme's retry queue while the controllers reconnect, until fast_io_fail_timeout_sec or ctrlr_loss_timeout_sec."), },
  { "replica-a-down", N_("Every path of replica A goes down"),
    N_("As for B; reads that were on A are served by B.") },
  { "replica-b-path0-flap", N_("Path 0 of replica B flaps"),
    N_("Down for a period, up for a period, until it ends.") },
  { "replica-b-keepalive-lost", N_("Keep-alives to storage node B are lost"),
    N_("I/O still flows; the target drops the host between one and two keep-alive timeouts later, and the host reconnects.") },
  { "replica-b-stall", N_("Replica B's SSD stops completing commands"),
    N_("Commands wait on the device; with timeout_us set, bdev_nvme warns that a command timed out.") },
};

static void
update_sensitivity (IopFaultPopover *self)
{
  guint sel = gtk_drop_down_get_selected (self->kind_dropdown);

  if (sel < G_N_ELEMENTS (choices))
    {
      gtk_label_set_text (self->hint_label, _(choices[sel].hint));
      gtk_widget_set_visible (self->period_row, g_str_has_suffix (choices[sel].spec, "flap"));
    }
}

static void
apply_clicked_cb (IopFaultPopover *self)
{
  guint sel = gtk_drop_down_get_selected (self->kind_dropdown);
  g_autofree char *spec = NULL;
  g_autoptr(GError) error = NULL;
  IopFault f;

  if (sel >= G_N_ELEMENTS (choices))
    return;
  gtk_spin_button_update (self->at_spin);
  gtk_spin_button_update (self->lasts_spin);
  gtk_spin_button_update (self->period_spin);
  spec = g_strdup_printf ("%s@%.0fus", choices[sel].spec, gtk_spin_button_get_value (self->at_spin) * 1000.0);
  if (!iop_fault_parse (spec, &f, &error))
    {
      gtk_label_set_text (self->hint_label, error->message);
      return;
    }
  if (gtk_spin_button_get_value (self->lasts_spin) > 0)
    f.until_ns = f.at_ns + (gint64)(gtk_spin_button_get_value (self->lasts_spin) * 1e9);
  if (f.kind == IOP_FAULT_PATH_FLAP)
    f.period_ns = (gint64)(gtk_spin_button_get_value (self->period_spin) * 1e9);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_APPLY], 0, &f);
}

static void
clear_clicked_cb (IopFaultPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_CLEAR], 0);
}

void
iop_fault_popover_set_scenario (IopFaultPopover   *self,
                                const IopScenario *scenario)
{
  const IopFault *f;

  g_return_if_fail (IOP_IS_FAULT_POPOVER (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), scenario != NULL && scenario->faults->len > 0);
  if (scenario == NULL || scenario->faults->len == 0)
    return;
  f = &g_array_index (scenario->faults, IopFault, 0);
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      IopFault c;
      g_autofree char *spec = g_strdup_printf ("%s@0", choices[i].spec);

      if (iop_fault_parse (spec, &c, NULL) && c.kind == f->kind && c.leg == f->leg && c.path == f->path)
        gtk_drop_down_set_selected (self->kind_dropdown, i);
    }
  gtk_spin_button_set_value (self->at_spin, f->at_ns / 1e6);
  gtk_spin_button_set_value (self->lasts_spin, f->until_ns > 0 ? (f->until_ns - f->at_ns) / 1e9 : 0);
  if (f->kind == IOP_FAULT_PATH_FLAP)
    gtk_spin_button_set_value (self->period_spin, f->period_ns / 1e9);
  update_sensitivity (self);
}

static void
iop_fault_popover_class_init (IopFaultPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * IopFaultPopover::apply:
   * @fault: (type gpointer): the IopFault to inject
   */
  signals[SIGNAL_APPLY] = g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_CLEAR] = g_signal_new ("clear", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-fault-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, at_spin);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, lasts_spin);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, period_spin);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, period_row);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, hint_label);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, apply_button);
  gtk_widget_class_bind_template_child (widget_class, IopFaultPopover, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
}

static void
iop_fault_popover_init (IopFaultPopover *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_string_list_append (list, _(choices[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->kind_dropdown, 1);
  update_sensitivity (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), FALSE);
}

GtkWidget *
iop_fault_popover_new (void)
{
  return g_object_new (IOP_TYPE_FAULT_POPOVER, NULL);
}
