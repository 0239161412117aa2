/* iop-replay-view.c: real I/Os from SPDK tracepoint captures, hop by hop
 *
 * Opens a folder of spdk_trace -j files (one per host), follows its I/Os in
 * a worker thread (a large capture takes seconds) and shows: how many I/Os
 * were followed and why the others were not, each host's part, and each hop
 * of the path with its recorded median and p99 beside the model's time for
 * the same I/O (scenario realrun-tcp, the recorded deployment).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-ReplayView"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <inttypes.h>

#include "iop-format.h"
#include "iop-page-layout.h"
#include "iop-replay-view.h"
#include "iop-replay.h"
#include "iop-scenario.h"
#include "iop-sim.h"

struct _IopReplayView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  GtkSpinner     *spinner;
  GtkLabel       *loading_label;
  AdwStatusPage  *error_page;
  GtkButton      *open_button;
  GtkButton      *retry_button;
  GtkButton      *reopen_button;
  GtkLabel       *title;
  GtkLabel       *summary;
  GtkGrid        *hosts_grid;
  GtkGrid        *hops_grid;
  GtkLabel       *notes;

  GtkButton      *play_median_button;
  GtkButton      *play_slowest_button;

  GFile          *folder;
  IopReplay      *replay;
  GCancellable   *cancellable;
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (IopReplayView, iop_replay_view, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_PLAY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker hands back */
typedef struct
{
  IopReplay *replay;
  JsonNode  *result;
  JsonNode  *compare;
} Followed;

static void
followed_free (gpointer p)
{
  Followed *f = p;

  g_clear_pointer (&f->replay, iop_replay_free);
  g_clear_pointer (&f->result, json_node_unref);
  g_clear_pointer (&f->compare, json_node_unref);
  g_free (f);
}

static void
follow_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      data,
                  GCancellable *cancellable)
{
  GFile *folder = data;
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr(IopReplay) replay = iop_replay_new ();
  g_autoptr(GError) error = NULL;
  Followed *f;
  const char *op = NULL;
  guint64 blocks = 0;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only folders on this computer can be read"));
      return;
    }
  if (!iop_replay_add_path (replay, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  iop_replay_follow (replay);
  if (iop_replay_n_followed (replay) == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("No I/O could be followed from a guest through to the storage and back: "
                                 "the capture needs the guest's, the target's and the storage nodes' traces, "
                                 "taken on one machine"));
      return;
    }
  f = g_new0 (Followed, 1);
  f->result = iop_replay_to_json (replay);
  f->replay = g_steal_pointer (&replay);
  if (iop_replay_main_io (f->replay, &op, &blocks))
    {
      g_autoptr(IopScenario) sc = iop_scenario_load ("realrun-tcp", NULL);

      if (sc != NULL && blocks > 0 && blocks <= (16 * 1024 * 1024) / sc->block_size)
        {
          g_autoptr(IopTrace) model = NULL;

          iop_op_parse (op, &sc->op, NULL);
          sc->io_size = (gint64)(blocks * sc->block_size);
          model = iop_trace_run (sc, NULL);
          if (model != NULL)
            f->compare = iop_replay_compare_to_json (f->replay, model);
        }
    }
  g_task_return_pointer (task, f, followed_free);
}

/* ---- the report ---------------------------------------------------- */

static void
grid_clear (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      float       xalign,
      const char *css)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), xalign);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (l, "numeric");
  if (css != NULL)
    gtk_widget_add_css_class (l, css);
  return l;
}

static gint64
member_int (JsonObject *o,
            const char *name,
            gint64      fallback)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (n);
}

static const char *
member_str (JsonObject *o,
            const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return "";
  return json_node_get_string (n);
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "initiator") == 0)
    return _("Guest (initiator)");
  if (g_strcmp0 (role, "target-initiator") == 0)
    return _("Target and initiator (RAID1)");
  if (g_strcmp0 (role, "storage-target") == 0)
    return _("Storage target");
  return _("Unknown role");
}

static void
show_hosts (IopReplayView *self,
            JsonArray     *hosts)
{
  const char *heads[] = { N_("Host"), N_("Role"), N_("Entries"), N_("Span") };

  grid_clear (self->hosts_grid);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->hosts_grid, cell (_(heads[c]), c >= 2 ? 1.0f : 0.0f, "heading"), c, 0, 1, 1);
  for (guint i = 0; hosts && i < json_array_get_length (hosts); i++)
    {
      JsonNode *n = json_array_get_element (hosts, i);
      JsonObject *h = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      g_autofree char *entries = iop_format_count (member_int (h, "entries", 0));
      g_autofree char *span = iop_format_duration (member_int (h, "span_ns", 0));

      gtk_grid_attach (self->hosts_grid, cell (member_str (h, "name"), 0, NULL), 0, i + 1, 1, 1);
      gtk_grid_attach (self->hosts_grid, cell (role_label (member_str (h, "role")), 0, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (self->hosts_grid, cell (entries, 1, NULL), 2, i + 1, 1, 1);
      gtk_grid_attach (self->hosts_grid, cell (span, 1, NULL), 3, i + 1, 1, 1);
    }
}

static JsonObject *
compare_row (JsonArray  *compare,
             const char *key)
{
  for (guint i = 0; compare && i < json_array_get_length (compare); i++)
    {
      JsonNode *n = json_array_get_element (compare, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      if (g_strcmp0 (member_str (o, "name"), key) == 0)
        return o;
    }
  return NULL;
}

static void
show_hops (IopReplayView *self,
           JsonArray     *hops,
           JsonArray     *compare)
{
  const char *heads[] = { N_("Hop"), N_("Median"), N_("p99"), N_("I/Os"), N_("Model") };

  grid_clear (self->hops_grid);
  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->hops_grid, cell (_(heads[c]), c >= 1 ? 1.0f : 0.0f, "heading"), c, 0, 1, 1);
  for (guint i = 0; hops && i < json_array_get_length (hops); i++)
    {
      JsonNode *n = json_array_get_element (hops, i);
      JsonObject *h = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *key = member_str (h, "name");
      JsonObject *c = compare_row (compare, key);
      gint64 model = member_int (c, "model_ns", -1);
      g_autofree char *med = iop_format_duration (member_int (h, "median_ns", 0));
      g_autofree char *p99 = iop_format_duration (member_int (h, "p99_ns", 0));
      g_autofree char *count = iop_format_count (member_int (h, "count", 0));
      g_autofree char *mod = model >= 0 ? iop_format_duration (model) : g_strdup (_("not modelled"));
      GtkWidget *name = cell (iop_replay_hop_label_for_key (key), 0, NULL);

      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_grid_attach (self->hops_grid, name, 0, i + 1, 1, 1);
      gtk_grid_attach (self->hops_grid, cell (med, 1, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (self->hops_grid, cell (p99, 1, "dim-label"), 2, i + 1, 1, 1);
      gtk_grid_attach (self->hops_grid, cell (count, 1, "dim-label"), 3, i + 1, 1, 1);
      gtk_grid_attach (self->hops_grid, cell (mod, 1, model >= 0 ? NULL : "dim-label"), 4, i + 1, 1, 1);
    }
}

static void
show_result (IopReplayView *self,
             Followed      *f)
{
  JsonObject *o = json_node_get_object (f->result);
  JsonObject *by_op = json_object_get_object_member (o, "by_op");
  JsonArray *warnings = json_object_get_array_member (o, "warnings");
  JsonArray *hosts = json_object_get_array_member (o, "hosts");
  g_autofree char *name = g_file_get_basename (self->folder);
  g_autofree char *summary = NULL;
  GString *notes = g_string_new (NULL);

  gtk_label_set_text (self->title, name);
  summary = g_strdup_printf (_("%" PRId64 " of %" PRId64 " guest I/Os followed from the guest to the storage and back "
                               "(%" PRId64 " reads, %" PRId64 " writes), across %u hosts sharing one clock."),
                             member_int (o, "ios_followed", 0), member_int (o, "ios_seen", 0),
                             member_int (by_op, "read", 0), member_int (by_op, "write", 0),
                             hosts ? json_array_get_length (hosts) : 0);
  gtk_label_set_text (self->summary, summary);
  show_hosts (self, hosts);
  show_hops (self, json_object_get_array_member (o, "hops"),
             f->compare ? json_node_get_array (f->compare) : NULL);
  for (guint i = 0; warnings && i < json_array_get_length (warnings); i++)
    g_string_append_printf (notes, "%s\n", json_array_get_string_element (warnings, i));
  g_string_append (notes, _("Recorded times include every wait for a CPU: where reactors share cores, the gaps "
                            "between hosts are mostly the scheduler's. The model's times are the path's own work "
                            "and wire time, for the scenario of the recorded deployment (realrun-tcp)."));
  gtk_label_set_text (self->notes, notes->str);
  g_string_free (notes, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "report");
}

static void
follow_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  IopReplayView *self = IOP_REPLAY_VIEW (source);
  g_autoptr(GError) error = NULL;
  Followed *f = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (f == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->replay, iop_replay_free);
  self->replay = g_steal_pointer (&f->replay);
  show_result (self, f);
  followed_free (f);
}

void
iop_replay_view_open (IopReplayView *self,
                      GFile         *folder)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (IOP_IS_REPLAY_VIEW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->folder, folder);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  task = g_task_new (self, self->cancellable, follow_done, NULL);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, follow_in_thread);
}

gboolean
iop_replay_view_can_open (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return FALSE;
  if (g_str_has_suffix (path, ".spdk_trace.json"))
    return TRUE;
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".spdk_trace.json"))
      return TRUE;
  return FALSE;
}

const char *
iop_replay_view_get_state (IopReplayView *self)
{
  g_return_val_if_fail (IOP_IS_REPLAY_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GFile *
iop_replay_view_get_folder (IopReplayView *self)
{
  g_return_val_if_fail (IOP_IS_REPLAY_VIEW (self), NULL);
  return self->folder;
}

/* ---- playing one I/O on the canvas --------------------------------- */

gboolean
iop_replay_view_play (IopReplayView *self,
                      const char    *which,
                      GError       **error)
{
  g_autoptr(IopScenario) sc = NULL;
  IopTrace *trace;

  g_return_val_if_fail (IOP_IS_REPLAY_VIEW (self), FALSE);
  if (self->replay == NULL || iop_replay_n_followed (self->replay) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No capture is open"));
      return FALSE;
    }
  sc = iop_scenario_load ("realrun-tcp", error);
  if (sc == NULL)
    return FALSE;
  trace = iop_replay_to_trace (self->replay, iop_replay_pick (self->replay, which), sc, error);
  if (trace == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_PLAY], 0, trace);
  iop_trace_unref (trace);
  return TRUE;
}

static void
play_clicked (GtkButton     *button,
              IopReplayView *self)
{
  g_autoptr(GError) error = NULL;

  if (!iop_replay_view_play (self, button == self->play_slowest_button ? "slowest" : "median", &error))
    g_warning ("%s", error->message);
}

/* ---- choosing a folder --------------------------------------------- */

static void
chooser_response (GtkNativeDialog *dialog,
                  int              response,
                  IopReplayView   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (folder != NULL)
        iop_replay_view_open (self, folder);
    }
  g_clear_object (&self->chooser);
}

void
iop_replay_view_choose_folder (IopReplayView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    return;
  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Open Capture Folder"),
                                                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                  GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                                  _("_Open"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (self->chooser);
}

/* ---- the class ----------------------------------------------------- */

static void
iop_replay_view_dispose (GObject *object)
{
  IopReplayView *self = IOP_REPLAY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  g_clear_object (&self->folder);
  g_clear_pointer (&self->replay, iop_replay_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_REPLAY_VIEW);
  G_OBJECT_CLASS (iop_replay_view_parent_class)->dispose (object);
}

static void
iop_replay_view_class_init (IopReplayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_replay_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-replay-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, IOP_TYPE_PAGE_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, stack);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, spinner);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, loading_label);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, error_page);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, open_button);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, title);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, summary);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, hosts_grid);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, hops_grid);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, notes);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, play_median_button);
  gtk_widget_class_bind_template_child (widget_class, IopReplayView, play_slowest_button);

  /**
   * IopReplayView::play:
   * @trace: (type gpointer): the recorded I/O as an IopTrace, borrowed
   *
   * The user asked to watch one recorded I/O on the canvas.
   */
  signals[SIGNAL_PLAY] = g_signal_new ("play", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
iop_replay_view_init (IopReplayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (iop_replay_view_choose_folder), self);
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (iop_replay_view_choose_folder), self);
  g_signal_connect_swapped (self->reopen_button, "clicked", G_CALLBACK (iop_replay_view_choose_folder), self);
  g_signal_connect (self->play_median_button, "clicked", G_CALLBACK (play_clicked), self);
  g_signal_connect (self->play_slowest_button, "clicked", G_CALLBACK (play_clicked), self);
  iop_page_hide_until_mapped (GTK_WIDGET (self));
}

GtkWidget *
iop_replay_view_new (void)
{
  return g_object_new (IOP_TYPE_REPLAY_VIEW, NULL);
}
