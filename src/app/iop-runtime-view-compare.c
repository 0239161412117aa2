/* iop-runtime-view-compare.c: the runtime view's comparison with the model
 *
 * The model is run in a GTask thread on a copy of the dumps; its verdicts
 * are laid out in rows of fixed-width columns, one group per host.
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

#define DEFAULT_SCENARIO "realrun-tcp"

typedef struct
{
  IopRuntime  *runtime;
  IopScenario *scenario;
  guint        gen;
} CompareData;

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
  GtkLabel *l = iop_runtime_view_new_label (text, css, NULL);
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
              gboolean    unknown,
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
      gtk_widget_add_css_class (GTK_WIDGET (mark_label), unknown ? "dim-label" : agrees ? "agrees" : "differs");
      gtk_widget_set_tooltip_text (GTK_WIDGET (mark_label), unknown ? _("The dumps cannot tell") : agrees ? _("The model and the run agree") : _("The model and the run differ"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (mark_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      unknown ? _("unknown") : agrees ? _("agrees") : _("differs"), -1);
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

  iop_runtime_view_box_remove_all (GTK_WIDGET (self->compare_box));

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
      group = iop_runtime_view_preferences_group (host, desc, &list);
      gtk_list_box_append (list, compare_line (_("Topic"), _("Model"), _("Run"), "", _("Why"), TRUE, FALSE, TRUE));
      for (guint i = 0; i < self->comparison->rows->len; i++)
        {
          IopCompareRow *r = g_ptr_array_index (self->comparison->rows, i);
          if (g_strcmp0 (r->host, host) == 0)
            gtk_list_box_append (list, compare_line (r->topic, r->model, r->run, r->unknown ? "?" : r->agrees ? "✓" : "≠",
                                                     r->why, r->agrees, r->unknown, FALSE));
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
      iop_runtime_view_set_error (self, error->message, FALSE);
    }
  else
    {
      g_clear_pointer (&self->comparison, iop_comparison_free);
      self->comparison = cmp;
      self->compare_stale = FALSE;
      show_comparison (self);
    }
  iop_runtime_view_notify (self, PROP_COMPARING);
  iop_runtime_view_update_actions (self);
}


/* --- Public API ------------------------------------------------------------ */

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
          iop_runtime_view_set_error (self, error->message, FALSE);
          return FALSE;
        }
      iop_runtime_view_notify (self, PROP_SCENARIO);
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
      iop_runtime_view_notify (self, PROP_COMPARING);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), TRUE);
  gtk_spinner_start (self->compare_spinner);
  /* Rows already there stay until the new ones replace them */
  if (self->comparison == NULL)
    gtk_stack_set_visible_child_name (self->compare_stack, "running");
  iop_runtime_view_update_actions (self);
  return TRUE;
}
