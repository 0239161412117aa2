/* iop-knobs.h: the registry of SPDK tuning knobs Iopath models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "iop-version.h"

G_BEGIN_DECLS

typedef enum
{
  IOP_HOST_BAREMETAL,
  IOP_HOST_STORAGE,
  IOP_N_HOSTS,
} IopHostId;

#define IOP_HOST_BIT(h) (1u << (h))
#define IOP_HOSTS_BOTH (IOP_HOST_BIT (IOP_HOST_BAREMETAL) | IOP_HOST_BIT (IOP_HOST_STORAGE))

const char *iop_host_name       (IopHostId host);        /* "baremetal", "storage" */
const char *iop_host_label      (IopHostId host);        /* translated "Baremetal host" */
gboolean    iop_host_parse      (const char *name, IopHostId *out, GError **error);

typedef enum
{
  IOP_KNOB_INT,
  IOP_KNOB_BOOL,
  IOP_KNOB_ENUM,
  IOP_KNOB_CPUMASK,
} IopKnobType;

/* When SPDK accepts the knob */
typedef enum
{
  IOP_PHASE_CMDLINE,        /* an spdk_tgt command-line option: restart */
  IOP_PHASE_PRE_INIT,       /* only before framework_start_init (--wait-for-rpc) */
  IOP_PHASE_PRE_ATTACH,     /* bdev_nvme_set_options: only before controllers attach */
  IOP_PHASE_TRANSPORT,      /* fixed when nvmf_create_transport runs */
  IOP_PHASE_PRE_SUBSYSTEM,  /* nvmf_set_config: before the nvmf subsystem starts */
} IopKnobPhase;

/* UINT32_MAX: SPDK computes the value itself */
#define IOP_KNOB_AUTO G_GINT64_CONSTANT (4294967295)

typedef struct
{
  const char         *id;           /* "method.param"; transport knobs share an id across trtypes */
  const char         *method;
  const char         *param;
  const char         *trtype;       /* NULL, or "RDMA", "TCP", "VFIOUSER" for nvmf_create_transport */
  IopKnobType         type;
  const char         *unit;         /* N_() marked or NULL */
  gint64              min;
  gint64              max;
  gint64              defaults[IOP_SPDK_N_VERSIONS];
  guint               versions;     /* IOP_SPDK_BIT mask where the parameter exists */
  guint               deprecated;   /* IOP_SPDK_BIT mask where SPDK logs a deprecation */
  guint               hosts;        /* IOP_HOST_BIT mask */
  IopKnobPhase        phase;
  gboolean            has_auto;     /* IOP_KNOB_AUTO means "computed by SPDK" */
  const char *const  *choices;      /* IOP_KNOB_ENUM: NULL terminated */
  const char         *layer;        /* N_() group label: "central iobuf", "bdev layer" ... */
  const char         *description;  /* N_() */
} IopKnobDef;

guint              iop_knob_def_count  (void);
const IopKnobDef  *iop_knob_def_nth    (guint i);
guint              iop_knob_def_index  (const IopKnobDef *def);

/* The definition a host uses for ID; ID is "method.param". TRTYPE is the host's
 * NVMf target transport and picks among transport knobs. NULL when none. */
const IopKnobDef  *iop_knob_def_find   (const char *id,
                                        IopHostId   host,
                                        const char *trtype,
                                        IopSpdkVersion version);

gint64             iop_knob_def_default (const IopKnobDef *def, IopSpdkVersion version);

/* Parses TEXT for DEF (numbers with K/M/G suffixes, true/false, choice names,
 * "0xE0" masks) and checks type and range. */
gboolean           iop_knob_parse      (const IopKnobDef *def,
                                        const char       *text,
                                        gint64           *out_value,
                                        GError          **error);
gboolean           iop_knob_check      (const IopKnobDef *def,
                                        gint64            value,
                                        GError          **error);
char              *iop_knob_format     (const IopKnobDef *def, gint64 value);
const char        *iop_knob_phase_note (IopKnobPhase phase); /* translated, with SPDK's message */
const char        *iop_knob_type_name  (IopKnobType type);

/* Mask helpers */
guint              iop_cpumask_count   (guint64 mask);
int                iop_cpumask_first   (guint64 mask);

G_END_DECLS
