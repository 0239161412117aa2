/* iop-compare-view.c: the scenario's knobs (A) beside yours (B), step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two canvases, A on the left and B on the right, follow one aligned row of
 * an IopAbCompare: the same step of the I/O in both runs. Below them, the
 * list of steps where the runs differ (pools, threads, waits, steps only one
 * run takes), or every step; choosing one moves both canvases there. Run A
 * is computed when the view is shown, not on every knob edit elsewhere.
 *
 * A comparison opened from a file (iop-abfile.h) pins run A: the file's
 * scenario with its own knob changes, following the window's I/O (op,
 * size, version, faults), until the window loads another scenario. The
 * window's side column follows the row shown ("changed", and
 * iop_compare_view_get_side_step()).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "iop-abfile.h"
#include "iop-canvas.h"
#include "iop-compare-view.h"
#include "iop-page-layout.h"
#include "iop-format.h"
#include "iop-knobs.h"
#include "iop-sim.h"

struct _IopCompareView
{
  GtkWidget     parent_instance;

  IopScenario  *original;
  IopTrace     *current;
  IopTrace     *run_a;
  IopAbCompare *cmp;
  char         *label_a;
  char         *label_b;
  gboolean      dirty;
  int           row;

  /* opened from a file: run A as the file gives it, while the window
   * keeps the scenario it loaded for the file (PIN_OWNER) */
  IopAbFile    *file;
  IopScenario  *pin_a;
  IopScenario  *pin_owner;

  GtkStack     *stack;
  AdwStatusPage *error_page;
  GtkLabel     *title_label;
  GtkLabel     *summary_label;
  GtkLabel     *label_a_widget;
  GtkLabel     *label_b_widget;
  IopCanvas    *canvas_a;
  IopCanvas    *canvas_b;
  GtkLabel     *step_label;
  GtkLabel     *row_detail;
  GtkCheckButton *every_check;
  GtkListBox   *diff_list;
};

G_DEFINE_FINAL_TYPE (IopCompareView, iop_compare_view, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Knob values of ORIGINAL on a copy of CURRENT's scenario: the same I/O,
 * version and faults, the scenario's knobs */
static IopScenario *
scenario_a (IopScenario *original,
            IopScenario *current)
{
  IopScenario *a = iop_scenario_copy (current);
  guint n = iop_knob_def_count ();

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      memcpy (a->hosts[h].values, original->hosts[h].values, n * sizeof (gint64));
      memcpy (a->hosts[h].set, original->hosts[h].set, n * sizeof (gboolean));
    }
  return a;
}

/* The file's run A with the I/O, version and faults of CURRENT (the
 * window's run B), as the unpinned run A follows them too */
static IopScenario *
pinned_a (IopScenario  *pin,
          IopScenario  *current,
          GError      **error)
{
  g_autoptr(IopScenario) a = iop_scenario_copy (pin);

  if (a->version != current->version)
    iop_scenario_set_version (a, current->version);
  a->op = current->op;
  a->io_size = current->io_size;
  a->background_inflight = current->background_inflight;
  a->first_write_to_cluster = current->first_write_to_cluster;
  a->io_at_ns = current->io_at_ns;
  g_array_set_size (a->faults, 0);
  for (guint i = 0; i < current->faults->len; i++)
    if (!iop_scenario_add_fault (a, &g_array_index (current->faults, IopFault, i), error))
      return NULL;
  if (!iop_scenario_validate (a, error))
    return NULL;
  return g_steal_pointer (&a);
}

/* "bdev_set_options.bdev_io_cache_size 2 (baremetal)", NULL when nothing differs */
static char *
edits_label (IopScenario *original,
             IopScenario *current)
{
  GString *out = g_string_new (NULL);

  for (guint h = 0; h < IOP_N_HOSTS; h++)
    for (guint i = 0; i < iop_knob_def_count (); i++)
      if (original->hosts[h].values[i] != current->hosts[h].values[i])
        {
          const IopKnobDef *def = iop_knob_def_nth (i);
          g_autofree char *value = iop_knob_format (def, current->hosts[h].values[i]);

          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append_printf (out, "%s = %s (%s)", def->id, value, iop_host_name (h));
        }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static const IopAbRow *
row_at (IopCompareView *self,
        int             row)
{
  if (self->cmp == NULL || row < 0 || (guint)row >= self->cmp->rows->len)
    return NULL;
  return &g_array_index (self->cmp->rows, IopAbRow, row);
}

/* The step of one run shown at ROW: its own, or the last it took before */
static int
side_step (IopCompareView *self,
           int             row,
           gboolean        b)
{
  for (int r = row; r >= 0; r--)
    {
      const IopAbRow *x = row_at (self, r);
      int step = b ? x->b : x->a;

      if (step >= 0)
        return step;
    }
  return 0;
}

static void
show_row (IopCompareView *self,
          gboolean        animate)
{
  const IopAbRow *row = row_at (self, self->row);
  g_autofree char *num = NULL;
  g_autofree char *what = NULL;
  g_autofree char *text = NULL;
  const IopStep *s;

  if (row == NULL)
    return;
  iop_canvas_seek (self->canvas_a, side_step (self, self->row, FALSE), animate);
  iop_canvas_seek (self->canvas_b, side_step (self, self->row, TRUE), animate);
  s = row->a >= 0 ? iop_trace_step (self->cmp->a, row->a) : iop_trace_step (self->cmp->b, row->b);
  num = iop_ab_compare_row_number (self->cmp, self->row);
  /* TRANSLATORS: "Step 14: bdev_io (write to replica B)" */
  text = g_strdup_printf (_("Step %s: %s"), num, s->title);
  gtk_label_set_text (self->step_label, text);
  what = row->differs & IOP_AB_PARTING ? iop_ab_compare_describe_row (self->cmp, self->row) : NULL;
  gtk_label_set_text (self->row_detail, what != NULL ? what : _("The same in both runs, apart from time."));
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
diff_row_widget (IopCompareView *self,
                 guint           index)
{
  const IopAbRow *row = row_at (self, index);
  const IopStep *s = row->a >= 0 ? iop_trace_step (self->cmp->a, row->a) : iop_trace_step (self->cmp->b, row->b);
  g_autofree char *num = iop_ab_compare_row_number (self->cmp, index);
  g_autofree char *what = row->differs & IOP_AB_PARTING ? iop_ab_compare_describe_row (self->cmp, index) : NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *num_label = gtk_label_new (num);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (s->title);
  GtkWidget *row_widget = gtk_list_box_row_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (num_label, "numeric");
  gtk_widget_add_css_class (num_label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (num_label), 7);
  gtk_label_set_xalign (GTK_LABEL (num_label), 1);
  gtk_label_set_yalign (GTK_LABEL (num_label), 0);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (text), title);
  if (what != NULL)
    {
      GtkWidget *detail = gtk_label_new (what);

      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
      gtk_box_append (GTK_BOX (text), detail);
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), num_label);
  gtk_box_append (GTK_BOX (box), text);
  if (row->a >= 0 && row->b >= 0)
    {
      gint64 d = (iop_trace_step (self->cmp->b, row->b)->t_ns - self->cmp->b->start_ns)
                 - (iop_trace_step (self->cmp->a, row->a)->t_ns - self->cmp->a->start_ns);
      g_autofree char *dur = iop_format_duration (ABS (d));
      g_autofree char *delta = d == 0 ? g_strdup ("±0") : g_strdup_printf ("%s%s", d > 0 ? "+" : "−", dur);
      GtkWidget *time = gtk_label_new (delta);

      gtk_widget_set_tooltip_text (time, _("When B starts this step, against A"));
      gtk_widget_add_css_class (time, "numeric");
      gtk_label_set_yalign (GTK_LABEL (time), 0);
      gtk_box_append (GTK_BOX (box), time);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row_widget), box);
  g_object_set_data (G_OBJECT (row_widget), "iop-row", GINT_TO_POINTER (index));
  return row_widget;
}

static void
fill_list (IopCompareView *self)
{
  gboolean every = gtk_check_button_get_active (self->every_check);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diff_list))) != NULL)
    gtk_list_box_remove (self->diff_list, child);
  if (self->cmp == NULL)
    return;
  for (guint i = 0; i < self->cmp->rows->len; i++)
    if (every || (row_at (self, i)->differs & IOP_AB_PARTING) != 0)
      gtk_list_box_append (self->diff_list, diff_row_widget (self, i));
}

static void
update_summary (IopCompareView *self)
{
  const IopTrace *a = self->cmp->a, *b = self->cmp->b;
  gint64 ea = a->end_ns - a->start_ns, eb = b->end_ns - b->start_ns;
  g_autofree char *sa = iop_format_duration (ea);
  g_autofree char *sb = iop_format_duration (eb);
  g_autofree char *sd = iop_format_duration (ABS (eb - ea));
  g_autofree char *ends = g_strdup_printf (_("End to end: A %s, B %s (%s%s)."), sa, sb, eb >= ea ? "+" : "−", sd);
  g_autofree char *parts = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title_b = NULL;

  if (self->cmp->parted >= 0)
    {
      g_autofree char *num = iop_ab_compare_row_number (self->cmp, self->cmp->parted);
      guint n = iop_ab_compare_count (self->cmp, IOP_AB_PARTING);

      parts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The runs part at step %s; %u step differs in more than time.",
                                            "The runs part at step %s; %u steps differ in more than time.", n),
                               num, n);
    }
  else
    parts = g_strdup (_("Both runs take the same steps, with the same objects from the same pools."));
  summary = g_strdup_printf ("%s %s", ends, parts);
  gtk_label_set_text (self->summary_label, summary);
  if (self->file != NULL)
    /* TRANSLATORS: the right-hand canvas of a comparison opened from a file,
     * then what run B is: "B · bdev_set_options.bdev_io_cache_size = 2 (baremetal)" */
    title_b = g_strdup_printf (_("B · %s"), self->label_b);
  else
    /* TRANSLATORS: the right-hand canvas of the comparison, then the knobs changed */
    title_b = g_strdup_printf (_("B · Your settings: %s"), self->label_b);
  gtk_label_set_text (self->label_b_widget, title_b);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label_b_widget), self->label_b);
}

static void
clear_pin (IopCompareView *self)
{
  g_clear_pointer (&self->file, iop_ab_file_unref);
  g_clear_pointer (&self->pin_a, iop_scenario_unref);
  g_clear_pointer (&self->pin_owner, iop_scenario_unref);
}

/* What run B is, for its heading: its scenario when it is not A's, and
 * the knobs edited from the scenario the window loaded */
static char *
run_b_label (IopCompareView *self)
{
  IopScenario *b = self->current->scenario;
  g_autofree char *edits = edits_label (self->original, b);
  g_autofree char *scenario = NULL;

  if (self->pin_a != NULL && g_strcmp0 (self->pin_a->id, b->id) != 0)
    scenario = g_strdup_printf (_("scenario %s"), b->id);
  if (scenario != NULL && edits != NULL)
    return g_strdup_printf ("%s, %s", scenario, edits);
  if (scenario != NULL || edits != NULL)
    return g_strdup (scenario != NULL ? scenario : edits);
  return self->pin_a != NULL ? g_strdup (_("the scenario’s own values")) : NULL;
}

static void
recompute (IopCompareView *self)
{
  g_autoptr(IopScenario) sc_a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title_a = NULL;

  self->dirty = FALSE;
  g_clear_pointer (&self->cmp, iop_ab_compare_free);
  g_clear_pointer (&self->run_a, iop_trace_unref);
  g_clear_pointer (&self->label_a, g_free);
  g_clear_pointer (&self->label_b, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), FALSE);
  if (self->original == NULL || self->current == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  self->label_b = run_b_label (self);
  if (self->label_b == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      fill_list (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  if (self->pin_a != NULL)
    sc_a = pinned_a (self->pin_a, self->current->scenario, &error);
  else
    sc_a = scenario_a (self->original, self->current->scenario);
  if (sc_a != NULL)
    self->run_a = iop_trace_run (sc_a, &error);
  if (self->run_a == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  self->cmp = iop_ab_compare_new (self->run_a, self->current);
  iop_canvas_set_trace (self->canvas_a, self->run_a);
  iop_canvas_set_trace (self->canvas_b, self->current);
  if (self->file != NULL)
    {
      self->label_a = iop_ab_file_describe_run (self->file, FALSE);
      if (self->file->title != NULL)
        {
          gtk_label_set_text (self->title_label, iop_ab_file_text (self->file->title));
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label),
                                       self->file->description ? iop_ab_file_text (self->file->description) : NULL);
          gtk_widget_set_visible (GTK_WIDGET (self->title_label), TRUE);
        }
      /* TRANSLATORS: the left-hand canvas of a comparison opened from a file:
       * "A · scenario raid270, bdev_set_options.bdev_io_cache_size=64 (baremetal)" */
      title_a = g_strdup_printf (_("A · %s"), self->label_a);
    }
  else
    {
      self->label_a = g_strdup_printf (_("scenario %s"), self->original->id);
      /* TRANSLATORS: the left-hand canvas of the comparison */
      title_a = g_strdup_printf (_("A · Scenario %s, its own values"), self->original->id);
    }
  gtk_label_set_text (self->label_a_widget, title_a);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label_a_widget), title_a);
  update_summary (self);
  fill_list (self);
  self->row = self->cmp->parted >= 0 ? self->cmp->parted : 0;
  show_row (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "compare");
}

void
iop_compare_view_set_runs (IopCompareView *self,
                           IopScenario    *original,
                           IopTrace       *current)
{
  g_return_if_fail (IOP_IS_COMPARE_VIEW (self));

  if (original != NULL)
    iop_scenario_ref (original);
  g_clear_pointer (&self->original, iop_scenario_unref);
  self->original = original;
  /* another scenario loaded: the file's run A no longer applies */
  if (self->pin_owner != NULL && original != self->pin_owner)
    clear_pin (self);
  if (current != NULL)
    iop_trace_ref (current);
  g_clear_pointer (&self->current, iop_trace_unref);
  self->current = current;
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    recompute (self);
}

const IopAbCompare *
iop_compare_view_get_compare (IopCompareView *self)
{
  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), NULL);
  if (self->dirty)
    recompute (self);
  return self->cmp;
}

int
iop_compare_view_get_row (IopCompareView *self)
{
  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), -1);
  return self->cmp != NULL ? self->row : -1;
}

void
iop_compare_view_set_row (IopCompareView *self,
                          int             row)
{
  g_return_if_fail (IOP_IS_COMPARE_VIEW (self));
  if (row_at (self, row) == NULL)
    return;
  self->row = row;
  show_row (self, TRUE);
}

/* Previous or next row that differs in more than time */
static void
jump (IopCompareView *self,
      int             dir)
{
  if (self->cmp == NULL)
    return;
  for (int r = self->row + dir; row_at (self, r) != NULL; r += dir)
    if ((row_at (self, r)->differs & IOP_AB_PARTING) != 0)
      {
        iop_compare_view_set_row (self, r);
        return;
      }
}

static void
prev_clicked_cb (IopCompareView *self)
{
  jump (self, -1);
}

static void
next_clicked_cb (IopCompareView *self)
{
  jump (self, +1);
}

static void
step_back_cb (IopCompareView *self)
{
  iop_compare_view_set_row (self, self->row - 1);
}

static void
step_forward_cb (IopCompareView *self)
{
  iop_compare_view_set_row (self, self->row + 1);
}

static void
every_toggled_cb (IopCompareView *self)
{
  fill_list (self);
}

static void
row_activated_cb (IopCompareView *self,
                  GtkListBoxRow  *row)
{
  iop_compare_view_set_row (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "iop-row")));
}

static void
iop_compare_view_map (GtkWidget *widget)
{
  IopCompareView *self = IOP_COMPARE_VIEW (widget);

  GTK_WIDGET_CLASS (iop_compare_view_parent_class)->map (widget);
  if (self->dirty)
    recompute (self);
}

static void
iop_compare_view_dispose (GObject *object)
{
  IopCompareView *self = IOP_COMPARE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_COMPARE_VIEW);
  g_clear_pointer (&self->cmp, iop_ab_compare_free);
  g_clear_pointer (&self->run_a, iop_trace_unref);
  g_clear_pointer (&self->current, iop_trace_unref);
  g_clear_pointer (&self->original, iop_scenario_unref);
  g_clear_pointer (&self->label_a, g_free);
  g_clear_pointer (&self->label_b, g_free);
  clear_pin (self);
  G_OBJECT_CLASS (iop_compare_view_parent_class)->dispose (object);
}

static void
iop_compare_view_class_init (IopCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_compare_view_dispose;
  widget_class->map = iop_compare_view_map;

  /**
   * IopCompareView::changed:
   *
   * The row shown, or the comparison, changed: the window's side column
   * follows it (iop_compare_view_get_side_step()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (IOP_TYPE_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, stack);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, error_page);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, title_label);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, label_a_widget);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, label_b_widget);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, canvas_a);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, canvas_b);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, step_label);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, row_detail);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, every_check);
  gtk_widget_class_bind_template_child (widget_class, IopCompareView, diff_list);
  gtk_widget_class_bind_template_callback (widget_class, prev_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_forward_cb);
  gtk_widget_class_bind_template_callback (widget_class, every_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, IOP_TYPE_PAGE_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iop-compare-view");
}

static void
iop_compare_view_init (IopCompareView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  iop_canvas_set_compact (self->canvas_a, TRUE);
  iop_canvas_set_compact (self->canvas_b, TRUE);
  iop_page_hide_until_mapped (GTK_WIDGET (self));
}

GtkWidget *
iop_compare_view_new (void)
{
  return g_object_new (IOP_TYPE_COMPARE_VIEW, NULL);
}

void
iop_compare_view_open_file (IopCompareView *self,
                            IopAbFile      *file,
                            IopScenario    *run_a,
                            IopScenario    *owner)
{
  g_return_if_fail (IOP_IS_COMPARE_VIEW (self));
  g_return_if_fail (file != NULL && run_a != NULL && owner != NULL);

  iop_ab_file_ref (file);
  iop_scenario_ref (run_a);
  iop_scenario_ref (owner);
  clear_pin (self);
  self->file = file;
  self->pin_a = run_a;
  self->pin_owner = owner;
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    recompute (self);
}

IopAbFile *
iop_compare_view_get_file (IopCompareView *self)
{
  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), NULL);
  return self->file;
}

gboolean
iop_compare_view_get_side_step (IopCompareView *self,
                                IopTrace      **trace,
                                int            *step,
                                gboolean       *is_b)
{
  const IopAbRow *row;

  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), FALSE);
  row = self->dirty ? NULL : row_at (self, self->row);
  if (row == NULL)
    return FALSE;
  *is_b = row->a < 0;
  *trace = *is_b ? self->cmp->b : self->cmp->a;
  *step = *is_b ? row->b : row->a;
  return TRUE;
}

const char *
iop_compare_view_get_run_label (IopCompareView *self,
                                gboolean        b)
{
  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), NULL);
  return self->cmp != NULL ? (b ? self->label_b : self->label_a) : NULL;
}

/* Knob changes that make TO from FROM (both at one SPDK version), into FILE */
static void
add_knob_edits (IopAbFile   *file,
                gboolean     b,
                IopScenario *from,
                IopScenario *to)
{
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = NULL;

      if (!to->hosts[h].present || !from->hosts[h].present)
        continue;
      defs = iop_scenario_host_knobs (to, h);
      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (defs, i);
          gint64 v = iop_scenario_knob_value (to, h, def);

          if (v != iop_scenario_knob_value (from, h, def))
            {
              g_autofree char *value = iop_knob_format (def, v);
              g_autofree char *assign = g_strdup_printf ("%s=%s", def->id, value);

              iop_ab_file_add_set (file, b, h, assign);
            }
        }
    }
}

IopAbFile *
iop_compare_view_to_file (IopCompareView *self,
                          const char     *window_ref)
{
  g_autoptr(IopAbFile) out = NULL;
  IopScenario *b;

  g_return_val_if_fail (IOP_IS_COMPARE_VIEW (self), NULL);
  g_return_val_if_fail (window_ref != NULL, NULL);
  if (self->dirty)
    recompute (self);
  if (self->cmp == NULL)
    return NULL;
  b = self->current->scenario;
  if (self->file != NULL)
    {
      g_autofree char *ref_a = iop_ab_file_scenario_ref (self->file, FALSE);

      out = iop_ab_file_new (ref_a);
      out->title = g_strdup (self->file->title);
      out->description = g_strdup (self->file->description);
      for (guint i = 0; i < self->file->a_sets->len; i++)
        {
          const IopLessonSet *s = &g_array_index (self->file->a_sets, IopLessonSet, i);
          iop_ab_file_add_set (out, FALSE, s->host, s->assignment);
        }
      if (g_strcmp0 (self->pin_a->id, b->id) != 0)
        out->b_scenario = g_strdup (window_ref);
    }
  else
    out = iop_ab_file_new (window_ref);
  out->has_op = out->has_size = out->has_version = TRUE;
  out->op = b->op;
  out->size = b->io_size;
  out->version = b->version;
  if (b->background_inflight > 0)
    {
      out->has_inflight = TRUE;
      out->inflight = b->background_inflight;
    }
  for (guint i = 0; i < b->faults->len; i++)
    iop_ab_file_add_fault (out, &g_array_index (b->faults, IopFault, i));
  /* B: the knobs edited from the scenario the window loaded, at B's version */
  {
    g_autoptr(IopScenario) from = iop_scenario_copy (self->original);

    if (from->version != b->version)
      iop_scenario_set_version (from, b->version);
    add_knob_edits (out, TRUE, from, b);
  }
  return g_steal_pointer (&out);
}
