/* iop-fault.h: faults injected at a virtual time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  IOP_FAULT_PATH_DOWN,      /* one RDMA path of a replica stops carrying packets */
  IOP_FAULT_REPLICA_DOWN,   /* every path of a replica does */
  IOP_FAULT_KEEPALIVE_LOST, /* keep-alives to a replica's node are lost, I/O still flows */
  IOP_FAULT_PATH_FLAP,      /* a path goes down and up every period */
  IOP_FAULT_STALL,          /* the replica's SSD stops completing commands */
} IopFaultKind;

typedef struct
{
  IopFaultKind kind;
  guint        leg;         /* replica: 0 = A */
  int          path;        /* -1: every path of the replica */
  gint64       at_ns;
  gint64       until_ns;    /* 0: never heals */
  gint64       period_ns;   /* flapping: time down, then time up */
} IopFault;

#define IOP_FAULT_MAX_AT_NS    (G_GINT64_CONSTANT (600) * G_GINT64_CONSTANT (1000000000))
#define IOP_FAULT_MAX_UNTIL_NS (G_GINT64_CONSTANT (3600) * G_GINT64_CONSTANT (1000000000))

/* "5ms", "2s", "300us", "1.5s", "120ns" */
gboolean    iop_duration_parse   (const char *text,
                                  gint64     *out_ns,
                                  GError    **error);
char       *iop_duration_format  (gint64 ns);

/* "replica-b-down@5ms", "replica-a-path1-down@0", "replica-b-keepalive-lost@1s",
 * "replica-b-path0-flap@1s", "replica-b-stall@2ms". until/period come apart. */
gboolean    iop_fault_parse      (const char *spec,
                                  IopFault   *out,
                                  GError    **error);
/* The inverse of iop_fault_parse, with the times: "replica-b-down@5ms until 35s" */
char       *iop_fault_to_spec    (const IopFault *fault);
const char *iop_fault_kind_name  (IopFaultKind kind);     /* "replica-down" */
gboolean    iop_fault_kind_parse (const char *name, IopFaultKind *out);
/* Translated one-line description: "Both paths of replica B down from 5 ms to 35 s" */
char       *iop_fault_describe   (const IopFault *fault);
/* Checks against the topology: replica and path exist, times are sane. */
gboolean    iop_fault_check      (const IopFault *fault,
                                  guint           raid_legs,
                                  guint           paths_per_leg,
                                  GError        **error);
/* Is the path's link up at T? (keep-alive loss and stalls leave it up) */
gboolean    iop_fault_link_up    (const IopFault *fault,
                                  guint           leg,
                                  guint           path,
                                  gint64          t_ns);
/* The next time after T the link changes state, or -1 */
gint64      iop_fault_next_change (const IopFault *fault,
                                   gint64          t_ns);

JsonNode   *iop_fault_to_json    (const IopFault *fault);
/* WHERE names the place in the file for messages ("faults[0]") */
gboolean    iop_fault_from_json  (JsonObject *obj,
                                  const char *where,
                                  IopFault   *out,
                                  GError    **error);

G_END_DECLS
