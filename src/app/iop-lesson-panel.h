/* iop-lesson-panel.h: a lesson played in the main window
 *
 * The sidebar with the lesson's chapters, and what plays them: applying a
 * chapter's I/O, knobs and faults (with a "knob changed" banner on the
 * canvas and a toast), pausing at its pause steps, and keeping the
 * presenter window's speaker notes in step. The window's actions
 * win.lesson-next, win.lesson-previous, win.lesson-open (s), win.lesson-close
 * and win.lesson-presenter drive it (Ctrl+Page Down, Ctrl+Page Up).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-lesson.h"
#include "iop-presenter-window.h"
#include "iop-window.h"

G_BEGIN_DECLS

#define IOP_TYPE_LESSON_PANEL (iop_lesson_panel_get_type ())
G_DECLARE_FINAL_TYPE (IopLessonPanel, iop_lesson_panel, IOP, LESSON_PANEL, GtkBox)

/* Called once from the window's init and class_init */
void            iop_lesson_panel_attach          (IopWindow      *window);
void            iop_lesson_panel_install_actions (GtkWidgetClass *widget_class);

IopLessonPanel *iop_lesson_panel_for_window      (IopWindow      *window);
/* Opens a built-in lesson id or a lesson file and shows its first chapter */
gboolean        iop_lesson_panel_open            (IopLessonPanel *self,
                                                  const char     *id_or_path,
                                                  GError        **error);
/* When PATH holds a lesson: opens it and returns TRUE (ERROR set when it
 * was refused); FALSE when PATH is something else */
gboolean        iop_lesson_panel_open_if_lesson  (IopWindow      *window,
                                                  const char     *path,
                                                  GError        **error);
void            iop_lesson_panel_close           (IopLessonPanel *self);
gboolean        iop_lesson_panel_set_chapter     (IopLessonPanel *self,
                                                  guint           index,
                                                  GError        **error);

IopLesson      *iop_lesson_panel_get_lesson      (IopLessonPanel *self);
/* The chapter shown, -1 when no lesson is open ("chapter" property) */
int             iop_lesson_panel_get_chapter     (IopLessonPanel *self);
/* The pause step the playback stands at, -1 none ("pause-step" property) */
int             iop_lesson_panel_get_pause_step  (IopLessonPanel *self);
/* Whether the "knob changed" banner is on the canvas now */
gboolean        iop_lesson_panel_get_banner_visible (IopLessonPanel *self);
/* The presenter window, NULL until shown */
IopPresenterWindow *iop_lesson_panel_get_presenter (IopLessonPanel *self);

G_END_DECLS
