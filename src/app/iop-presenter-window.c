/* iop-presenter-window.c: the lesson's speaker notes, in a window of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "iop-presenter-window.h"

struct _IopPresenterWindow
{
  AdwWindow  parent_instance;

  GtkLabel  *lesson_label;
  GtkLabel  *chapter_label;
  GtkLabel  *position_label;
  GtkLabel  *note_label;
  GtkLabel  *next_label;
  GtkWindow *main_window;       /* weak */
};

G_DEFINE_FINAL_TYPE (IopPresenterWindow, iop_presenter_window, ADW_TYPE_WINDOW)

static GtkLabel *
add_label (GtkBox     *box,
           const char *css,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

/* The buttons act on the main window, where the lesson plays */
static void
nav_clicked_cb (GtkButton          *button,
                IopPresenterWindow *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "iop-action");

  if (self->main_window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->main_window), action, NULL);
}

static GtkWidget *
nav_button (IopPresenterWindow *self,
            const char         *icon,
            const char         *tooltip,
            const char         *action)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (b, tooltip);
  g_object_set_data (G_OBJECT (b), "iop-action", (gpointer)action);
  g_signal_connect (b, "clicked", G_CALLBACK (nav_clicked_cb), self);
  return b;
}

static void
iop_presenter_window_dispose (GObject *object)
{
  IopPresenterWindow *self = IOP_PRESENTER_WINDOW (object);

  g_clear_weak_pointer (&self->main_window);
  G_OBJECT_CLASS (iop_presenter_window_parent_class)->dispose (object);
}

static void
iop_presenter_window_class_init (IopPresenterWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = iop_presenter_window_dispose;
}

static void
iop_presenter_window_init (IopPresenterWindow *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_window_set_title (GTK_WINDOW (self), _("Speaker Notes"));
  gtk_window_set_default_size (GTK_WINDOW (self), 720, 520);
  gtk_widget_add_css_class (nav, "linked");
  gtk_box_append (GTK_BOX (nav), nav_button (self, "go-previous-symbolic", _("Previous Chapter (Ctrl+Page Up)"), "win.lesson-previous"));
  gtk_box_append (GTK_BOX (nav), nav_button (self, "media-playback-start-symbolic", _("Play or Pause (Space)"), "win.play"));
  gtk_box_append (GTK_BOX (nav), nav_button (self, "go-next-symbolic", _("Next Chapter (Ctrl+Page Down)"), "win.lesson-next"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), nav);
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  self->lesson_label = add_label (GTK_BOX (box), "dim-label", TRUE);
  self->chapter_label = add_label (GTK_BOX (box), "title-2", TRUE);
  self->position_label = add_label (GTK_BOX (box), "heading", FALSE);
  self->note_label = add_label (GTK_BOX (box), "title-3", TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->note_label), TRUE);
  gtk_label_set_yalign (self->note_label, 0);
  self->next_label = add_label (GTK_BOX (box), "dim-label", TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (outer), scroll);
  adw_window_set_content (ADW_WINDOW (self), outer);
}

IopPresenterWindow *
iop_presenter_window_new (GtkWindow *main_window)
{
  IopPresenterWindow *self = g_object_new (IOP_TYPE_PRESENTER_WINDOW, NULL);

  /* Not transient: it goes on the trainer's own screen, apart from the
   * window the audience sees. Its buttons act on the main window. */
  g_set_weak_pointer (&self->main_window, main_window);
  return self;
}

void
iop_presenter_window_update (IopPresenterWindow *self,
                             const char         *lesson_title,
                             const char         *chapter,
                             const char         *position,
                             const char         *note,
                             const char         *next)
{
  g_return_if_fail (IOP_IS_PRESENTER_WINDOW (self));

  gtk_label_set_text (self->lesson_label, lesson_title ? lesson_title : "");
  gtk_label_set_text (self->chapter_label, chapter ? chapter : "");
  gtk_label_set_text (self->position_label, position ? position : "");
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_label_set_text (self->next_label, next ? next : "");
}

const char *
iop_presenter_window_get_note (IopPresenterWindow *self)
{
  g_return_val_if_fail (IOP_IS_PRESENTER_WINDOW (self), NULL);
  return gtk_label_get_text (self->note_label);
}
