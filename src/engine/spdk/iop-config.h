/* iop-config.h: SPDK JSON configs in and out
 *
 * Import reads a config as SPDK's save_config writes it
 * ({"subsystems": [{"subsystem": .., "config": [{"method": .., "params": {..}}]}]})
 * and applies every knob Iopath models to a copy of a scenario, for one host.
 * What Iopath does not model is listed, never refused; a broken file is
 * refused with the reason and the place (line:column for JSON syntax, a JSON
 * path such as subsystems[2].config[0].params.bdev_io_pool_size for content).
 *
 * Export writes the knobs set on a host as a config `spdk_tgt --json` accepts,
 * or as the scripts/rpc.py commands that set them, in the order SPDK needs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-knobs.h"
#include "iop-scenario.h"

G_BEGIN_DECLS

/* Files above this size are refused (IOP_JSON_MAX_BYTES, 64 MiB) */
#define IOP_CONFIG_MAX_BYTES (64 * 1024 * 1024)

typedef struct
{
  const IopKnobDef *def;
  char             *path;       /* subsystems[i].config[j].params.PARAM */
  gint64            old_value;  /* the value the scenario had (set or default) */
  gint64            new_value;
  gboolean          was_set;    /* the scenario had set it explicitly */
} IopConfigApplied;

typedef struct
{
  char *method;
  char *param;                  /* NULL: the whole method is not modelled */
  char *path;
  char *reason;                 /* translated, may be NULL */
} IopConfigUnmodelled;

typedef struct
{
  char *path;                   /* may be NULL for the whole file */
  char *message;                /* translated */
} IopConfigWarning;

typedef struct
{
  char        *source;
  IopScenario *scenario;        /* a copy of the base with the knobs applied */
  IopHostId    host;
  GPtrArray   *applied;         /* IopConfigApplied */
  GPtrArray   *unmodelled;      /* IopConfigUnmodelled */
  GPtrArray   *warnings;        /* IopConfigWarning */
  guint        n_entries;       /* config entries read */
} IopConfigImport;

/* BASE is never changed. */
IopConfigImport *iop_config_import_data    (const IopScenario *base,
                                            IopHostId          host,
                                            const char        *data,
                                            gssize             len,
                                            const char        *source,
                                            GError           **error);
IopConfigImport *iop_config_import_file    (const IopScenario *base,
                                            IopHostId          host,
                                            const char        *path,
                                            GError           **error);
void             iop_config_import_free    (IopConfigImport *import);
/* {"source", "host", "spdk_tag", "applied": [{id, trtype, old, new, path}],
 *  "unmodelled": [{method, param, path, reason}], "warnings": [{path, message}]} */
JsonNode        *iop_config_import_to_json (const IopConfigImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopConfigImport, iop_config_import_free)

typedef enum
{
  IOP_CONFIG_FORMAT_JSON,
  IOP_CONFIG_FORMAT_RPC,
} IopConfigFormat;

gboolean   iop_config_format_parse (const char      *name,
                                    IopConfigFormat *out,
                                    GError         **error);

/* The knobs set on HOST as an SPDK JSON config: subsystems in SPDK's order
 * (iobuf, accel, bdev, nvmf), each method once (nvmf_create_transport once
 * per transport type, with its trtype). NOTES, when given, receives translated
 * strings for what a JSON config cannot say (the core mask is a command-line
 * option) or what was left out. */
JsonNode  *iop_config_export_node  (const IopScenario *sc,
                                    IopHostId          host,
                                    GPtrArray         *notes);
char      *iop_config_export_json  (const IopScenario *sc,
                                    IopHostId          host,
                                    GPtrArray         *notes);
/* The same as scripts/rpc.py commands, one per line, with comments (#) that
 * say where each must run: iobuf/accel/bdev/nvmf_set_config before
 * framework_start_init (spdk_tgt --wait-for-rpc), bdev_nvme_set_options before
 * any controller attaches, nvmf_create_transport after init. */
char      *iop_config_export_rpc   (const IopScenario *sc,
                                    IopHostId          host,
                                    GPtrArray         *notes);
char      *iop_config_export       (const IopScenario *sc,
                                    IopHostId          host,
                                    IopConfigFormat    format,
                                    GPtrArray         *notes);

/* The rpc.py long option that sets DEF's parameter ("--small-pool-count"),
 * or NULL when rpc.py has none. Boolean options are flags. */
const char *iop_config_rpc_option  (const IopKnobDef *def,
                                    IopSpdkVersion    version);

G_END_DECLS
