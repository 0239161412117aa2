/* iop-runtime-view.h: what a running SPDK shows, from its dumps or live
 *
 * Empty, it offers "Open Dumps…" and "Attach to SPDK…". Loaded, each host has
 * a page: its cores with their SPDK threads and pollers, the iobuf counters
 * per module, its roles with their evidence and the findings (knob names are
 * links). A last page sets the model beside the run (iop_compare_run, in a
 * worker thread). Attached, the view follows SPDK every interval: busy shares
 * and iobuf rates move calmly, the connection's state is always in sight.
 *
 * Bad input never replaces what is shown: the engine's message appears in a
 * toast and in the "error" property.
 *
 * Actions (group "runtime"): open-files, open-folder, attach (asks for the
 * socket and the interval), detach, compare.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "iop-compare.h"
#include "iop-live.h"
#include "iop-runtime.h"
#include "iop-scenario.h"

G_BEGIN_DECLS

#define IOP_TYPE_RUNTIME_VIEW (iop_runtime_view_get_type ())
G_DECLARE_FINAL_TYPE (IopRuntimeView, iop_runtime_view, IOP, RUNTIME_VIEW, GtkWidget)

GtkWidget      *iop_runtime_view_new              (void);

/* Files and folders (NULL-terminated), read together as one run. On error
 * nothing changes on screen; the message is also shown in a toast. Loading
 * files detaches from a live SPDK. */
gboolean        iop_runtime_view_load_paths       (IopRuntimeView     *self,
                                                   const char *const  *paths,
                                                   GError            **error);

/* The scenario the comparison runs (default: the built-in "realrun-tcp").
 * NULL goes back to the default. A comparison on screen is run again. */
void            iop_runtime_view_set_scenario     (IopRuntimeView     *self,
                                                   IopScenario        *scenario);
IopScenario    *iop_runtime_view_get_scenario     (IopRuntimeView     *self);

/* Read-only polling of SPDK's JSON-RPC socket (NULL: /var/tmp/spdk.sock)
 * every INTERVAL_S seconds (0.05 … 3600). What is on screen stays until the
 * first sample arrives. */
void            iop_runtime_view_attach           (IopRuntimeView     *self,
                                                   const char         *socket_path,
                                                   double              interval_s);
/* Stops polling; the last sample stays on screen */
void            iop_runtime_view_detach           (IopRuntimeView     *self);

/* Starts the comparison in a worker thread (the page shows a spinner); the
 * rows appear when it ends. FALSE when nothing is loaded. */
gboolean        iop_runtime_view_run_comparison   (IopRuntimeView     *self);
/* The comparison on screen, or NULL */
const IopComparison *
                iop_runtime_view_get_comparison   (IopRuntimeView     *self);

/* Shows the page of HOST ("baremetal"), or "compare"; FALSE if there is none */
gboolean        iop_runtime_view_show_page        (IopRuntimeView     *self,
                                                   const char         *name);

/* Properties (read-only):
 *   "loaded"       gboolean      a run (files or live) is on screen
 *   "live-state"   IopLiveState  IOP_LIVE_STOPPED when not attached
 *   "current-host" char *        the host whose page is shown, or NULL
 *   "error"        char *        the last problem shown, or NULL
 *   "comparing"    gboolean      a comparison is running
 *   "scenario"     IopScenario * (pointer; set with iop_runtime_view_set_scenario)
 *
 * Signal "knob-activated" (const char *knob): a knob link was clicked; KNOB
 * is "method.param". "current-host" tells whose. */
gboolean        iop_runtime_view_get_loaded       (IopRuntimeView     *self);
IopLiveState    iop_runtime_view_get_live_state   (IopRuntimeView     *self);
const char     *iop_runtime_view_get_current_host (IopRuntimeView     *self);
const char     *iop_runtime_view_get_error        (IopRuntimeView     *self);
gboolean        iop_runtime_view_get_comparing    (IopRuntimeView     *self);

G_END_DECLS
