/* iop-recorder.h: how a run writes its trace
 *
 * Only the traced I/O is recorded. A step on an SPDK thread takes CPU time:
 * recording it advances the running chain's clock by its duration, whether
 * the I/O is traced or not (the REC macro evaluates the words only for the
 * traced one). A step off the CPUs (the wire, a device, the guest) has its
 * own time and leaves the clock alone.
 *
 * Steps are recorded in the order the call chains run them; a chain runs to
 * its end before the next event, so at the end of the run the steps are
 * put in time order. Each step keeps the levels of the followed pools as
 * they were when its code had run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "iop-kernel.h"
#include "iop-run.h"

G_BEGIN_DECLS

/* A CPU step of IO at STAGE, on TS of HS, now; takes DUR */
IopStep    *iop_rec        (Sim         *sim,
                            Io          *io,
                            int          leg,
                            IopStage     stage,
                            ThreadState *ts,
                            gint64       dur,
                            const char  *title,
                            char        *detail);
/* A step off the CPUs at T: on the wire (HS NULL) or a host's device or guest */
IopStep    *iop_rec_at     (Sim         *sim,
                            Io          *io,
                            int          leg,
                            IopStage     stage,
                            HostState   *hs,
                            gint64       t,
                            gint64       dur,
                            const char  *title,
                            char        *detail);
/* A control step (a controller, a link, the array): no token moves */
IopStep    *iop_rec_ctl    (Sim         *sim,
                            IopStage     stage,
                            HostState   *hs,
                            ThreadState *ts,
                            int          leg,
                            const char  *title,
                            char        *detail);

/* Only the traced I/O pays for words: arguments are not evaluated otherwise */
#define REC(io, leg, stage, ts, dur, ...) \
  ((io)->traced ? iop_rec (sim, (io), (leg), (stage), (ts), (dur), __VA_ARGS__) \
                : (iop_cpu (sim, (dur)), (IopStep *) NULL))
#define REC_AT(io, leg, stage, hs, t, dur, ...) \
  ((io)->traced ? iop_rec_at (sim, (io), (leg), (stage), (hs), (t), (dur), __VA_ARGS__) : (IopStep *) NULL)
#define KNOB(s, ...) G_STMT_START { if (s) iop_step_knob (sim, (s), __VA_ARGS__); } G_STMT_END
#define OBJ(s, ...) ((s) ? iop_obj_alloc (sim, (s), __VA_ARGS__) : -1)
#define FREE(s, ...) G_STMT_START { if (s) iop_obj_free (sim, (s), __VA_ARGS__); } G_STMT_END

void        iop_step_knob  (Sim *sim, IopStep *s, IopHostId host, const char *id, char *effect);
void        iop_step_token (IopStep *s, IopTokenKind kind, IopPlace place, int node, IopLayer layer, IopDirection dir);
/* The step cites the reference "KEY/VARIANT" instead (a branch of its stage
 * that runs other SPDK code: a Do Not Retry abort, a reset from a timeout,
 * RAID1's write-back being issued) */
void        iop_step_ref_variant (Sim *sim, IopStep *s, const char *variant);

/* An object the traced I/O takes at S: from RES (its level was BEFORE), or from no followed pool */
int         iop_obj_alloc  (Sim *sim, IopStep *s, int leg, const char *kind, const char *label,
                            Res *res, gint64 before, const char *from, guint count, gint64 bytes,
                            HostState *hs);
/* It gives back *OBJ at S into RES (level BEFORE); *OBJ becomes -1 */
void        iop_obj_free   (Sim *sim, IopStep *s, int *obj, Res *res, gint64 before);

void        iop_diag       (Sim *sim, IopDiagLevel level, IopHostId host, gboolean from_spdk,
                            const char *source, const char *knob_id, char *message);
const char *iop_scratch    (Sim *sim, char *owned);

/* The trace follows RES as a gauge */
void        iop_follow     (Sim *sim, Res *res, IopPlace place, int node, const char *key,
                            const char *label, const char *owner, IopGaugeKind kind, const char *knob);
/* The levels before the first step */
void        iop_recorder_start     (Sim *sim);
void        iop_recorder_event_end (Sim *sim);
/* Time order, levels, indexes */
void        iop_recorder_finish    (Sim *sim);

/* "4 KiB", "128 KiB", "512 B" */
const char *iop_size_str   (gint64 bytes, char *buf, gsize len);
/* "1.500 s" (translated) */
char       *iop_secs       (gint64 ns);

G_END_DECLS
