/* iop-source-panel.c: SPDK's own code for the current step
 *
 * The code is read at run time from the user's SPDK checkout (Iopath ships
 * none). The whole file is shown with C highlighting; the step's function
 * is tinted, its line marked and scrolled into view. Without a checkout the
 * panel still names the file, function and line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-SourcePanel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "iop-json-util.h"
#include "iop-refs.h"
#include "iop-source-panel.h"

#define MARK_CATEGORY "iop-step"
#define FUNCTION_CATEGORY "iop-function"
#define MAX_FILE_BYTES (16 * 1024 * 1024)

struct _IopSourcePanel
{
  GtkWidget        parent_instance;

  IopTrace        *trace;
  int              step;
  char            *spdk_dir;
  char            *why;
  char            *found_version;
  char            *loaded_path;
  char           **file_lines;
  guint            n_file_lines;
  int              excerpt_first;   /* file line of the buffer's first line */
  int              excerpt_last;
  char            *location;
  char            *version_note;
  IopSourceState   state;
  int              highlight_line;

  GtkSourceBuffer *buffer;
  GtkTextTag      *line_tag;
  GtkSourceMark   *mark;
  GtkSourceGutterRenderer *line_numbers;
  guint            scroll_id;

  /* Template widgets */
  GtkLabel        *function_label;
  GtkLabel        *location_label;
  GtkLabel        *version_label;
  GtkWidget       *note_box;
  GtkLabel        *note_label;
  GtkStack        *stack;
  GtkSourceView   *view;
  AdwStatusPage   *status_page;
  GtkWidget       *choose_button;
};

G_DEFINE_FINAL_TYPE (IopSourcePanel, iop_source_panel, GTK_TYPE_WIDGET)

static void
update_colors (IopSourcePanel *self)
{
  AdwStyleManager *sm = adw_style_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (sm);
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");
  GtkSourceMarkAttributes *attrs;
  GdkRGBA function_bg, line_bg;

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (self->buffer, scheme);

  gdk_rgba_parse (&function_bg, dark ? "rgba(120,174,237,0.07)" : "rgba(28,113,216,0.045)");
  gdk_rgba_parse (&line_bg, dark ? "rgba(120,174,237,0.30)" : "rgba(28,113,216,0.18)");

  /* Marks paint whole lines, empty ones too, which a tag does not */
  attrs = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_background (attrs, &function_bg);
  gtk_source_view_set_mark_attributes (self->view, FUNCTION_CATEGORY, attrs, 5);
  g_object_unref (attrs);

  attrs = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_icon_name (attrs, "go-next-symbolic");
  gtk_source_mark_attributes_set_background (attrs, &line_bg);
  gtk_source_view_set_mark_attributes (self->view, MARK_CATEGORY, attrs, 10);
  g_object_unref (attrs);
}

/* iop_source_detect_version() reads include/spdk/version.h, which only a
 * configured tree has; a fresh clone carries the release in VERSION
 * ("26.01.0"). */
char *
iop_spdk_checkout_version (const char *dir)
{
  char *found = iop_source_detect_version (dir);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  int major = -1, minor = -1;

  if (found != NULL)
    return found;
  path = g_build_filename (dir, "VERSION", NULL);
  if (!iop_file_read_bounded (path, 4096, &data, NULL, NULL))
    return NULL;
  if (sscanf (data, "%d.%d", &major, &minor) != 2 || major < 0 || minor < 0)
    return NULL;
  return g_strdup_printf ("v%d.%02d", major, minor);
}

static void
set_status (IopSourcePanel *self,
            IopSourceState  state,
            const char     *icon,
            const char     *title,
            const char     *description)
{
  self->state = state;
  self->highlight_line = 0;
  adw_status_page_set_icon_name (self->status_page, icon);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->choose_button, state == IOP_SOURCE_STATE_NO_FOLDER);
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
set_version_note (IopSourcePanel *self,
                  const char     *note)
{
  g_free (self->version_note);
  self->version_note = g_strdup (note);
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (self->note_box, note != NULL);
}

#define CONTEXT_LINES 40

/* Reads PATH into lines (cached by path) */
static gboolean
load_file (IopSourcePanel  *self,
           const char      *path,
           GError         **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_strcmp0 (path, self->loaded_path) == 0)
    return TRUE;
  /* bounded, and never a FIFO or a device in its place */
  if (!iop_file_read_bounded (path, MAX_FILE_BYTES, &data, &len, error))
    return FALSE;
  if (!g_utf8_validate (data, len, NULL))
    {
      char *valid = g_utf8_make_valid (data, len);
      g_free (data);
      data = valid;
    }

  g_clear_pointer (&self->file_lines, g_strfreev);
  self->file_lines = g_strsplit (data, "\n", -1);
  self->n_file_lines = g_strv_length (self->file_lines);
  self->excerpt_first = self->excerpt_last = 0;
  g_free (self->loaded_path);
  self->loaded_path = g_strdup (path);
  return TRUE;
}

/* Shows file lines FIRST..LAST (1-based) in the buffer; the gutter numbers
 * them as in the file. An excerpt, not the whole file, so the text view
 * measures it at once and the step's line can be scrolled to precisely. */
static void
show_excerpt (IopSourcePanel *self,
              int             first,
              int             last)
{
  GString *text;
  GtkSourceLanguageManager *lm;

  if (first == self->excerpt_first && last == self->excerpt_last)
    return;

  text = g_string_new (NULL);
  for (int l = first; l <= last; l++)
    {
      g_string_append (text, self->file_lines[l - 1]);
      if (l < last)
        g_string_append_c (text, '\n');
    }
  lm = gtk_source_language_manager_get_default ();
  gtk_source_buffer_set_language (self->buffer, gtk_source_language_manager_get_language (lm, "c"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), text->str, (int)text->len);
  g_string_free (text, TRUE);
  self->mark = NULL;
  self->excerpt_first = first;
  self->excerpt_last = last;
  gtk_widget_queue_resize (GTK_WIDGET (self->line_numbers));
}

static void
line_numbers_query_data_cb (GtkSourceGutterRendererText *renderer,
                            GtkSourceGutterLines        *lines,
                            guint                        line,
                            IopSourcePanel              *self)
{
  char num[16];
  int file_line = (int)line + self->excerpt_first;

  if (self->excerpt_first <= 0)
    {
      gtk_source_gutter_renderer_text_set_text (renderer, "", -1);
      return;
    }
  if (file_line == self->highlight_line)
    {
      g_snprintf (num, sizeof num, "<b>%d</b>", file_line);
      gtk_source_gutter_renderer_text_set_markup (renderer, num, -1);
    }
  else
    {
      g_snprintf (num, sizeof num, "%d", file_line);
      gtk_source_gutter_renderer_text_set_text (renderer, num, -1);
    }
}

/* The buffer holds an excerpt of a few hundred lines, so the text view's own
 * scroll_to_mark (which measures the lines around the target) is exact; do
 * it again once the view has a size, after the next layout. */
static gboolean
scroll_idle_cb (gpointer data)
{
  IopSourcePanel *self = data;

  self->scroll_id = 0;
  if (self->mark != NULL && self->state == IOP_SOURCE_STATE_CODE)
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), GTK_TEXT_MARK (self->mark), 0.0, TRUE, 0.0, 0.3);
  return G_SOURCE_REMOVE;
}

static void
queue_scroll (IopSourcePanel *self)
{
  if (self->mark == NULL)
    return;
  gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self->view), GTK_TEXT_MARK (self->mark), 0.0, TRUE, 0.0, 0.3);
  if (self->scroll_id == 0)
    self->scroll_id = g_timeout_add (100, scroll_idle_cb, self);
}

/* The view changed size (a pane moved, the window grew): keep the line in view */
static void
page_size_notify_cb (IopSourcePanel *self)
{
  if (self->state == IOP_SOURCE_STATE_CODE && self->mark != NULL && self->scroll_id == 0)
    self->scroll_id = g_timeout_add (50, scroll_idle_cb, self);
}

static void
update_gutter_width (IopSourcePanel *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->view), "000000");
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gtk_widget_set_size_request (GTK_WIDGET (self->line_numbers), w + 8, -1);
}

static void
view_map_cb (IopSourcePanel *self)
{
  update_gutter_width (self);
  if (self->state == IOP_SOURCE_STATE_CODE)
    queue_scroll (self);
}

static void
show_snippet (IopSourcePanel   *self,
              const IopSnippet *snippet)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter start, end, line_start, line_end;
  int n_lines = 1;
  int line, first, last;

  for (const char *p = snippet->text; *p; p++)
    if (*p == '\n')
      n_lines++;

  first = MAX (1, snippet->first_line - CONTEXT_LINES);
  last = MIN ((int)self->n_file_lines, snippet->first_line + n_lines - 1 + CONTEXT_LINES);
  show_excerpt (self, first, last);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->line_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, MARK_CATEGORY);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, FUNCTION_CATEGORY);

  for (int i = 0; i < n_lines; i++)
    {
      GtkTextIter it;

      gtk_text_buffer_get_iter_at_line (buffer, &it, snippet->first_line - first + i);
      gtk_source_buffer_create_source_mark (self->buffer, NULL, FUNCTION_CATEGORY, &it);
    }

  line = snippet->highlight_line > 0 ? snippet->highlight_line : snippet->name_line;
  gtk_text_buffer_get_iter_at_line (buffer, &line_start, line - first);
  line_end = line_start;
  if (!gtk_text_iter_ends_line (&line_end))
    gtk_text_iter_forward_to_line_end (&line_end);
  gtk_text_buffer_apply_tag (buffer, self->line_tag, &line_start, &line_end);
  self->mark = gtk_source_buffer_create_source_mark (self->buffer, NULL, MARK_CATEGORY, &line_start);
  gtk_text_buffer_place_cursor (buffer, &line_start);
  self->highlight_line = line;
  gtk_widget_queue_draw (GTK_WIDGET (self->view));

  self->state = IOP_SOURCE_STATE_CODE;
  gtk_stack_set_visible_child_name (self->stack, "code");
  queue_scroll (self);
}

static void
update (IopSourcePanel *self)
{
  const IopStep *s = NULL;
  g_autofree char *location = NULL;
  g_autofree char *function = NULL;
  g_autofree char *ref_text = NULL;
  g_autoptr(IopSnippet) snippet = NULL;
  g_autoptr(GError) error = NULL;
  const char *tag = NULL;
  IopRef ref = { 0 };

  if (self->trace != NULL && self->step >= 0 && (guint)self->step < self->trace->steps->len)
    {
      s = iop_trace_step (self->trace, (guint)self->step);
      tag = iop_trace_spdk_tag (self->trace);
    }

  /* Header: the reference, always */
  if (s != NULL && s->file != NULL)
    {
      location = s->line > 0 ? g_strdup_printf ("%s:%d", s->file, s->line) : g_strdup (s->file);
      function = g_strdup_printf ("%s()", s->function ? s->function : "");
      /* Translators: the reference shown without a checkout: file, line, function */
      ref_text = g_markup_printf_escaped (_("This step runs <tt>%s()</tt> in <tt>%s</tt>, line %d at SPDK %s."),
                                          s->function ? s->function : "?", s->file, s->line, tag);
    }
  else if (s != NULL)
    {
      location = g_strdup (_("No SPDK function"));
      function = g_strdup (s->title);
    }
  else
    {
      location = g_strdup ("");
      function = g_strdup ("");
    }
  gtk_label_set_text (self->location_label, location);
  gtk_label_set_text (self->function_label, function);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->location_label), location);
  g_free (self->location);
  self->location = g_steal_pointer (&location);

  if (self->spdk_dir != NULL)
    {
      g_autofree char *chip = NULL;

      if (self->found_version != NULL)
        /* Translators: the version of the user's SPDK checkout */
        chip = g_strdup_printf (_("SPDK %s"), self->found_version);
      else
        chip = g_strdup (_("SPDK (version unknown)"));
      gtk_label_set_text (self->version_label, chip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->version_label), self->spdk_dir);
    }
  else
    {
      g_autofree char *chip = tag ? g_strdup_printf (_("Reference: SPDK %s"), tag) : NULL;
      gtk_label_set_text (self->version_label, chip ? chip : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->version_label), NULL);
    }

  /* A note when the checkout is not the version the trace follows */
  if (self->spdk_dir != NULL && tag != NULL && g_strcmp0 (self->found_version, tag) != 0)
    {
      g_autofree char *note = NULL;

      if (self->found_version != NULL)
        /* Translators: both %s are SPDK tags such as v26.01 */
        note = g_strdup_printf (_("This checkout is SPDK %s; the trace follows %s. "
                                  "Functions are found by name, so lines and details may differ."),
                                self->found_version, tag);
      else
        note = g_strdup_printf (_("The SPDK version of this checkout is unknown; the trace follows %s. "
                                  "Lines and details may differ."), tag);
      set_version_note (self, note);
    }
  else
    set_version_note (self, NULL);

  if (s == NULL)
    {
      if (self->trace != NULL && self->step < 0)
        set_status (self, IOP_SOURCE_STATE_EMPTY, "iop-source-symbolic", _("Still in the Guest"),
                    _("The guest’s NVMe driver is writing the command into its submission queue. "
                      "SPDK’s code starts at the next step."));
      else
        set_status (self, IOP_SOURCE_STATE_EMPTY, "iop-source-symbolic", _("No Step"), NULL);
      return;
    }

  if (s->file == NULL || s->function == NULL)
    {
      set_status (self, IOP_SOURCE_STATE_NO_CODE,
                  s->place == IOP_PLACE_NETWORK ? "network-wired-symbolic"
                  : s->layer == IOP_LAYER_GUEST ? "computer-symbolic" : "drive-harddisk-solidstate-symbolic",
                  _("No SPDK Code Runs Here"),
                  s->place == IOP_PLACE_NETWORK
                    ? _("The request is on the wire: the NICs and the switch move it, no CPU runs SPDK for this step.")
                  : s->layer == IOP_LAYER_GUEST
                    ? (s->direction == IOP_DIR_UP
                       ? _("The guest’s own NVMe driver reads the completion SPDK posted into its queue.")
                       : _("The guest’s own NVMe driver does this; SPDK’s poller will find the command in the queue."))
                    : _("The device does this work; SPDK’s poller will see the completion."));
      return;
    }

  if (self->spdk_dir == NULL)
    {
      g_autofree char *desc = NULL;
      g_autofree char *why = g_markup_escape_text (self->why ? self->why : _("No SPDK source folder is set"), -1);

      desc = g_strdup_printf ("%s\n\n%s.\n%s",
                              ref_text, why,
                              _("Iopath reads SPDK’s code from a checkout on this computer; it ships none."));
      set_status (self, IOP_SOURCE_STATE_NO_FOLDER, "folder-symbolic", _("No SPDK Source Folder"), desc);
      return;
    }

  ref.file = s->file;
  ref.function = s->function;
  ref.highlight = s->highlight;
  ref.line = s->line;
  snippet = iop_source_find_function (self->spdk_dir, &ref, &error);
  if (snippet == NULL || !load_file (self, snippet->path, &error))
    {
      g_autofree char *msg = g_markup_escape_text (error->message, -1);
      g_autofree char *desc = g_strdup_printf ("%s\n\n%s", msg, ref_text);
      set_status (self, IOP_SOURCE_STATE_NOT_FOUND, "edit-find-symbolic", _("Function Not Found"), desc);
      return;
    }

  /* The header shows where the function really is in this checkout */
  {
    g_autofree char *where = g_strdup_printf ("%s:%d", s->file, snippet->name_line);
    gtk_label_set_text (self->location_label, where);
    g_free (self->location);
    self->location = g_steal_pointer (&where);
  }
  show_snippet (self, snippet);
}

static void
dark_changed_cb (IopSourcePanel *self)
{
  update_colors (self);
}

static void
iop_source_panel_dispose (GObject *object)
{
  IopSourcePanel *self = IOP_SOURCE_PANEL (object);

  g_clear_handle_id (&self->scroll_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_SOURCE_PANEL);
  {
    GtkWidget *child;

    /* The template's root child is not bound to a field: unparent it too */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->spdk_dir, g_free);
  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->found_version, g_free);
  g_clear_pointer (&self->loaded_path, g_free);
  g_clear_pointer (&self->file_lines, g_strfreev);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->version_note, g_free);
  g_clear_object (&self->buffer);
  G_OBJECT_CLASS (iop_source_panel_parent_class)->dispose (object);
}

static void
iop_source_panel_class_init (IopSourcePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_source_panel_dispose;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-source-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, function_label);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, location_label);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, version_label);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, note_box);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, note_label);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, view);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, IopSourcePanel, choose_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopsourcepanel");
}

static void
iop_source_panel_init (IopSourcePanel *self)
{
  self->step = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->buffer = gtk_source_buffer_new (NULL);
  gtk_source_buffer_set_highlight_matching_brackets (self->buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->view), GTK_TEXT_BUFFER (self->buffer));
  self->line_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "iop-line",
                                               "weight", PANGO_WEIGHT_BOLD, NULL);
  /* Line numbers as in the file, since the buffer holds an excerpt */
  {
    GtkSourceGutter *gutter = gtk_source_view_get_gutter (self->view, GTK_TEXT_WINDOW_LEFT);
    GtkSourceGutterRendererText *numbers = GTK_SOURCE_GUTTER_RENDERER_TEXT (gtk_source_gutter_renderer_text_new ());
    gtk_source_gutter_renderer_set_xalign (GTK_SOURCE_GUTTER_RENDERER (numbers), 1.0);
    gtk_source_gutter_renderer_set_xpad (GTK_SOURCE_GUTTER_RENDERER (numbers), 4);
    gtk_widget_add_css_class (GTK_WIDGET (numbers), "line-numbers");
    g_signal_connect (numbers, "query-data", G_CALLBACK (line_numbers_query_data_cb), self);
    gtk_source_gutter_insert (gutter, GTK_SOURCE_GUTTER_RENDERER (numbers), -30);
    self->line_numbers = GTK_SOURCE_GUTTER_RENDERER (numbers);
  }

  update_colors (self);
  g_signal_connect_swapped (self->view, "map", G_CALLBACK (view_map_cb), self);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view)), "notify::page-size",
                           G_CALLBACK (page_size_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

GtkWidget *
iop_source_panel_new (void)
{
  return g_object_new (IOP_TYPE_SOURCE_PANEL, NULL);
}

void
iop_source_panel_set_spdk_dir (IopSourcePanel *self,
                               const char     *dir,
                               const char     *why)
{
  g_return_if_fail (IOP_IS_SOURCE_PANEL (self));

  if (g_strcmp0 (dir, self->spdk_dir) != 0)
    {
      g_free (self->spdk_dir);
      self->spdk_dir = g_strdup (dir);
      g_clear_pointer (&self->loaded_path, g_free);
      g_clear_pointer (&self->file_lines, g_strfreev);
      self->excerpt_first = self->excerpt_last = 0;
    }
  g_clear_pointer (&self->found_version, g_free);
  if (dir != NULL)
    self->found_version = iop_spdk_checkout_version (dir);
  g_free (self->why);
  self->why = g_strdup (why);
  update (self);
}

void
iop_source_panel_set_step (IopSourcePanel *self,
                           IopTrace       *trace,
                           int             step)
{
  g_return_if_fail (IOP_IS_SOURCE_PANEL (self));

  if (trace != self->trace)
    {
      if (trace != NULL)
        iop_trace_ref (trace);
      g_clear_pointer (&self->trace, iop_trace_unref);
      self->trace = trace;
    }
  self->step = step;
  update (self);
}

IopSourceState
iop_source_panel_get_state (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), IOP_SOURCE_STATE_EMPTY);
  return self->state;
}

GtkSourceBuffer *
iop_source_panel_get_buffer (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), NULL);
  return self->buffer;
}

int
iop_source_panel_get_highlight_line (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), 0);
  return self->state == IOP_SOURCE_STATE_CODE ? self->highlight_line : 0;
}

const char *
iop_source_panel_get_location (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), NULL);
  return self->location;
}

const char *
iop_source_panel_get_found_version (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), NULL);
  return self->found_version;
}

const char *
iop_source_panel_get_version_note (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), NULL);
  return self->version_note;
}

/* The file line shown on the buffer's first line (an excerpt); 0 when none */
int
iop_source_panel_get_first_line (IopSourcePanel *self)
{
  g_return_val_if_fail (IOP_IS_SOURCE_PANEL (self), 0);
  return self->state == IOP_SOURCE_STATE_CODE ? self->excerpt_first : 0;
}
