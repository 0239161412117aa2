/* iop-window-views.c: the window's other views, built when first shown
 *
 * The Memory, Workload, Runtime and Recorded views (the mode stack's pages
 * besides the trace) and the Compare view (in place of the canvas) are built
 * the first time their page maps or the window asks for one (a dropped
 * runtime dump, a test), not with the window: building them took ~15 ms of
 * CPU and ~35 ms of wall time before the first window, for views most
 * sessions open later or never. Until then each page holds an empty AdwBin,
 * which measures as nothing, so the window's sizes are those of the trace
 * page, as before. A page maps before it is drawn, so nothing on screen
 * changes.
 *
 * iop_window_views_sync() gives the views already built the session's
 * scenario and trace; a view built later takes them when it is built. The
 * pointers to the views are weak: their pages own them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-Window"

#include "config.h"

#include "iop-window-private.h"

static void
view_knob_activated (IopWindow  *self,
                     int         host,
                     const char *id)
{
  adw_view_stack_set_visible_child_name (self->mode_stack, "trace");
  if (self->presentation)
    iop_window_set_presentation (self, FALSE);
  iop_window_show_panel (self, "knobs");
  iop_knobs_panel_reveal_knob (self->knobs_panel, host, id);
}

static void
memory_knob_activated_cb (IopWindow     *self,
                          const char    *id,
                          int            host,
                          IopMemoryView *view)
{
  view_knob_activated (self, host, id);
}

static void
runtime_knob_activated_cb (IopWindow      *self,
                           const char     *id,
                           IopRuntimeView *view)
{
  const char *h = iop_runtime_view_get_current_host (view);
  view_knob_activated (self, g_strcmp0 (h, "storage") == 0 ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL, id);
}

/* A recorded I/O from the Recorded view: shown on the canvas like a traced
 * one, at its recorded times (a knob edit traces the model again) */
static void
replay_play_cb (IopWindow *self,
                gpointer   trace)
{
  iop_session_show_trace (self->session, trace);
  adw_view_stack_set_visible_child_name (self->mode_stack, "trace");
  iop_session_seek (self->session, 0, FALSE);
  iop_session_set_playing (self->session, TRUE);
}

/* What the session's scenario and trace (or its refusal) give each view */
static void
sync_memory (IopWindow *self)
{
  iop_memory_view_set_scenario (self->memory_view, iop_session_get_scenario (self->session));
}

static void
sync_workload (IopWindow *self)
{
  IopScenario *sc = iop_session_get_scenario (self->session);

  iop_window_update_workload_compare (self);
  iop_workload_view_set_scenario (self->workload_view, iop_session_get_trace (self->session) ? sc : NULL);
}

static void
sync_compare (IopWindow *self)
{
  IopTrace *trace = iop_session_get_trace (self->session);

  /* a refusal leaves the comparison as it was: the canvas stack shows why */
  if (trace != NULL)
    iop_compare_view_set_runs (self->compare_view, iop_session_get_original (self->session), trace);
}

IopMemoryView *
iop_window_get_memory_view (IopWindow *self)
{
  if (self->memory_view == NULL)
    {
      self->memory_view = IOP_MEMORY_VIEW (iop_memory_view_new ());
      g_object_add_weak_pointer (G_OBJECT (self->memory_view), (gpointer *)&self->memory_view);
      g_signal_connect_object (self->memory_view, "knob-activated",
                               G_CALLBACK (memory_knob_activated_cb), self, G_CONNECT_SWAPPED);
      sync_memory (self);
      adw_bin_set_child (self->memory_page, GTK_WIDGET (self->memory_view));
    }
  return self->memory_view;
}

IopWorkloadView *
iop_window_get_workload_view (IopWindow *self)
{
  if (self->workload_view == NULL)
    {
      self->workload_view = IOP_WORKLOAD_VIEW (iop_workload_view_new ());
      g_object_add_weak_pointer (G_OBJECT (self->workload_view), (gpointer *)&self->workload_view);
      g_signal_connect_object (self->workload_view, "knob-activated",
                               G_CALLBACK (memory_knob_activated_cb), self, G_CONNECT_SWAPPED);
      g_object_bind_property (self, "speed", self->workload_view, "speed", G_BINDING_SYNC_CREATE);
      sync_workload (self);
      adw_bin_set_child (self->workload_page, GTK_WIDGET (self->workload_view));
    }
  return self->workload_view;
}

IopRuntimeView *
iop_window_get_runtime_view (IopWindow *self)
{
  if (self->runtime_view == NULL)
    {
      self->runtime_view = IOP_RUNTIME_VIEW (iop_runtime_view_new ());
      g_object_add_weak_pointer (G_OBJECT (self->runtime_view), (gpointer *)&self->runtime_view);
      g_signal_connect_object (self->runtime_view, "knob-activated",
                               G_CALLBACK (runtime_knob_activated_cb), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->runtime_page, GTK_WIDGET (self->runtime_view));
    }
  return self->runtime_view;
}

IopReplayView *
iop_window_get_replay_view (IopWindow *self)
{
  if (self->replay_view == NULL)
    {
      self->replay_view = IOP_REPLAY_VIEW (iop_replay_view_new ());
      g_object_add_weak_pointer (G_OBJECT (self->replay_view), (gpointer *)&self->replay_view);
      g_signal_connect_object (self->replay_view, "play",
                               G_CALLBACK (replay_play_cb), self, G_CONNECT_SWAPPED);
      adw_bin_set_child (self->recorded_page, GTK_WIDGET (self->replay_view));
    }
  return self->replay_view;
}

IopCompareView *
iop_window_get_compare_view (IopWindow *self)
{
  g_return_val_if_fail (IOP_IS_WINDOW (self), NULL);

  if (self->compare_view == NULL)
    {
      self->compare_view = IOP_COMPARE_VIEW (iop_compare_view_new ());
      g_object_add_weak_pointer (G_OBJECT (self->compare_view), (gpointer *)&self->compare_view);
      g_signal_connect_object (self->compare_view, "changed",
                               G_CALLBACK (iop_window_compare_changed_cb), self, G_CONNECT_SWAPPED);
      sync_compare (self);
      adw_bin_set_child (self->compare_page, GTK_WIDGET (self->compare_view));
    }
  return self->compare_view;
}

void
iop_window_views_sync (IopWindow *self)
{
  if (self->memory_view != NULL)
    sync_memory (self);
  if (self->workload_view != NULL)
    sync_workload (self);
  if (self->compare_view != NULL)
    sync_compare (self);
}

/* A page maps: its view is needed now (it is built before it is drawn) */
static void
page_map_cb (AdwBin    *page,
             IopWindow *self)
{
  if (page == self->memory_page)
    iop_window_get_memory_view (self);
  else if (page == self->workload_page)
    iop_window_get_workload_view (self);
  else if (page == self->runtime_page)
    iop_window_get_runtime_view (self);
  else if (page == self->recorded_page)
    iop_window_get_replay_view (self);
  else if (page == self->compare_page)
    iop_window_get_compare_view (self);
}

void
iop_window_views_init (IopWindow *self)
{
  AdwBin *pages[] = { self->memory_page, self->workload_page, self->runtime_page,
                      self->recorded_page, self->compare_page };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_signal_connect_object (pages[i], "map", G_CALLBACK (page_map_cb), self, 0);
}
