/* iop-window-private.h: what the files of IopWindow share
 *
 * The instance struct and the helpers one part of the window calls in
 * another: iop-window.c (state, header, handlers, API), iop-window-actions.c
 * (playback and view actions), iop-window-files.c (files in and out) and
 * iop-window-views.c (the views built when first shown).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-compare-view.h"
#include "iop-fault-popover.h"
#include "iop-memory-view.h"
#include "iop-runtime-view.h"
#include "iop-replay-view.h"
#include "iop-time-ruler.h"
#include "iop-window.h"
#include "iop-workload-view.h"

G_BEGIN_DECLS

#define DEFAULT_SCENARIO "raid270"
/* "1×": steps per second of playback */
#define BASE_STEPS_PER_SECOND 1.5

#define IOP_WINDOW_N_SPEEDS 6
extern const double iop_window_speed_presets[IOP_WINDOW_N_SPEEDS];

enum {
  PROP_0,
  PROP_OP,
  PROP_IO_SIZE,
  PROP_SPEED,
  PROP_PLAYING,
  PROP_PRESENTATION,
  PROP_SIDE_PANEL,
  PROP_MODIFIED,
  PROP_COMPARING,
  N_PROPS
};

struct _IopWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  IopSession           *session;       /* the scenario, its trace, the playhead */
  GtkStringList        *scenario_model;
  GHashTable           *scenario_titles;
  IopOp                 shown_op;      /* for notify::op and ::io-size */
  gint64                shown_size;
  double                speed;
  guint                 presentation : 1;
  guint                 presentation_explain : 1;
  guint                 comparing : 1;       /* the Compare view in place of the canvas */  /* E: the explanation in presentation mode */
  guint                 updating : 1;
  guint                 side_hidden : 1; /* F9 */
  guint                 folded : 1;      /* side panel under the canvas */
  guint                 side_follows_compare : 1; /* the side column shows the Compare view's step */
  guint                 placed : 1;      /* the side column placed for a real width, not the default size */
  guint                 fold_idle;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkDropDown          *scenario_dropdown;
  GtkDropDown          *size_dropdown;
  GtkDropDown          *speed_dropdown;
  GtkMenuButton        *fault_button;
  IopFaultPopover      *fault_popover;
  GtkButton            *play_button;
  GtkButton            *diagnostics_button;
  GtkPaned             *main_paned;
  GtkPaned             *side_paned;
  GtkWidget            *side_box;
  AdwViewStack         *side_stack;
  AdwViewSwitcher      *side_switcher;
  AdwViewStackPage     *knobs_page;
  GtkStack             *canvas_stack;
  IopCanvas            *canvas;
  IopTimeline          *timeline;
  IopExplainPanel      *explain_panel;
  IopSourcePanel       *source_panel;
  IopObjectsPanel      *objects_panel;
  IopKnobsPanel        *knobs_panel;
  GtkLabel             *key_label;       /* presentation mode's key indicator */
  guint                 key_label_timeout;
  AdwViewStack         *mode_stack;
  GtkWidget            *mode_switcher;
  GtkWidget            *playback_box;
  GtkWidget            *op_box;
  GtkToggleButton      *compare_button;
  IopTimeRuler         *time_ruler;

  /* The other views, built when first shown (iop-window-views.c): NULL
   * until then, their pages empty */
  AdwBin               *memory_page;
  AdwBin               *workload_page;
  AdwBin               *runtime_page;
  AdwBin               *recorded_page;
  AdwBin               *compare_page;
  IopCompareView       *compare_view;
  IopMemoryView        *memory_view;
  IopWorkloadView      *workload_view;
  IopRuntimeView       *runtime_view;
  IopReplayView        *replay_view;
};

/* iop-window.c */
void      iop_window_notify              (IopWindow *self,
                                          guint      prop_id);
AdwToast *iop_window_show_toast          (IopWindow  *self,
                                          const char *message,
                                          guint       timeout);
void      iop_window_show_error_toast    (IopWindow  *self,
                                          const char *message);
void      iop_window_show_error_dialog   (IopWindow  *self,
                                          const char *heading,
                                          const char *body);
guint     iop_window_speed_index         (double speed);
void      iop_window_update_header       (IopWindow *self);
void      iop_window_refresh_spdk_dir    (IopWindow *self);
char     *iop_window_file_name           (IopWindow  *self,
                                          const char *what,
                                          const char *ext);
void      iop_window_update_workload_compare (IopWindow *self);

/* iop-window-video.c */
void      iop_window_class_install_video_actions (GtkWidgetClass *widget_class);

#ifdef IOP_HAVE_VIDEO
#include "iop-video.h"

/* An export made in a thread while a dialog shows its progress (frames)
 * and Cancel, one at a time per window (g_object_get_data (window,
 * IOP_WINDOW_EXPORT_JOB) while it runs). The strings are N_() and
 * translated when shown. */
#define IOP_WINDOW_EXPORT_JOB "iop-video-job"

typedef struct
{
  const char *title;           /* the progress dialog's heading, "Exporting Video" */
  const char *error_heading;   /* "Could Not Export the Video" */
  const char *cancelled;       /* the toast after Cancel: "… no file was written" */
  /* In the thread: the work, calling PROGRESS per frame */
  gboolean  (*run)          (gpointer              data,
                             GCancellable         *cancellable,
                             IopVideoProgressFunc  progress,
                             gpointer              progress_data,
                             GError              **error);
  /* Back in the main thread when RUN succeeded: the toast */
  char     *(*done_message) (gpointer              data);
} IopExportJobClass;

/* TRUE when an export runs already (its dialog presented again) */
gboolean  iop_window_export_running      (IopWindow               *self);
/* Starts KLASS's RUN on DATA (freed with FREE_DATA when it has ended);
 * SUBTITLE under the dialog's heading (the file or folder) */
void      iop_window_run_export          (IopWindow               *self,
                                          const IopExportJobClass *klass,
                                          const char              *subtitle,
                                          gpointer                 data,
                                          GDestroyNotify           free_data);
/* iop-window-lesson-export.c */
void      iop_window_class_install_lesson_export (GtkWidgetClass *widget_class);
#endif

/* iop-window-actions.c */
void      iop_window_class_install_actions      (GtkWidgetClass *widget_class);
void      iop_window_set_op              (IopWindow  *self,
                                          const char *name);
void      iop_window_set_io_size         (IopWindow *self,
                                          guint      size);
void      iop_window_set_speed           (IopWindow *self,
                                          double     speed);
void      iop_window_set_presentation    (IopWindow *self,
                                          gboolean   presentation);
void      iop_window_update_side_visibility (IopWindow *self);
void      iop_window_set_comparing       (IopWindow *self,
                                          gboolean   comparing);
gboolean  iop_window_playback_key_cb     (IopWindow             *self,
                                          guint                  keyval,
                                          guint                  keycode,
                                          GdkModifierType        state,
                                          GtkEventControllerKey *controller);
void      iop_window_fault_apply_cb      (IopWindow      *self,
                                          const IopFault *fault);
void      iop_window_fault_clear_cb      (IopWindow *self);

/* iop-window-layout.c */
void      iop_window_class_install_layout (GtkWidgetClass *widget_class);
void      iop_window_layout_init         (IopWindow *self);
void      iop_window_layout_dispose      (IopWindow *self);
void      iop_window_update_modified     (IopWindow *self);
void      iop_window_set_side_panel      (IopWindow *self,
                                          gboolean   visible);

/* iop-window-compare.c */
void      iop_window_compare_init        (IopWindow *self);
void      iop_window_class_install_compare_actions (GtkWidgetClass *widget_class);
void      iop_window_compare_sync_side   (IopWindow *self);
gboolean  iop_window_compare_step        (IopWindow *self,
                                          int        delta);
gboolean  iop_window_open_comparison_if  (IopWindow   *self,
                                          const char  *path,
                                          GError     **error);
void      iop_window_compare_changed_cb  (IopWindow      *self,
                                          IopCompareView *view);

/* iop-window-views.c: each getter builds its view if it is not yet */
IopMemoryView   *iop_window_get_memory_view   (IopWindow *self);
IopWorkloadView *iop_window_get_workload_view (IopWindow *self);
IopRuntimeView  *iop_window_get_runtime_view  (IopWindow *self);
IopReplayView   *iop_window_get_replay_view   (IopWindow *self);
void             iop_window_views_init        (IopWindow *self);
void             iop_window_views_sync        (IopWindow *self);

/* iop-window-files.c */
void      iop_window_class_install_file_actions (GtkWidgetClass *widget_class);
void      iop_window_add_drop_target     (IopWindow *self);

G_END_DECLS
