/* iop-presenter-window.h: the lesson's speaker notes, in a window of their own
 *
 * A separate toplevel so that a recording of the main window never shows
 * the notes. It shows the chapter, the step, the note of the pause the
 * playback stands at (or the chapter's introduction) and the next pause.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define IOP_TYPE_PRESENTER_WINDOW (iop_presenter_window_get_type ())
G_DECLARE_FINAL_TYPE (IopPresenterWindow, iop_presenter_window, IOP, PRESENTER_WINDOW, AdwWindow)

IopPresenterWindow *iop_presenter_window_new      (GtkWindow          *main_window);
void                iop_presenter_window_update   (IopPresenterWindow *self,
                                                   const char         *lesson_title,
                                                   const char         *chapter,
                                                   const char         *position,
                                                   const char         *note,
                                                   const char         *next);
/* The note shown now, for tests */
const char         *iop_presenter_window_get_note (IopPresenterWindow *self);

G_END_DECLS
