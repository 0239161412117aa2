/* iop-replay-view.h: real I/Os from SPDK tracepoint captures, hop by hop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IOP_TYPE_REPLAY_VIEW (iop_replay_view_get_type ())
G_DECLARE_FINAL_TYPE (IopReplayView, iop_replay_view, IOP, REPLAY_VIEW, GtkWidget)

GtkWidget *iop_replay_view_new         (void);
/* Reads FOLDER's *.spdk_trace.json in a worker thread; the view shows the
 * progress, then the result or why there is none */
void       iop_replay_view_open        (IopReplayView *self,
                                        GFile         *folder);
/* Asks for a capture folder (a file chooser), then opens it */
void       iop_replay_view_choose_folder (IopReplayView *self);
/* Whether FILE is a folder holding at least one *.spdk_trace.json, or such
 * a file: what a drop on the window hands to this view */
gboolean   iop_replay_view_can_open    (GFile         *file);
/* What the view shows: "empty", "loading", "error" or "report" */
const char *iop_replay_view_get_state (IopReplayView *self);
/* Emits ::play with the followed I/O WHICH ("median", "slowest", "first")
 * as a trace; FALSE with ERROR when no capture is open */
gboolean   iop_replay_view_play        (IopReplayView *self,
                                        const char    *which,
                                        GError       **error);
/* The folder shown, or NULL */
GFile     *iop_replay_view_get_folder  (IopReplayView *self);

G_END_DECLS
