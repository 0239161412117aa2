/* iop-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "iop-preferences-window.h"
#include "iop-refs.h"
#include "iop-source-panel.h"

struct _IopPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  IopApplication       *application;
  GSettings            *settings;

  /* Template widgets */
  AdwActionRow         *folder_row;
  AdwActionRow         *status_row;
  GtkSwitch            *show_keys_switch;
  GtkImage             *status_icon;
  GtkWidget            *clear_button;
  AdwComboRow          *style_row;
};

G_DEFINE_FINAL_TYPE (IopPreferencesWindow, iop_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *style_variants[] = { "system", "light", "dark" };

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *s = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_variants); i++)
    if (g_strcmp0 (s, style_variants[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (style_variants[i < G_N_ELEMENTS (style_variants) ? i : 0]);
}

static void
refresh (IopPreferencesWindow *self)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "spdk-dir");
  g_autofree char *why = NULL;
  g_autofree char *dir = iop_application_resolve_spdk_dir (self->application, &why);
  g_autofree char *status = NULL;
  const char *override = iop_application_get_spdk_dir_override (self->application);

  if (setting != NULL && *setting != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (setting, -1);
      adw_action_row_set_subtitle (self->folder_row, escaped);
    }
  else
    adw_action_row_set_subtitle (self->folder_row, _("Not set"));
  gtk_widget_set_sensitive (self->clear_button, setting != NULL && *setting != '\0');

  if (dir != NULL)
    {
      g_autofree char *version = iop_spdk_checkout_version (dir);
      g_autofree char *where = NULL;

      if (override != NULL && g_strcmp0 (override, setting) != 0)
        where = g_strdup (_("chosen with --spdk-dir"));
      else if (g_getenv ("IOPATH_SPDK_DIR") != NULL && g_strcmp0 (g_getenv ("IOPATH_SPDK_DIR"), dir) == 0)
        where = g_strdup (_("from IOPATH_SPDK_DIR"));
      else if (g_strcmp0 (setting, dir) != 0)
        where = g_strdup (_("bundled with Iopath"));

      /* Translators: "SPDK v26.01 in /home/me/spdk", then where the choice came from */
      status = g_strdup_printf (_("SPDK %s in %s%s%s%s"),
                                version ? version : _("(version unknown)"), dir,
                                where ? " (" : "", where ? where : "", where ? ")" : "");
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "success");
    }
  else
    {
      status = g_strdup (why ? why : _("No SPDK source folder is set"));
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), "warning");
    }
  {
    g_autofree char *escaped = g_markup_escape_text (status, -1);
    adw_action_row_set_subtitle (self->status_row, escaped);
  }
}

static void
choose_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  IopPreferencesWindow *self = IOP_PREFERENCES_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        {
          iop_application_set_spdk_dir_override (self->application, path);
          g_settings_set_string (self->settings, "spdk-dir", path);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static void
choose_clicked_cb (IopPreferencesWindow *self,
                   GtkButton            *button)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose SPDK Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
clear_clicked_cb (IopPreferencesWindow *self,
                  GtkButton            *button)
{
  g_autofree char *setting = g_settings_get_string (self->settings, "spdk-dir");

  if (g_strcmp0 (iop_application_get_spdk_dir_override (self->application), setting) == 0)
    iop_application_set_spdk_dir_override (self->application, NULL);
  g_settings_set_string (self->settings, "spdk-dir", "");
}

static void
iop_preferences_window_dispose (GObject *object)
{
  IopPreferencesWindow *self = IOP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);
  G_OBJECT_CLASS (iop_preferences_window_parent_class)->dispose (object);
}

static void
iop_preferences_window_class_init (IopPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, show_keys_switch);
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, clear_button);
  gtk_widget_class_bind_template_child (widget_class, IopPreferencesWindow, style_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
iop_preferences_window_init (IopPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWindow *
iop_preferences_window_new (IopApplication *application)
{
  IopPreferencesWindow *self;

  g_return_val_if_fail (IOP_IS_APPLICATION (application), NULL);

  self = g_object_new (IOP_TYPE_PREFERENCES_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->settings = g_object_ref (iop_application_get_settings (application));

  g_settings_bind (self->settings, "show-keys", self->show_keys_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "style-variant", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::spdk-dir", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::spdk-dir-override", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  return GTK_WINDOW (self);
}
