/* iop-window-layout.c: room for the canvas
 *
 * The side panel (explanation, source, objects, knobs) can be hidden with
 * the header's toggle or F9 (win.side-panel, a stateful action on the
 * "side-panel" property), and below FOLD_WIDTH it folds under the canvas:
 * the window's paned turns vertical and the panel's own paned horizontal.
 * libadwaita 1.2 has no AdwBreakpoint, so the window checks its width after
 * each allocation and changes the orientation from an idle, outside layout.
 *
 * Also here: the keyboard back to the canvas once a knob edit ends (Enter or
 * Escape), and the "modified" mark of the scenario button when the knobs
 * differ from the scenario's values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Window"

#include "config.h"

#include <glib/gi18n.h>

#include "iop-window-private.h"

/* Below this window width the side panel sits under the canvas */
#define FOLD_WIDTH 1100

/* The side column beside the canvas: a third of the window, but the canvas
 * keeps 720 px and the column 290 */
static void
place_beside (IopWindow *self,
              int        width)
{
  int side = CLAMP ((int)(width * 0.34), 290, 680);

  side = MIN (side, MAX (width - 735, 290));
  gtk_paned_set_position (self->main_paned, width - side);
}

/* The panel under the canvas: explanation left, tabs right */
static void
place_under (IopWindow *self,
             int        width,
             int        height)
{
  int under = CLAMP ((int)(height * 0.34), 160, 360);

  gtk_paned_set_position (self->main_paned, MAX (height - under, 0));
  gtk_paned_set_position (self->side_paned, width / 2);
}

static gboolean
position_set (GtkPaned *paned)
{
  gboolean set = FALSE;

  g_object_get (paned, "position-set", &set, NULL);
  return set;
}

static gboolean
fold_idle_cb (gpointer data)
{
  IopWindow *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self->main_paned));
  gboolean fold = width > 0 && width < FOLD_WIDTH;

  self->fold_idle = 0;
  if (fold == self->folded)
    {
      /* a paned without a position shares by natural widths: a long line
       * in a panel (an object's details) would push the canvas aside. The
       * position set at start-up was for the default size: a window shown
       * maximized, or at another size, is placed again once, for its own */
      if (!fold && width > 0 && (!position_set (self->main_paned) || !self->placed))
        place_beside (self, width);
      self->placed = width > 0;
      return G_SOURCE_REMOVE;
    }
  self->placed = width > 0;
  self->folded = fold;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->main_paned),
                                  fold ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side_paned),
                                  fold ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  /* under the canvas the panel gives way on a short window (F9 hides it) */
  gtk_paned_set_shrink_end_child (self->main_paned, fold);
  if (fold)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "folded");
      place_under (self, width, height);
    }
  else
    {
      int explain = CLAMP ((int)(height * 0.42), 150, 460);

      gtk_widget_remove_css_class (GTK_WIDGET (self), "folded");
      place_beside (self, width);
      gtk_paned_set_position (self->side_paned, explain);
    }
  return G_SOURCE_REMOVE;
}

static void
iop_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkWidgetClass *parent = g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget));

  parent->size_allocate (widget, width, height, baseline);
  if (self->fold_idle == 0 && ((width < FOLD_WIDTH) != self->folded || !position_set (self->main_paned) || !self->placed))
    self->fold_idle = g_idle_add (fold_idle_cb, self);
}

static void
knobs_edit_done_cb (IopWindow     *self,
                    IopKnobsPanel *panel)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

void
iop_window_update_modified (IopWindow *self)
{
  gboolean modified = iop_session_get_modified (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.revert", modified);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->scenario_dropdown),
                               modified ? _("Scenario, with knobs changed from its values (Knobs: Revert to Scenario)")
                                        : _("Scenario"));
  iop_window_notify (self, PROP_MODIFIED);
}

void
iop_window_set_side_panel (IopWindow *self,
                           gboolean   visible)
{
  visible = !!visible;
  if (visible == !self->side_hidden)
    return;
  self->side_hidden = !visible;
  iop_window_update_side_visibility (self);
  iop_window_notify (self, PROP_SIDE_PANEL);
}

gboolean
iop_window_get_side_panel (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  return !self->side_hidden;
}

gboolean
iop_window_get_folded (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  return self->folded;
}

void
iop_window_layout_dispose (IopWindow *self)
{
  g_clear_handle_id (&self->fold_idle, g_source_remove);
}

void
iop_window_layout_init (IopWindow *self)
{
  g_signal_connect_object (self->knobs_panel, "edit-done",
                           G_CALLBACK (knobs_edit_done_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.revert", FALSE);
}

void
iop_window_class_install_layout (GtkWidgetClass *widget_class)
{
  widget_class->size_allocate = iop_window_size_allocate;
  gtk_widget_class_install_property_action (widget_class, "win.side-panel", "side-panel");
}
