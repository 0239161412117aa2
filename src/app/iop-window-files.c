/* iop-window-files.c: files in and out of the main window
 *
 * Importing and exporting SPDK configs, exporting the picture and the
 * handout, opening runtime dumps, and whatever is opened or dropped on the
 * window: a scenario, a lesson, a comparison, an SPDK config, or runtime
 * dumps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-scenario.h"
#include "iop-sim.h"
#include "iop-window-private.h"
#include "iop-runtime-view.h"
#include "iop-workload-view.h"
#include "iop-memory-view.h"
#include "iop-export.h"
#include "iop-handout.h"
#include "iop-application.h"
#include "iop-painter.h"
#include "iop-config.h"
#include "iop-fault-popover.h"
#include "iop-lesson-panel.h"
#include "iop-abfile.h"

/* --- SPDK configs in and out ------------------------------------------- */

typedef struct
{
  IopWindow *self;
  char      *path;
  gboolean   export_rpc;
} ConfigJob;

static void
config_job_free (ConfigJob *job)
{
  g_clear_object (&job->self);
  g_free (job->path);
  g_free (job);
}

static void
import_config_host_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ConfigJob        *job)
{
  IopWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(IopConfigImport) imp = NULL;
  IopScenario *shown;
  IopHostId host;

  if (g_strcmp0 (response, "baremetal") != 0 && g_strcmp0 (response, "storage") != 0)
    {
      config_job_free (job);
      return;
    }
  host = g_str_equal (response, "storage") ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
  shown = iop_window_get_scenario (self);
  if (shown == NULL)
    {
      config_job_free (job);
      return;
    }
  /* The current scenario is never changed: the import works on a copy and
   * only a traceable or SPDK-refused result replaces what is shown */
  imp = iop_config_import_file (shown, host, job->path, &error);
  if (imp == NULL)
    iop_window_show_error_dialog (self, _("Could Not Import the SPDK Config"), error->message);
  else
    {
      g_autofree char *msg = NULL;

      if (!iop_session_show_scenario (self->session, imp->scenario, &error))
        {
          iop_window_show_error_dialog (self, _("Could Not Import the SPDK Config"), error->message);
          config_job_free (job);
          return;
        }
      msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Imported %u knob into the %s host; %u entries are not modelled",
                                          "Imported %u knobs into the %s host; %u entries are not modelled",
                                          imp->applied->len),
                             imp->applied->len, iop_host_name (host), imp->unmodelled->len);
      iop_window_show_toast (self, msg, 5);
    }
  config_job_free (job);
}

static void
import_config_response_cb (GtkNativeDialog *native,
                           int              response,
                           IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        iop_window_import_config (self, path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

void
iop_window_import_config (IopWindow  *self,
                          const char *path)
{
  ConfigJob *job = g_new0 (ConfigJob, 1);
  AdwMessageDialog *dialog;
  g_autofree char *base = g_path_get_basename (path);

  job->self = g_object_ref (self);
  job->path = g_strdup (path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import an SPDK Config"), NULL));
  adw_message_dialog_format_body (dialog, _("Which host does %s configure? Its knobs replace that host’s in a copy of the scenario; entries Iopath does not model are listed and left alone."), base);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "baremetal", _("_Baremetal Host"),
                                    "storage", _("_Storage Node"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "baremetal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "baremetal");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_config_host_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_config_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import an SPDK Config"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("SPDK JSON configs"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (import_config_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
export_config_save_cb (GtkNativeDialog *native,
                       int              response,
                       ConfigJob       *job)
{
  IopWindow *self = job->self;

  if (response == GTK_RESPONSE_ACCEPT && iop_window_get_scenario (self) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      IopHostId host = g_str_equal (job->path, "storage") ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
      g_autofree char *text = iop_config_export (iop_window_get_scenario (self), host,
                                                 job->export_rpc ? IOP_CONFIG_FORMAT_RPC : IOP_CONFIG_FORMAT_JSON, notes);

      /* Never overwrite silently what the user had: the chooser asked to confirm */
      if (file == NULL || !g_file_replace_contents (file, text, strlen (text), NULL, TRUE,
                                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        iop_window_show_error_dialog (self, _("Could Not Export the SPDK Config"),
                           error ? error->message : _("No file was chosen"));
      else
        iop_window_show_toast (self, job->export_rpc ? _("Exported the knobs as rpc.py commands")
                                          : _("Exported the knobs as an SPDK JSON config"), 4);
    }
  g_object_unref (native);
  config_job_free (job);
}

static void
export_config_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  const char *target = param ? g_variant_get_string (param, NULL) : "baremetal-json";
  ConfigJob *job = g_new0 (ConfigJob, 1);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  job->self = g_object_ref (self);
  job->export_rpc = g_str_has_suffix (target, "-rpc");
  job->path = g_strdup (g_str_has_prefix (target, "storage") ? "storage" : "baremetal");
  name = iop_window_file_name (self, job->path, job->export_rpc ? "sh" : "json");
  native = gtk_file_chooser_native_new (_("Export the Knobs"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_config_save_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The local path chosen for an export. A name typed without one of EXTS
 * (any case) gets the first; the chooser confirmed replacing the name it
 * showed, not that one, so FORCE is set only when the result is new or was
 * what the chooser confirmed. NULL for a file that is not local. */
static char *
chosen_export_path (GtkFileChooser     *chooser,
                    const char *const  *exts,
                    gboolean           *force)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *lower = NULL;

  *force = TRUE;
  if (path == NULL)
    return NULL;
  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; exts[i] != NULL; i++)
    if (g_str_has_suffix (lower, exts[i]))
      return g_steal_pointer (&path);
  {
    char *named = g_strconcat (path, exts[0], NULL);

    *force = !g_file_test (named, G_FILE_TEST_EXISTS);
    return named;
  }
}

/* win.export-picture: the canvas as it stands, to PNG, SVG or PDF */
static void
export_picture_cb (GtkNativeDialog *native,
                   int              response,
                   IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && iop_window_get_trace (self) != NULL)
    {
      GtkFileChooser *chooser = GTK_FILE_CHOOSER (native);
      static const char *const exts[] = { ".png", ".svg", ".pdf", NULL };
      const char *size = gtk_file_chooser_get_choice (chooser, "size");
      g_autoptr(GError) error = NULL;
      IopExportOpts o = { 1920, 1080, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                          self->presentation, TRUE };
      g_autofree char *path = chosen_export_path (chooser, exts, &o.force);

      if (g_strcmp0 (size, "window") == 0)
        {
          o.width = MAX (gtk_widget_get_width (GTK_WIDGET (self->canvas)), IOP_PAINTER_MIN_WIDTH);
          o.height = MAX (gtk_widget_get_height (GTK_WIDGET (self->canvas)), IOP_PAINTER_MIN_HEIGHT);
        }
      else if (size != NULL && !iop_export_parse_size (size, &o.width, &o.height, NULL))
        o.width = 1920, o.height = 1080;

      if (path == NULL)
        iop_window_show_error_dialog (self, _("Could Not Export the Picture"), _("Only local files can be written"));
      else if (!iop_export_step (iop_window_get_trace (self), &o, iop_session_get_position (self->session), path, &error))
        iop_window_show_error_dialog (self, _("Could Not Export the Picture"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved %s (%d × %d)"), base, o.width, o.height);
          iop_window_show_toast (self, msg, 4);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_picture_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  static const char *ids[] = { "1920x1080", "1280x720", "3840x2160", "window", NULL };
  const char *labels[] = { _("1920 × 1080"), _("1280 × 720"), _("3840 × 2160"), _("The canvas’s size"), NULL };
  static const struct { const char *name; const char *pattern; } kinds[] = {
    { N_("PNG Picture"), "*.png" }, { N_("SVG Drawing"), "*.svg" }, { N_("PDF Document"), "*.pdf" },
  };

  if (iop_window_get_trace (self) == NULL)
    return;
  {
    g_autofree char *what = g_strdup_printf ("%s-step%d", iop_op_name (iop_window_get_scenario (self)->op),
                                             (int)floor (MAX (iop_session_get_position (self->session), 0.0)) + 1);
    name = iop_window_file_name (self, what, "png");
  }
  native = gtk_file_chooser_native_new (_("Export the Canvas as a Picture"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("PNG, SVG or PDF"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_file_filter_add_pattern (all, kinds[i].pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) f = gtk_file_filter_new ();
      gtk_file_filter_set_name (f, _(kinds[i].name));
      gtk_file_filter_add_pattern (f, kinds[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), f);
    }
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "size", "1920x1080");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_picture_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The handout with each step's source from the SPDK folder the source panel reads */
static gboolean
export_handout (IopWindow  *self,
                const char *path,
                gboolean    force,
                GError    **error)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *dir = app ? iop_application_resolve_spdk_dir (IOP_APPLICATION (app), NULL) : NULL;
  IopHandoutOpts o = IOP_HANDOUT_OPTS_INIT;

  o.spdk_dir = dir;
  o.force = force;
  return iop_handout_write (iop_window_get_scenario (self), iop_window_get_trace (self), &o, path, error);
}

/* win.export-handout: the trace as a PDF handout, a page per step */
static void
export_handout_cb (GtkNativeDialog *native,
                   int              response,
                   IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && iop_window_get_trace (self) != NULL)
    {
      static const char *const exts[] = { ".pdf", NULL };
      gboolean force;
      g_autofree char *path = chosen_export_path (GTK_FILE_CHOOSER (native), exts, &force);
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        iop_window_show_error_dialog (self, _("Could Not Export the Handout"), _("Only local files can be written"));
      else if (!export_handout (self, path, force, &error))
        iop_window_show_error_dialog (self, _("Could Not Export the Handout"), error->message);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *msg = g_strdup_printf (_("Saved the handout %s (%u pages)"), base, iop_handout_n_pages (iop_window_get_trace (self)));
          iop_window_show_toast (self, msg, 4);
        }
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
export_handout_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (iop_window_get_trace (self) == NULL)
    return;
  {
    g_autofree char *what = g_strdup_printf ("%s-handout", iop_op_name (iop_window_get_scenario (self)->op));
    name = iop_window_file_name (self, what, "pdf");
  }
  native = gtk_file_chooser_native_new (_("Export a Handout"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (pdf, _("PDF Document"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pdf);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_handout_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

gboolean
iop_window_open_dumps (IopWindow  *self,
                       const char *path)
{
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  if (!iop_runtime_view_load_paths (iop_window_get_runtime_view (self), paths, &error))
    {
      /* the view keeps what it had; the page shown stays too */
      iop_window_show_error_toast (self, error->message);
      return FALSE;
    }
  adw_view_stack_set_visible_child_name (self->mode_stack, "runtime");
  return TRUE;
}

static void
open_dumps_response_cb (GtkNativeDialog *native,
                        int              response,
                        IopWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        iop_window_open_dumps (self, path);
    }
  g_object_unref (native);
  g_object_unref (self);
}

static void
open_dumps_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open a Folder of Runtime Dumps"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  g_signal_connect (native, "response", G_CALLBACK (open_dumps_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* A folder of spdk_trace -j files (or one of them: its folder) goes to the
 * Recorded view; TRUE when FILE was one */
static gboolean
open_capture (IopWindow *self,
              GFile     *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GFile) folder = NULL;

  if (path == NULL || !iop_replay_view_can_open (file))
    return FALSE;
  folder = g_file_test (path, G_FILE_TEST_IS_DIR) ? g_object_ref (file) : g_file_get_parent (file);
  if (folder == NULL)
    return FALSE;
  iop_replay_view_open (iop_window_get_replay_view (self), folder);
  adw_view_stack_set_visible_child_name (self->mode_stack, "recorded");
  return TRUE;
}

static void
open_capture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  IopWindow *self = IOP_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->mode_stack, "recorded");
  iop_replay_view_choose_folder (iop_window_get_replay_view (self));
}

/* A file dropped on the window: a scenario, an SPDK config, runtime dumps
 * or a tracepoint capture */
static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         IopWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  return iop_window_open_dropped (self, files->data);
}

void
iop_window_add_drop_target (IopWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
iop_window_class_install_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-picture", NULL, export_picture_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, export_handout_action);
#ifdef IOP_HAVE_VIDEO
  iop_window_class_install_video_actions (widget_class);
  iop_window_class_install_lesson_export (widget_class);
#endif
  gtk_widget_class_install_action (widget_class, "win.import-config", NULL, import_config_action);
  gtk_widget_class_install_action (widget_class, "win.open-dumps", NULL, open_dumps_action);
  gtk_widget_class_install_action (widget_class, "win.open-capture", NULL, open_capture_action);
  gtk_widget_class_install_action (widget_class, "win.export-config", "s", export_config_action);
  iop_window_class_install_compare_actions (widget_class);
}

void
iop_window_open_file (IopWindow *self,
                      GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (IOP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (&error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("%s is not a local file"), uri);
    }
  else if (open_capture (self, file))
    return;
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* A folder is runtime dumps of a running SPDK */
      iop_window_open_dumps (self, path);
      return;
    }
  else if (iop_window_open_comparison_if (self, path, &error))
    {
      if (error != NULL)
        iop_window_show_error_dialog (self, _("Could Not Open Comparison"), error->message);
      return;
    }
  else if (iop_lesson_panel_open_if_lesson (self, path, &error))
    {
      if (error != NULL)
        iop_window_show_error_dialog (self, _("Could Not Open Lesson"), error->message);
      return;
    }
  else
    iop_window_load_scenario (self, path, &error);

  if (error != NULL)
    iop_window_show_error_dialog (self, _("Could Not Open Scenario"), error->message);
}

gboolean
iop_window_open_dropped (IopWindow *self,
                         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len = 0, i;

  g_return_val_if_fail (IOP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *msg = g_strdup_printf (_("%s is not a local file"), uri);

      iop_window_show_error_toast (self, msg);
      return FALSE;
    }
  if (open_capture (self, file))
    return TRUE;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return iop_window_open_dumps (self, path);
  /* bounded: a FIFO or a device is refused at once, without blocking */
  if (!iop_file_read_bounded (path, IOP_JSON_MAX_BYTES, &data, &len, &error))
    {
      iop_window_show_error_toast (self, error->message);
      return FALSE;
    }
  /* JSON too deep for json-glib is refused here, before anything parses it
   * and before anything on screen changes (the loaders refuse it too) */
  for (i = 0; i < len && g_ascii_isspace (data[i]); i++)
    ;
  if (i < len && (data[i] == '{' || data[i] == '['))
    {
      g_autofree char *checked = iop_json_prepare (data, len, path, &error);

      if (checked == NULL && g_error_matches (error, IOP_ERROR, IOP_ERROR_TOO_LARGE))
        {
          iop_window_show_error_toast (self, error->message);
          return FALSE;
        }
      g_clear_error (&error);
    }
  if (iop_ab_file_data_is_one (data))
    {
      if (!iop_window_open_comparison (self, path, &error))
        {
          iop_window_show_error_toast (self, error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (iop_lesson_data_is_lesson (data))
    {
      if (!iop_lesson_panel_open (iop_lesson_panel_for_window (self), path, &error))
        {
          iop_window_show_error_toast (self, error->message);
          return FALSE;
        }
      return TRUE;
    }
  if (strstr (data, "\"subsystems\"") != NULL)
    {
      iop_window_import_config (self, path);
      return TRUE;
    }
  if (strstr (data, "\"format\"") == NULL && strstr (data, "\"hosts\"") == NULL)
    return iop_window_open_dumps (self, path);
  if (!iop_window_load_scenario (self, path, &error))
    {
      iop_window_show_error_toast (self, error->message);
      return FALSE;
    }
  return TRUE;
}
