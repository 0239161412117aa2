/* iop-calibrate.h: the model's timing fitted to real tracepoint captures
 *
 * Each capture folder (spdk_trace -j per host, and the guest's bdevperf
 * log when there is one) is followed hop by hop (iop-replay.h) and set
 * beside the model's trace of the same I/O. The hops then fit three of the
 * model's timing parameters:
 *
 *   - the wire (rdma_one_way_ns): the four network hops of the path. Where
 *     reactors share cores, this is also where the waits for a CPU land;
 *   - the CPU cost of a step (cpu_step_ns, cpu_bdev_io_ns, cpu_mempool_ns):
 *     the hops within one host's call chain;
 *   - the backing device (memcpy_gbit for a malloc bdev): its bdev_io from
 *     start to done.
 *
 * Each is said to be well, loosely or poorly determined from how far the
 * captures, fitted one by one, disagree. Every capture with a bdevperf log
 * is then run again on the calibrated model with its own queue depth, mix
 * and size, and, leaving each capture out of the fit in turn, predicted by
 * the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _IopCalibration IopCalibration;

/* Follows every capture of DIRS and fits BASE (a scenario id or file;
 * NULL: realrun-tcp, the recorded deployment). With LEAVE_ONE_OUT each
 * capture is also predicted by a fit of the others (two captures at least).
 * Refuses a capture none of whose I/Os can be followed. */
IopCalibration *iop_calibrate            (const char *const *dirs,
                                          const char        *base,
                                          gboolean           leave_one_out,
                                          GError           **error);
void            iop_calibration_free     (IopCalibration    *self);

/* The calibrated scenario as a scenario file: BASE with the fitted model */
JsonNode       *iop_calibration_scenario (IopCalibration    *self);
/* Writes it to PATH; an existing file is kept unless FORCE */
gboolean        iop_calibration_write    (IopCalibration    *self,
                                          const char        *path,
                                          gboolean           force,
                                          GError           **error);

/* parameters (name, before, after, determined, per_capture), captures
 * (name, op, ios_followed, recorded and model IOPS and mean latency),
 * leave_one_out, not_fitted */
JsonNode       *iop_calibration_to_json  (IopCalibration    *self);
char           *iop_calibration_to_text  (IopCalibration    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopCalibration, iop_calibration_free)

G_END_DECLS
