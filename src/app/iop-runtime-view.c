/* iop-runtime-view.c: what a running SPDK shows, from its dumps or live
 *
 * The engine explains; this view only lays the explanation out. A page per
 * host (built fresh when files are loaded, updated in place while live so
 * the reader keeps their place), and a page for the comparison with the
 * model, which runs in a GTask thread on a copy of the dumps.
 *
 * Every IopRuntimeHost pointer on screen belongs to self->runtime: the cores
 * diagrams borrow it, so they let go (set_host NULL) before it is freed.
 *
 * This file holds the widget itself: showing a run, the actions, the
 * properties and the public API. A host's page is in
 * iop-runtime-view-host-page.c, the comparison in iop-runtime-view-compare.c,
 * live attaching in iop-runtime-view-live.c.
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
#include "iop-page-layout.h"
#include "iop-runtime-view-private.h"
#include "iop-format.h"

#define CSS_RESOURCE     "/io/github/iopath/Iopath/ui/iop-runtime-view.css"
#define ATTACH_RESOURCE  "/io/github/iopath/Iopath/ui/iop-attach-dialog.ui"
#define RATES_ANIM_MS    500

enum
{
  KNOB_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IopRuntimeView, iop_runtime_view, GTK_TYPE_WIDGET)

/* --- Small helpers -------------------------------------------------------- */

void
iop_runtime_view_notify (IopRuntimeView *self,
                         guint           prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

void
iop_runtime_view_emit_knob_activated (IopRuntimeView *self,
                                      const char     *knob)
{
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, knob);
}

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "iop-runtime-view-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "iop-runtime-view-css", g_object_ref (provider), g_object_unref);
}

void
iop_runtime_view_set_error (IopRuntimeView *self,
                            const char     *message,
                            gboolean        toast)
{
  if (g_strcmp0 (self->error, message) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (toast && message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      AdwToast *t = adw_toast_new (escaped);

      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (t, 10);
      adw_toast_overlay_add_toast (self->toast_overlay, t);
    }
}

void
iop_runtime_view_show_toast (IopRuntimeView *self,
                             const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* --- Showing a run -------------------------------------------------------- */

static void
clear_pages (IopRuntimeView *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);

      iop_cores_diagram_set_host (hp->diagram, NULL);
      adw_view_stack_remove (self->host_stack, hp->child);
    }
  g_ptr_array_set_size (self->pages, 0);
}

static gboolean
same_hosts (IopRuntimeView *self,
            GPtrArray      *hosts)
{
  if (hosts->len != self->pages->len)
    return FALSE;
  for (guint i = 0; i < hosts->len; i++)
    if (g_strcmp0 (((IopRuntimeHost *)g_ptr_array_index (hosts, i))->name,
                   ((HostPage *)g_ptr_array_index (self->pages, i))->name) != 0)
      return FALSE;
  return TRUE;
}

static void
compare_reset (IopRuntimeView *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_gen++;
  g_clear_pointer (&self->comparison, iop_comparison_free);
  iop_runtime_view_box_remove_all (GTK_WIDGET (self->compare_box));
  gtk_stack_set_visible_child_name (self->compare_stack, "idle");
  gtk_label_set_text (self->compare_caption, "");
  gtk_button_set_label (GTK_BUTTON (self->compare_button), _("_Compare"));
  gtk_spinner_stop (self->compare_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), FALSE);
  if (self->comparing)
    {
      self->comparing = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARING]);
    }
}

/* AdwViewStack 1.2 cannot reorder: the comparison goes out and back in, after the hosts */
static void
move_compare_last (IopRuntimeView *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->host_stack, self->compare_child);
  g_autofree char *title = g_strdup (adw_view_stack_page_get_title (page));
  g_autofree char *icon = g_strdup (adw_view_stack_page_get_icon_name (page));
  g_autoptr(GtkWidget) child = g_object_ref (self->compare_child);

  adw_view_stack_remove (self->host_stack, child);
  page = adw_view_stack_add_titled (self->host_stack, child, COMPARE_PAGE, title);
  adw_view_stack_page_set_icon_name (page, icon);
}

/* Puts RT (explained, taken) on screen. Live samples of the same hosts
 * update the pages in place; anything else builds them anew. */
void
iop_runtime_view_show_runtime (IopRuntimeView *self,
                               IopRuntime     *rt,
                               gboolean        live,
                               JsonNode       *rates)
{
  GPtrArray *hosts = iop_runtime_explain (rt);
  IopRuntime *old = self->runtime;
  gboolean was_loaded = old != NULL;
  gboolean in_place = live && self->runtime_is_live && same_hosts (self, hosts);
  g_autofree char *visible = g_strdup (adw_view_stack_get_visible_child_name (self->host_stack));

  self->runtime = rt;
  self->runtime_is_live = live;
  self->rebuilding = TRUE;
  if (!in_place)
    {
      clear_pages (self);
      compare_reset (self);
      for (guint i = 0; i < hosts->len; i++)
        g_ptr_array_add (self->pages, iop_runtime_view_host_page_new (self, g_ptr_array_index (hosts, i)));
      move_compare_last (self);
    }
  for (guint i = 0; i < hosts->len; i++)
    iop_runtime_view_host_page_update (self, g_ptr_array_index (self->pages, i), g_ptr_array_index (hosts, i), rates, in_place);
  iop_runtime_free (old);

  /* The comparison needs dumps of the recorded run's hosts, not a live sample */
  adw_view_stack_page_set_visible (adw_view_stack_get_page (self->host_stack, self->compare_child), !live);
  if (!in_place)
    {
      /* Keep the page the reader was on when the new run has it */
      if (was_loaded && visible && adw_view_stack_get_child_by_name (self->host_stack, visible) &&
          (g_strcmp0 (visible, COMPARE_PAGE) != 0 || !live))
        adw_view_stack_set_visible_child_name (self->host_stack, visible);
      else if (self->pages->len > 0)
        adw_view_stack_set_visible_child (self->host_stack, ((HostPage *)g_ptr_array_index (self->pages, 0))->child);
    }
  self->rebuilding = FALSE;
  self->compare_stale = TRUE;
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  iop_runtime_view_relayout_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "loaded");
  if (!was_loaded)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_HOST]);
  if (!live && g_strcmp0 (adw_view_stack_get_visible_child_name (self->host_stack), COMPARE_PAGE) == 0)
    iop_runtime_view_run_comparison (self);
  iop_runtime_view_update_actions (self);
}


/* --- Actions -------------------------------------------------------------- */

void
iop_runtime_view_update_actions (IopRuntimeView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runtime.detach", self->live != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runtime.compare",
                                 self->runtime != NULL && !self->runtime_is_live && !self->comparing);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     IopRuntimeView  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      /* Errors are shown by load_paths itself */
      iop_runtime_view_load_paths (self, (const char *const *)paths->pdata, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
open_chooser (IopRuntimeView *self,
              gboolean        folder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  chooser = gtk_file_chooser_native_new (folder ? _("Open a Folder of SPDK Dumps") : _("Open SPDK Dumps"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (!folder)
    {
      g_autoptr(GtkFileFilter) dumps = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_filter_set_name (dumps, _("SPDK dumps and logs"));
      gtk_file_filter_add_pattern (dumps, "*.json");
      gtk_file_filter_add_pattern (dumps, "*.log");
      gtk_file_filter_add_pattern (dumps, "*.txt");
      gtk_file_filter_add_mime_type (dumps, "application/json");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), dumps);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  self->chooser = chooser;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_files_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  open_chooser (IOP_RUNTIME_VIEW (widget), FALSE);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  open_chooser (IOP_RUNTIME_VIEW (widget), TRUE);
}

static void
attach_socket_changed_cb (GtkEditable      *editable,
                          AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (editable);

  adw_message_dialog_set_response_enabled (dialog, "attach", text != NULL && *text != '\0');
}

static void
attach_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    IopRuntimeView   *self)
{
  GtkEditable *socket_row = g_object_get_data (G_OBJECT (dialog), "socket-row");
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "interval-spin");

  if (g_strcmp0 (response, "attach") != 0)
    return;
  gtk_spin_button_update (spin);
  iop_runtime_view_attach (self, gtk_editable_get_text (socket_row), gtk_spin_button_get_value (spin));
}

static void
attach_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (ATTACH_RESOURCE);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  GtkEditable *socket_row = GTK_EDITABLE (gtk_builder_get_object (builder, "socket_row"));
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "interval_spin"));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->live_socket)
    gtk_editable_set_text (socket_row, self->live_socket);
  if (self->live_interval > 0)
    gtk_spin_button_set_value (spin, self->live_interval);
  g_object_set_data_full (G_OBJECT (dialog), "socket-row", g_object_ref (socket_row), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "interval-spin", g_object_ref (spin), g_object_unref);
  g_signal_connect_object (socket_row, "changed", G_CALLBACK (attach_socket_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (attach_response_cb), self, 0);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
detach_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  iop_runtime_view_detach (IOP_RUNTIME_VIEW (widget));
}

static void
compare_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  iop_runtime_view_run_comparison (IOP_RUNTIME_VIEW (widget));
}

static void
visible_page_cb (AdwViewStack   *stack,
                 GParamSpec     *pspec,
                 IopRuntimeView *self)
{
  if (self->rebuilding)
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (stack), COMPARE_PAGE) == 0 &&
      self->runtime != NULL && !self->runtime_is_live && !self->comparing &&
      (self->comparison == NULL || self->compare_stale) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->compare_stack), "error") != 0)
    iop_runtime_view_run_comparison (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_HOST]);
}

/* --- GtkWidget ------------------------------------------------------------ */

static void
iop_runtime_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
iop_runtime_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
  /* Not while allocating: the boxes change shape in an idle, before the next frame */
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      HostPage *hp = g_ptr_array_index (self->pages, i);
      GtkOrientation o = width >= iop_runtime_view_side_by_side_width (hp) ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL;

      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (hp->top)) != o)
        iop_runtime_view_queue_relayout (self);
    }
}

/* --- GObject -------------------------------------------------------------- */

static void
iop_runtime_view_dispose (GObject *object)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (object);
  GtkWidget *child;

  iop_runtime_view_live_stop (self);
  g_clear_handle_id (&self->relayout_id, g_source_remove);
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->rates_animation)
    adw_animation_reset (self->rates_animation);
  g_clear_object (&self->rates_animation);
  /* The diagrams let go of their hosts before the runtime goes */
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    iop_cores_diagram_set_host (((HostPage *)g_ptr_array_index (self->pages, i))->diagram, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_RUNTIME_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->runtime, iop_runtime_free);
  g_clear_pointer (&self->comparison, iop_comparison_free);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->live_replies, g_hash_table_unref);
  g_clear_pointer (&self->live_socket, g_free);
  g_clear_pointer (&self->error, g_free);
  G_OBJECT_CLASS (iop_runtime_view_parent_class)->dispose (object);
}

static void
iop_runtime_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  IopRuntimeView *self = IOP_RUNTIME_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, iop_runtime_view_get_loaded (self));
      break;
    case PROP_LIVE_STATE:
      g_value_set_enum (value, iop_runtime_view_get_live_state (self));
      break;
    case PROP_CURRENT_HOST:
      g_value_set_string (value, iop_runtime_view_get_current_host (self));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_COMPARING:
      g_value_set_boolean (value, self->comparing);
      break;
    case PROP_SCENARIO:
      g_value_set_pointer (value, self->scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_runtime_view_class_init (IopRuntimeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_runtime_view_dispose;
  object_class->get_property = iop_runtime_view_get_property;
  widget_class->measure = iop_runtime_view_measure;
  widget_class->size_allocate = iop_runtime_view_size_allocate;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIVE_STATE] =
    g_param_spec_enum ("live-state", NULL, NULL, IOP_TYPE_LIVE_STATE, IOP_LIVE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_HOST] =
    g_param_spec_string ("current-host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPARING] =
    g_param_spec_boolean ("comparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENARIO] =
    g_param_spec_pointer ("scenario", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * IopRuntimeView::knob-activated:
   * @knob: "method.param"
   *
   * A knob link was clicked; the property "current-host" names the host.
   */
  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-runtime-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_revealer);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_bar);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_spinner);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_title);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, live_detail);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, host_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_child);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_caption);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_spinner);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_stack);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_error);
  gtk_widget_class_bind_template_child (widget_class, IopRuntimeView, compare_box);

  gtk_widget_class_install_action (widget_class, "runtime.open-files", NULL, open_files_action);
  gtk_widget_class_install_action (widget_class, "runtime.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "runtime.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "runtime.detach", NULL, detach_action);
  gtk_widget_class_install_action (widget_class, "runtime.compare", NULL, compare_action);

  gtk_widget_class_set_css_name (widget_class, "iopruntimeview");

  g_type_ensure (IOP_TYPE_CORES_DIAGRAM);
}

static void
iop_runtime_view_init (IopRuntimeView *self)
{
  self->pages = g_ptr_array_new_with_free_func (iop_runtime_view_host_page_free);
  self->live_replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_node_unref);
  self->live_interval = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));

  self->rates_animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, RATES_ANIM_MS,
                                                   adw_callback_animation_target_new (iop_runtime_view_rates_animation_cb, self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->rates_animation), ADW_EASE_OUT_CUBIC);
  g_signal_connect_object (self->host_stack, "notify::visible-child-name", G_CALLBACK (visible_page_cb), self, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_spinner), FALSE);
  iop_runtime_view_update_actions (self);
  iop_page_hide_until_mapped (GTK_WIDGET (self));
}

/* --- Public API ------------------------------------------------------------ */

GtkWidget *
iop_runtime_view_new (void)
{
  return g_object_new (IOP_TYPE_RUNTIME_VIEW, NULL);
}

gboolean
iop_runtime_view_load_paths (IopRuntimeView     *self,
                             const char *const  *paths,
                             GError            **error)
{
  g_autoptr(IopRuntime) rt = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(GString) skipped = NULL;
  GPtrArray *dumps;
  guint n_skipped = 0;

  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);

  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("No file or folder to open"));
      goto fail;
    }
  rt = iop_runtime_new ();
  for (guint i = 0; paths[i]; i++)
    if (!iop_runtime_add_path (rt, paths[i], &local))
      goto fail;

  /* Files given one by one that say nothing, and folders of skipped files */
  skipped = g_string_new (NULL);
  dumps = iop_runtime_get_dumps (rt);
  for (guint i = 0; i < dumps->len; i++)
    {
      IopDump *d = g_ptr_array_index (dumps, i);

      if (d->kind == IOP_DUMP_SKIPPED || d->kind == IOP_DUMP_UNKNOWN)
        {
          g_autofree char *base = g_path_get_basename (d->path);
          if (n_skipped++ < 3)
            g_string_append_printf (skipped, "%s%s: %s", skipped->len ? "; " : "", base, d->note ? d->note : "?");
        }
    }
  if (iop_runtime_explain (rt)->len == 0)
    {
      if (n_skipped > 0)
        /* Translators: %s lists files and why each was skipped */
        g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("Nothing Iopath can explain in what was opened: %s"), skipped->str);
      else
        g_set_error (&local, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                     _("Nothing Iopath can explain in what was opened: no thread, role or finding in these dumps"));
      goto fail;
    }

  iop_runtime_view_live_stop (self);
  iop_runtime_view_show_runtime (self, g_steal_pointer (&rt), FALSE, NULL);
  iop_runtime_view_update_actions (self);
  iop_runtime_view_set_error (self, NULL, FALSE);
  if (n_skipped > 0)
    {
      g_autofree char *msg = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Skipped %u file: %s", "Skipped %u files: %s", n_skipped),
                                              n_skipped, skipped->str);
      iop_runtime_view_show_toast (self, msg);
    }
  return TRUE;

fail:
  iop_runtime_view_set_error (self, local->message, TRUE);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

void
iop_runtime_view_set_scenario (IopRuntimeView *self,
                               IopScenario    *scenario)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  if (self->scenario == scenario && scenario != NULL)
    return;
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  if (scenario)
    self->scenario = iop_scenario_ref (scenario);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  self->compare_stale = TRUE;
  if (self->comparison != NULL || self->comparing ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->host_stack), COMPARE_PAGE) == 0)
    iop_runtime_view_run_comparison (self);
}

IopScenario *
iop_runtime_view_get_scenario (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->scenario;
}


const IopComparison *
iop_runtime_view_get_comparison (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->comparison;
}

gboolean
iop_runtime_view_show_page (IopRuntimeView *self,
                            const char     *name)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);

  if (name == NULL || adw_view_stack_get_child_by_name (self->host_stack, name) == NULL)
    return FALSE;
  if (g_strcmp0 (name, COMPARE_PAGE) == 0 && (self->runtime == NULL || self->runtime_is_live))
    return FALSE;
  adw_view_stack_set_visible_child_name (self->host_stack, name);
  return TRUE;
}

gboolean
iop_runtime_view_get_loaded (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);
  return self->runtime != NULL;
}

IopLiveState
iop_runtime_view_get_live_state (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), IOP_LIVE_STOPPED);
  return self->live ? iop_live_get_state (self->live) : IOP_LIVE_STOPPED;
}

const char *
iop_runtime_view_get_current_host (IopRuntimeView *self)
{
  const char *name;

  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  if (self->runtime == NULL)
    return NULL;
  name = adw_view_stack_get_visible_child_name (self->host_stack);
  return g_strcmp0 (name, COMPARE_PAGE) == 0 ? NULL : name;
}

const char *
iop_runtime_view_get_error (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), NULL);
  return self->error;
}

gboolean
iop_runtime_view_get_comparing (IopRuntimeView *self)
{
  g_return_val_if_fail (IOP_IS_RUNTIME_VIEW (self), FALSE);
  return self->comparing;
}
