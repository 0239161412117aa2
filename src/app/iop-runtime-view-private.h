/* iop-runtime-view-private.h: what the files of IopRuntimeView share
 *
 * The instance struct, a host's page, and the helpers one part of the view
 * calls in another: iop-runtime-view.c (the widget, its actions and API),
 * -host-page.c (a host's page), -compare.c (the comparison with the model)
 * and -live.c (attached to a running SPDK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "iop-cores-diagram.h"
#include "iop-runtime-view.h"

G_BEGIN_DECLS

#define COMPARE_PAGE     "compare"

enum
{
  PROP_0,
  PROP_LOADED,
  PROP_LIVE_STATE,
  PROP_CURRENT_HOST,
  PROP_ERROR,
  PROP_COMPARING,
  PROP_SCENARIO,
  N_PROPS
};

typedef struct
{
  char            *name;
  GtkWidget       *child;        /* the page's scrolled window */
  GtkLabel        *subtitle;
  IopCoresDiagram *diagram;
  GtkWidget       *top;          /* the cores and the iobuf card */
  GtkWidget       *where_card;
  GtkLabel        *where_text;
  GtkLabel        *where_knob;
  GtkBox          *iobuf_box;
  GtkLabel        *iobuf_caption;
  GArray          *cells;        /* Cell */
  char            *iobuf_shape;
  GtkWidget       *roles_group;
  GtkListBox      *roles_list;
  char            *roles_shape;
  GtkWidget       *findings_group;
  GtkListBox      *findings_list;
  char            *findings_shape;
  GPtrArray       *finding_labels;  /* GtkLabel *: title, evidence, knob of each row */
} HostPage;

struct _IopRuntimeView
{
  GtkWidget             parent_instance;

  /* Template */
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *live_revealer;
  GtkWidget            *live_bar;
  GtkStack             *live_icon_stack;
  GtkSpinner           *live_spinner;
  GtkLabel             *live_title;
  GtkLabel             *live_detail;
  GtkStack             *stack;
  AdwViewStack         *host_stack;
  GtkWidget            *compare_child;
  GtkLabel             *compare_caption;
  GtkSpinner           *compare_spinner;
  GtkWidget            *compare_button;
  GtkStack             *compare_stack;
  GtkLabel             *compare_error;
  GtkBox               *compare_box;

  /* What is on screen */
  IopRuntime           *runtime;
  gboolean              runtime_is_live;
  gboolean              rebuilding;   /* pages come and go: the visible one is not the reader's choice */
  guint                 relayout_id;  /* idle: the cores and iobuf side by side or stacked */
  GPtrArray            *pages;        /* HostPage */
  char                 *error;

  /* The comparison */
  IopScenario          *scenario;
  IopComparison        *comparison;
  GCancellable         *compare_cancellable;
  guint                 compare_gen;
  gboolean              comparing;
  gboolean              compare_stale;

  GtkFileChooserNative *chooser;

  /* Live */
  IopLive              *live;
  char                 *live_socket;
  double                live_interval;
  GHashTable           *live_replies;   /* method → JsonNode, the one-shot answers */
  JsonNode             *live_prev;
  double                live_prev_t;
  guint                 live_samples;
  guint                 live_tick_id;     /* refreshes the status line between state changes */
  gboolean              live_error_shown;
  AdwAnimation         *rates_animation;
};


/* iop-runtime-view.c */
void        iop_runtime_view_notify               (IopRuntimeView *self,
                                                   guint           prop_id);
void        iop_runtime_view_emit_knob_activated  (IopRuntimeView *self,
                                                   const char     *knob);
void        iop_runtime_view_set_error            (IopRuntimeView *self,
                                                   const char     *message,
                                                   gboolean        toast);
void        iop_runtime_view_show_toast           (IopRuntimeView *self,
                                                   const char     *message);
void        iop_runtime_view_update_actions       (IopRuntimeView *self);
void        iop_runtime_view_show_runtime         (IopRuntimeView *self,
                                                   IopRuntime     *rt,
                                                   gboolean        live,
                                                   JsonNode       *rates);

/* iop-runtime-view-host-page.c */
GtkLabel   *iop_runtime_view_new_label            (const char *text,
                                                   const char *css1,
                                                   const char *css2);
void        iop_runtime_view_box_remove_all       (GtkWidget *box);
GtkWidget  *iop_runtime_view_preferences_group    (const char  *title,
                                                   const char  *description,
                                                   GtkListBox **list_out);
HostPage   *iop_runtime_view_host_page_new        (IopRuntimeView       *self,
                                                   const IopRuntimeHost *host);
void        iop_runtime_view_host_page_update     (IopRuntimeView       *self,
                                                   HostPage             *hp,
                                                   const IopRuntimeHost *host,
                                                   JsonNode             *rates,
                                                   gboolean              animate);
void        iop_runtime_view_host_page_free       (gpointer p);
int         iop_runtime_view_side_by_side_width   (HostPage *hp);
gboolean    iop_runtime_view_relayout_cb          (gpointer user_data);
void        iop_runtime_view_queue_relayout       (IopRuntimeView *self);
void        iop_runtime_view_rates_animation_cb   (double   value,
                                                   gpointer user_data);

/* iop-runtime-view-live.c */
void        iop_runtime_view_live_stop            (IopRuntimeView *self);

G_END_DECLS
