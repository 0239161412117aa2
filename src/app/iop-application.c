/* iop-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Application"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "iop-application.h"
#include "iop-preferences-window.h"
#include "iop-refs.h"
#include "iop-window.h"

struct _IopApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *spdk_dir_override;
  char          **start_sets;     /* --set, until the first window shows */
  char           *start_view;     /* --view */
};

G_DEFINE_FINAL_TYPE (IopApplication, iop_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SPDK_DIR_OVERRIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "spdk-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Read SPDK’s source code from DIR (overrides the preferences)"), N_("DIR") },
  { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Change a knob after opening, as iopath-cli --set does (repeatable)"), N_("[HOST:]METHOD.PARAM=VALUE") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start in this view: trace, compare, memory, workload, runtime or recorded"), N_("VIEW") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { NULL }
};

IopApplication *
iop_application_new (void)
{
  return g_object_new (IOP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/iopath/Iopath",
                       NULL);
}

static IopWindow *
get_or_create_window (IopApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (iop_window_new (self));
  return IOP_WINDOW (window);
}

#define SCHEMA_RESOURCE "/io/github/iopath/Iopath/schema/gschemas.compiled"

/* The copy of the schema compiled into the app, as a schema source: GLib
 * reads schemas from files only, so it is written to a private folder,
 * loaded, and the folder removed at once. */
static GSettingsSchema *
builtin_schema (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (SCHEMA_RESOURCE, 0, NULL);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;

  if (bytes == NULL)
    return NULL;
  dir = g_dir_make_tmp ("iopath-schema-XXXXXX", NULL);
  if (dir == NULL)
    return NULL;
  file = g_build_filename (dir, "gschemas.compiled", NULL);
  if (g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, NULL);
  g_unlink (file);
  g_rmdir (dir);
  return source ? g_settings_schema_source_lookup (source, APP_ID, FALSE) : NULL;
}

GSettings *
iop_settings_new (void)
{
  static GSettingsBackend *memory = NULL;
  static GSettingsSchema *fallback = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() aborts when the schema is missing: look first */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  if (memory == NULL)
    {
      g_printerr (_("iopath: the settings schema %s is not installed: settings are kept in memory for this run "
                    "and forgotten on exit (run Iopath from its source tree with ./tools/run-app, or install it)\n"),
                  APP_ID);
      /* one backend for every GSettings of the app, so they see each other's changes */
      memory = g_memory_settings_backend_new ();
      fallback = builtin_schema ();
    }
  if (fallback == NULL)
    return NULL;
  return g_settings_new_full (fallback, memory, NULL);
}

static void
style_variant_changed_cb (IopApplication *self,
                          const char     *key,
                          GSettings      *settings)
{
  g_autofree char *variant = g_settings_get_string (settings, "style-variant");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (variant, "light") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (variant, "dark") == 0)
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  IopWindow *window = IOP_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      iop_window_open_file (window, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (window);
}

static void
iop_application_open_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  IopApplication *self = IOP_APPLICATION (user_data);
  IopWindow *window = get_or_create_window (self);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_window_present (GTK_WINDOW (window));

  native = gtk_file_chooser_native_new (_("Open Scenario"), GTK_WINDOW (window),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("Iopath Scenarios"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
iop_application_preferences_action (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  IopApplication *self = IOP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *prefs = iop_preferences_window_new (self);

  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
iop_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  IopApplication *self = IOP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/iopath/Iopath/ui/help-overlay.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (window, parent);
  gtk_window_set_modal (window, TRUE);
  gtk_window_present (window);
}

static void
iop_application_about_action (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  IopApplication *self = IOP_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Iopath authors", NULL };
  g_autofree char *tags = iop_spdk_version_list ();
  g_autofree char *comments = NULL;
  GtkWidget *about;

  comments = g_strdup_printf (_("Follow one I/O request through SPDK, step by step: the code that runs, "
                                "the objects it takes, the knobs that govern it, and why.\n\n"
                                "Models SPDK %s. SPDK’s code is read from your own checkout; none of it is shipped."),
                              tags);
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Iopath"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Iopath authors"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/iopath/iopath",
                        "issue-url", "https://github.com/iopath/iopath/issues",
                        "comments", comments,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("SPDK"), "https://spdk.io");
  gtk_window_present (GTK_WINDOW (about));
}

static void
iop_application_quit_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  IopApplication *self = IOP_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close politely so each window saves its state */
  for (GList *l = g_list_copy (windows); l; l = g_list_delete_link (l, l))
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "open", iop_application_open_action },
  { "preferences", iop_application_preferences_action },
  { "shortcuts", iop_application_shortcuts_action },
  { "about", iop_application_about_action },
  { "quit", iop_application_quit_action },
};

static int
iop_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  IopApplication *self = IOP_APPLICATION (app);
  g_autofree char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "iopath", PACKAGE_VERSION);
      return 0;
    }
  /* applied once the first window shows (iop_application_apply_start_options) */
  g_clear_pointer (&self->start_sets, g_strfreev);
  g_variant_dict_lookup (options, "set", "^as", &self->start_sets);
  g_clear_pointer (&self->start_view, g_free);
  g_variant_dict_lookup (options, "view", "s", &self->start_view);
  if (g_variant_dict_lookup (options, "spdk-dir", "^ay", &dir))
    {
      g_autofree char *abs = g_canonicalize_filename (dir, NULL);
      iop_application_set_spdk_dir_override (self, abs);
    }
  return G_APPLICATION_CLASS (iop_application_parent_class)->handle_local_options (app, options);
}

static void
iop_application_startup (GApplication *app)
{
  IopApplication *self = IOP_APPLICATION (app);
  static const struct { const char *action; const char *accels[4]; } accels[] = {
    { "app.open", { "<Control>o", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.presentation", { "F11", NULL } },
    { "win.side-panel", { "F9", NULL } },
    { "win.export-picture", { "<Control>e", NULL } },
    { "win.inject-fault", { "<Control>j", NULL } },
    { "win.show-view::trace", { "<Alt>1", NULL } },
    { "win.show-view::memory", { "<Alt>2", NULL } },
    { "win.show-view::workload", { "<Alt>3", NULL } },
    { "win.show-view::runtime", { "<Alt>4", NULL } },
    { "win.compare", { "<Alt>5", NULL } },
    /* Space, Left, Right, Home, End, + and - are handled by IopWindow so
     * they still type into entries and spin buttons (see playback_key_cb) */
  };

  G_APPLICATION_CLASS (iop_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  self->settings = iop_settings_new ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::style-variant",
                               G_CALLBACK (style_variant_changed_cb), self, G_CONNECT_SWAPPED);
      style_variant_changed_cb (self, "style-variant", self->settings);
    }
}

/* --set and --view, once, on the window the start opened */
static void
apply_start_options (IopApplication *self,
                     IopWindow      *window)
{
  for (guint i = 0; self->start_sets != NULL && self->start_sets[i] != NULL; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.set-knob", "s", self->start_sets[i]);
  if (self->start_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", self->start_view);
  g_clear_pointer (&self->start_sets, g_strfreev);
  g_clear_pointer (&self->start_view, g_free);
}

static void
iop_application_activate (GApplication *app)
{
  IopWindow *window = get_or_create_window (IOP_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  apply_start_options (IOP_APPLICATION (app), window);
}

static void
iop_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  IopWindow *window = get_or_create_window (IOP_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < n_files; i++)
    iop_window_open_file (window, files[i]);
  apply_start_options (IOP_APPLICATION (app), window);
}

static void
iop_application_dispose (GObject *object)
{
  IopApplication *self = IOP_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->spdk_dir_override, g_free);
  g_clear_pointer (&self->start_sets, g_strfreev);
  g_clear_pointer (&self->start_view, g_free);
  G_OBJECT_CLASS (iop_application_parent_class)->dispose (object);
}

static void
iop_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  IopApplication *self = IOP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SPDK_DIR_OVERRIDE:
      g_value_set_string (value, self->spdk_dir_override);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  IopApplication *self = IOP_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SPDK_DIR_OVERRIDE:
      iop_application_set_spdk_dir_override (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_application_class_init (IopApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = iop_application_dispose;
  object_class->get_property = iop_application_get_property;
  object_class->set_property = iop_application_set_property;

  app_class->handle_local_options = iop_application_handle_local_options;
  app_class->startup = iop_application_startup;
  app_class->activate = iop_application_activate;
  app_class->open = iop_application_open;

  properties[PROP_SPDK_DIR_OVERRIDE] =
    g_param_spec_string ("spdk-dir-override", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
iop_application_init (IopApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[SCENARIO.json…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Watch one I/O request travel through SPDK, step by step."));
}

GSettings *
iop_application_get_settings (IopApplication *self)
{
  g_return_val_if_fail (IOP_IS_APPLICATION (self), NULL);
  return self->settings;
}

const char *
iop_application_get_spdk_dir_override (IopApplication *self)
{
  g_return_val_if_fail (IOP_IS_APPLICATION (self), NULL);
  return self->spdk_dir_override;
}

void
iop_application_set_spdk_dir_override (IopApplication *self,
                                       const char     *dir)
{
  g_return_if_fail (IOP_IS_APPLICATION (self));

  if (g_strcmp0 (dir, self->spdk_dir_override) == 0)
    return;
  g_free (self->spdk_dir_override);
  self->spdk_dir_override = g_strdup (dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPDK_DIR_OVERRIDE]);
}

char *
iop_application_resolve_spdk_dir (IopApplication *self,
                                  char          **why)
{
  g_autofree char *setting = NULL;

  g_return_val_if_fail (IOP_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    setting = g_settings_get_string (self->settings, "spdk-dir");
  return iop_source_resolve_dir (self->spdk_dir_override, setting, why);
}
