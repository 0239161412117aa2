/* iop-abfile.h: an A/B comparison kept in a file (docs/comparison-format.md)
 *
 * One I/O of a scenario under two settings: run A is the scenario with
 * optional knob changes of its own, run B is the same scenario or another
 * one, with its knob changes. Both trace the same I/O (op, size, SPDK
 * version, I/Os in flight) with the same faults. `iopath-cli compare FILE`
 * runs one, `--save FILE` writes one, and the app opens one in its Compare
 * view.
 *
 * iop_ab_file_new_from_data() checks the file's shape (types, ranges,
 * knob syntax, fault specs, unknown members); iop_ab_file_build() loads
 * the scenarios and applies everything. Both refuse with "SOURCE: PLACE:
 * reason" (IOP_ERROR_SCENARIO), PLACE being the JSON path (b.set[0]), as
 * the scenario and lesson readers do. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "iop-lesson.h"
#include "iop-scenario.h"

G_BEGIN_DECLS

#define IOP_AB_FILE_KIND       "iopath-comparison"
#define IOP_AB_FILE_MAX_BYTES  (256 * 1024)
#define IOP_AB_FILE_MAX_SETS   64
#define IOP_AB_FILE_MAX_FAULTS 16

typedef struct
{
  grefcount      ref_count;
  char          *title;        /* NULL: none; English as written */
  char          *description;
  char          *scenario;     /* run A's: a built-in id or a path, relative to the file's folder */
  char          *source;       /* the file it was read from, NULL when built in memory */
  gboolean       has_op, has_size, has_version, has_inflight;
  IopOp          op;
  gint64         size;
  IopSpdkVersion version;
  guint          inflight;
  GArray        *faults;       /* IopFault, in both runs */
  GArray        *a_sets;       /* IopLessonSet, run A only */
  char          *b_scenario;   /* NULL: run B starts from A's scenario */
  GArray        *b_sets;       /* IopLessonSet, run B only */
} IopAbFile;

/* An empty comparison of SCENARIO (an id or a path) to fill and save */
IopAbFile  *iop_ab_file_new             (const char  *scenario);
IopAbFile  *iop_ab_file_new_from_data   (const char  *data,
                                         gssize       len,
                                         const char  *source,
                                         GError     **error);
IopAbFile  *iop_ab_file_new_from_file   (const char  *path,
                                         GError     **error);
/* A comparison shipped with Iopath ("small-bdev-io-cache") */
IopAbFile  *iop_ab_file_new_builtin     (const char  *id,
                                         GError     **error);
char      **iop_ab_file_list_builtin    (void);
/* A built-in id or a path to a .json file */
IopAbFile  *iop_ab_file_load            (const char  *id_or_path,
                                         GError     **error);
/* Whether DATA looks like a comparison rather than a lesson, scenario or config */
gboolean   iop_ab_file_data_is_one      (const char  *data);

IopAbFile  *iop_ab_file_ref             (IopAbFile  *self);
void       iop_ab_file_unref            (IopAbFile  *self);

/* Adds a knob change to run A (B FALSE) or run B: "METHOD.PARAM=VALUE" */
void       iop_ab_file_add_set          (IopAbFile   *self,
                                         gboolean     b,
                                         IopHostId    host,
                                         const char  *assignment);
void       iop_ab_file_add_fault        (IopAbFile       *self,
                                         const IopFault  *fault);

/* Run A's scenario (B FALSE) or run B's, as iop_scenario_load() takes it:
 * a built-in id, or a path resolved against the file's folder */
char       *iop_ab_file_scenario_ref    (const IopAbFile  *self,
                                         gboolean          b);
/* Loads the scenarios and applies the I/O, the faults and each run's knob
 * changes: two new scenarios, validated. What "io" leaves out is run A's
 * scenario's, in both runs (the SPDK version: each scenario's own). */
gboolean   iop_ab_file_build            (const IopAbFile  *self,
                                         IopScenario     **a,
                                         IopScenario     **b,
                                         GError          **error);
/* "scenario raid270" / "bdev_set_options.bdev_io_cache_size=2 (baremetal)":
 * what run A (B FALSE) or run B is, in a line */
char       *iop_ab_file_describe_run    (const IopAbFile  *self,
                                         gboolean          b);
/* A title or description in the user's language (shipped ones are translated) */
const char *iop_ab_file_text            (const char  *text);

/* The file's JSON. Scenario paths are written relative to DIR where they
 * lie in it or below, else absolute (DIR NULL: as they are). */
JsonNode   *iop_ab_file_to_json         (const IopAbFile  *self,
                                         const char       *dir);
/* Writes the file; one that exists is replaced only with FORCE */
gboolean   iop_ab_file_save             (const IopAbFile  *self,
                                         const char       *path,
                                         gboolean          force,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IopAbFile, iop_ab_file_unref)

G_END_DECLS
