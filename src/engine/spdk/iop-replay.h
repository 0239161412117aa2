/* iop-replay.h: real SPDK tracepoint captures, followed I/O by I/O
 *
 * Reads a folder of `spdk_trace -j` files, one per host (the host is the
 * name before the first dot: guest.spdk_trace.json, baremetal..., storageA...),
 * follows each I/O within a host by the objects its tracepoints create and
 * relate (bdev_io -> raid_bdev_io -> bdev_io -> bdev_nvme io -> NVMe request
 * -> socket request), across hosts by what the wire carries (the NVMe
 * command's starting LBA and opcode, matched to the target's request for the
 * same LBA and type that comes next), and measures each hop of the path.
 *
 * Tracepoints are known by the names in each file's own tpoints table and
 * their arguments by name, never by fixed ids or positions; the TSC rate is
 * the file's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-trace.h"

G_BEGIN_DECLS

typedef struct _IopReplay IopReplay;

IopReplay *iop_replay_new        (void);
void       iop_replay_free       (IopReplay  *replay);

/* Adds one spdk_trace -j file, or every *.spdk_trace.json of a folder.
 * A file that cannot be read or is no spdk_trace JSON is refused with the
 * reason; what was added before stays. */
gboolean   iop_replay_add_path   (IopReplay  *replay,
                                  const char *path,
                                  GError    **error);
/* Like add_path, from bytes in memory: HOST names the host. */
gboolean   iop_replay_add_data   (IopReplay  *replay,
                                  const char *host,
                                  const char *data,
                                  gsize       len,
                                  GError    **error);

/* Follows the I/Os over all hosts added (again after more are added). */
void       iop_replay_follow     (IopReplay  *replay);

guint      iop_replay_n_hosts    (IopReplay  *replay);
guint      iop_replay_n_followed (IopReplay  *replay);

/* The result: hosts, clock, ios_seen, ios_followed, by_op, hops (name,
 * median_ns, p99_ns, count), ios (each followed I/O, hop by hop), partial
 * and warnings. */
JsonNode  *iop_replay_to_json    (IopReplay  *replay);
char      *iop_replay_to_text    (IopReplay  *replay);

/* A hop's label (translated) from its key ("wire.to_storage"); the key
 * itself when it is not a hop */
const char *iop_replay_hop_label_for_key (const char *key);

/* Which followed I/O (0 the first): WHICH is "first", "median" or "slowest"
 * by the guest's latency */
guint      iop_replay_pick       (IopReplay   *replay,
                                  const char  *which);
/* Followed I/O INDEX as a trace in the model's shape: a step per tracepoint
 * the model has a stage for, at its real time, host, lcore, leg and node,
 * on SCENARIO (for the source references and the drawing) */
IopTrace  *iop_replay_to_trace   (IopReplay   *replay,
                                  guint        index,
                                  IopScenario *scenario,
                                  GError     **error);

/* The capture's most common I/O among those followed: "read" or "write",
 * and its length in blocks. FALSE when nothing was followed. */
gboolean   iop_replay_main_io    (IopReplay   *replay,
                                  const char **op,
                                  guint64     *blocks);

/* Each hop as recorded (median, p99 over the I/Os of MODEL's op) beside
 * MODEL, the model's trace of the same op and size, and the hops only one
 * side has */
JsonNode  *iop_replay_compare_to_json (IopReplay *replay,
                                       IopTrace  *model);
char      *iop_replay_compare_to_text (IopReplay *replay,
                                       IopTrace  *model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopReplay, iop_replay_free)

G_END_DECLS
