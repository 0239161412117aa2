/* iop-window-compare.c: the Compare view's files and its side column
 *
 * A comparison file (docs/comparison-format.md) opens from File › Open, a
 * drop on the window or `iopath FILE.json`: the window loads run B's
 * scenario, applies B's changes as its own knob edits, hands run A to the
 * Compare view and shows it. Save Comparison… (win.save-comparison) writes
 * what the view shows. While the view is shown, the side column
 * (explanation, source, objects) describes its row: run A's step, or run
 * B's where only B takes it, and says which; the step keys move that row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Window"

#include "config.h"

#include <glib/gi18n.h>

#include "iop-abfile.h"
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-sim.h"
#include "iop-window-private.h"

/* --- The side column --------------------------------------------------- */

void
iop_window_compare_sync_side (IopWindow *self)
{
  IopTrace *trace = NULL;
  int step = -1;
  gboolean is_b = FALSE;

  if (self->comparing && iop_compare_view_get_side_step (iop_window_get_compare_view (self), &trace, &step, &is_b))
    {
      const char *what = iop_compare_view_get_run_label (iop_window_get_compare_view (self), is_b);
      g_autofree char *label = is_b
        /* TRANSLATORS: above the explanation in the Compare view; %s says what run B is */
        ? g_strdup_printf (_("Describes run B (%s): run A does not take this step"), what)
        /* TRANSLATORS: above the explanation in the Compare view; %s says what run A is */
        : g_strdup_printf (_("Describes run A (%s)"), what);

      iop_explain_panel_set_run_label (self->explain_panel, label);
      iop_explain_panel_set_step (self->explain_panel, trace, step);
      iop_source_panel_set_step (self->source_panel, trace, step);
      iop_objects_panel_set_trace (self->objects_panel, trace);
      iop_objects_panel_set_position (self->objects_panel, step);
      self->side_follows_compare = TRUE;
      return;
    }
  if (!self->side_follows_compare)
    return;
  /* back to the window's own run and step */
  self->side_follows_compare = FALSE;
  iop_explain_panel_set_run_label (self->explain_panel, NULL);
  trace = iop_session_get_trace (self->session);
  if (trace == NULL)
    return;
  step = iop_session_get_current_step (self->session);
  iop_explain_panel_set_step (self->explain_panel, trace, step);
  iop_source_panel_set_step (self->source_panel, trace, step);
  iop_objects_panel_set_trace (self->objects_panel, trace);
  iop_objects_panel_set_position (self->objects_panel, iop_session_get_position (self->session));
}

/* The step keys and buttons while the Compare view is shown: DELTA rows
 * on, G_MININT the first, G_MAXINT the last. FALSE when it is not shown. */
gboolean
iop_window_compare_step (IopWindow *self,
                         int        delta)
{
  const IopAbCompare *cmp;
  int row;

  if (!self->comparing)
    return FALSE;
  cmp = iop_compare_view_get_compare (iop_window_get_compare_view (self));
  if (cmp == NULL || delta == 0)
    return TRUE;
  row = iop_compare_view_get_row (iop_window_get_compare_view (self));
  if (delta == G_MININT)
    row = 0;
  else if (delta == G_MAXINT)
    row = (int)cmp->rows->len - 1;
  else
    row = CLAMP (row + delta, 0, (int)cmp->rows->len - 1);
  iop_compare_view_set_row (iop_window_get_compare_view (self), row);
  return TRUE;
}

/* --- Opening a comparison --------------------------------------------- */

gboolean
iop_window_open_comparison (IopWindow   *self,
                            const char  *id_or_path,
                            GError     **error)
{
  g_autoptr(IopAbFile) file = NULL;
  g_autoptr(IopScenario) sc_a = NULL;
  g_autoptr(IopScenario) sc_b = NULL;
  g_autoptr(IopTrace) ta = NULL;
  g_autoptr(IopTrace) tb = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *ref_b = NULL;
  g_autofree char *msg = NULL;

  file = iop_ab_file_load (id_or_path, error);
  if (file == NULL || !iop_ab_file_build (file, &sc_a, &sc_b, error))
    return FALSE;
  /* both runs must trace before anything on screen changes */
  ta = iop_trace_run (sc_a, &local);
  if (ta == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("%s: run A: %s"), id_or_path, local->message);
      return FALSE;
    }
  tb = iop_trace_run (sc_b, &local);
  if (tb == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("%s: run B: %s"), id_or_path, local->message);
      return FALSE;
    }
  /* a lesson playing would apply its chapters over the comparison */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.lesson-close", NULL);
  ref_b = iop_ab_file_scenario_ref (file, TRUE);
  if (!iop_window_load_scenario (self, ref_b, error))
    return FALSE;
  iop_compare_view_open_file (iop_window_get_compare_view (self), file, sc_a, iop_session_get_original (self->session));
  /* run B is the window's own run: its changes are knob edits of B's
   * scenario (the trace checked above, shown as it is) */
  iop_session_show_trace (self->session, tb);
  iop_window_set_comparing (self, TRUE);
  iop_window_compare_sync_side (self);
  if (file->title != NULL)
    msg = g_strdup_printf (_("Opened the comparison “%s”"), iop_ab_file_text (file->title));
  else
    {
      g_autofree char *base = g_path_get_basename (id_or_path);
      msg = g_strdup_printf (_("Opened the comparison %s"), base);
    }
  iop_window_show_toast (self, msg, 4);
  return TRUE;
}

gboolean
iop_window_open_comparison_if (IopWindow   *self,
                               const char  *path,
                               GError     **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_AB_FILE_MAX_BYTES, &data, &len, NULL) || !iop_ab_file_data_is_one (data))
    return FALSE;
  iop_window_open_comparison (self, path, error);
  return TRUE;
}

/* --- Save Comparison… ------------------------------------------------- */

gboolean
iop_window_save_comparison (IopWindow   *self,
                            const char  *path,
                            gboolean     force,
                            GError     **error)
{
  g_autoptr(IopAbFile) file = NULL;

  if (iop_session_get_scenario_ref (self->session) != NULL)
    file = iop_compare_view_to_file (iop_window_get_compare_view (self), iop_session_get_scenario_ref (self->session));
  if (file == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("Nothing to save: runs A and B are the same (change a knob first)"));
      return FALSE;
    }
  return iop_ab_file_save (file, path, force, error);
}

static void
save_comparison_cb (GtkNativeDialog *native,
                    int              response,
                    IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = chosen ? g_file_get_path (chosen) : NULL;
      g_autoptr(GError) error = NULL;
      gboolean force = TRUE;

      /* the chooser confirmed replacing the name it showed, not one with
       * .json added */
      if (path != NULL && !g_str_has_suffix (path, ".json"))
        {
          char *named = g_strconcat (path, ".json", NULL);

          g_free (path);
          path = named;
          force = FALSE;
        }
      if (path == NULL)
        iop_window_show_error_dialog (self, _("Could Not Save the Comparison"), _("Only local files can be written"));
      else if (!iop_window_save_comparison (self, path, force, &error))
        iop_window_show_error_dialog (self, _("Could Not Save the Comparison"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved the comparison %s"), base);

          iop_window_show_toast (self, msg, 4);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
save_comparison_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (iop_compare_view_get_compare (iop_window_get_compare_view (self)) == NULL)
    {
      iop_window_show_toast (self, _("Nothing to save: runs A and B are the same (change a knob first)"), 4);
      return;
    }
  name = iop_window_file_name (self, "comparison", "json");
  native = gtk_file_chooser_native_new (_("Save Comparison"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("Iopath Comparisons"));
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (save_comparison_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The Compare view's row changed (connected when the view is built,
 * iop-window-views.c) */
void
iop_window_compare_changed_cb (IopWindow      *self,
                               IopCompareView *view)
{
  iop_window_compare_sync_side (self);
}

/* The panels follow the session's step (connected before this): while the
 * Compare view shows, its row has the last word */
static void
session_step_cb (IopWindow  *self,
                 GParamSpec *pspec,
                 IopSession *session)
{
  if (self->comparing)
    iop_window_compare_sync_side (self);
}

void
iop_window_compare_init (IopWindow *self)
{
  g_signal_connect_object (self->session, "notify::current-step",
                           G_CALLBACK (session_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::position",
                           G_CALLBACK (session_step_cb), self, G_CONNECT_SWAPPED);
}

void
iop_window_class_install_compare_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-comparison", NULL, save_comparison_action);
}
