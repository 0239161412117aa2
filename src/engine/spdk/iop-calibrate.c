/* iop-calibrate.c: the model's timing fitted to real tracepoint captures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-calibrate.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "iop-compare.h"
#include "iop-error.h"
#include "iop-format.h"
#include "iop-json-util.h"
#include "iop-replay-private.h"
#include "iop-sim.h"
#include "iop-workload.h"

#define N IOP_REPLAY_N_HOPS
#define SCENARIO_RESOURCE "/io/github/iopath/Iopath/scenarios/%s.json"
#define MIN_IOS_PER_OP 5

/* The hops each parameter answers for */
static const char *const wire_hops[] = { "wire.to_target", "wire.to_storage", "wire.from_storage", "wire.to_guest", NULL };
static const char *const cpu_hops[] = { "target.receive", "target.raid_submit", "storage.receive",
                                        "storage.blob_submit", "storage.blob_complete", "target.raid_complete", NULL };
static const char *const backing_hops[] = { "storage.backing", NULL };
static const char *const respond_hops[] = { "storage.respond", "target.respond", NULL };

typedef enum { P_WIRE, P_CPU, P_BACKING, N_PARAMS } Param;

/* One op of one capture beside the model */
typedef struct
{
  guint64 op;               /* 1 read, 2 write */
  double  median[N], model[N];
  guint   count[N];
} Side;

typedef struct
{
  char           *dir;
  char           *name;
  guint           followed;
  guint64         blocks;
  IopBdevperfRun  run;
  GArray         *sides;    /* Side */
} Capture;

/* What a fit gives: the parameters and each capture run again on them */
typedef struct
{
  IopModel  model;
  double    factor[N_PARAMS];    /* recorded / model over the fitted hops */
  gboolean  fitted[N_PARAMS];
} Fit;

typedef struct
{
  gboolean done;
  double   iops, lat_ns;         /* the calibrated model's */
} Check;

struct _IopCalibration
{
  IopScenario *base;
  JsonNode    *base_json;
  char        *base_name;
  GPtrArray   *captures;          /* Capture* */
  Fit          all;
  GArray      *per_capture;       /* Fit: each capture fitted alone */
  GArray      *checks;            /* Check: each capture on the fit of all */
  GArray      *loo;               /* Check: each capture on the fit of the others, or NULL */
  double       respond_rec, respond_model;
};

static void
capture_free (gpointer p)
{
  Capture *c = p;

  g_free (c->dir);
  g_free (c->name);
  g_array_unref (c->sides);
  g_free (c);
}

void
iop_calibration_free (IopCalibration *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->base, iop_scenario_unref);
  g_clear_pointer (&self->base_json, json_node_unref);
  g_free (self->base_name);
  g_ptr_array_unref (self->captures);
  g_clear_pointer (&self->per_capture, g_array_unref);
  g_clear_pointer (&self->checks, g_array_unref);
  g_clear_pointer (&self->loo, g_array_unref);
  g_free (self);
}

/* ---- the base scenario, as a file ---------------------------------- */

static JsonNode *
load_base_json (const char *base,
                GError    **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_file_test (base, G_FILE_TEST_EXISTS))
    {
      if (!iop_file_read_bounded (base, IOP_JSON_MAX_BYTES, &data, &len, error))
        return NULL;
      return iop_json_parse_document (data, len, base, error);
    }
  else
    {
      g_autofree char *path = g_strdup_printf (SCENARIO_RESOURCE, base);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);

      if (bytes == NULL)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("No scenario %s (iopath-cli scenarios lists them)"), base);
          return NULL;
        }
      return iop_json_parse_document (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), base, error);
    }
}

/* ---- one capture --------------------------------------------------- */

static void
read_bdevperf (Capture *c)
{
  g_autofree char *path = g_build_filename (c->dir, "guest.bdevperf.log", NULL);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (iop_file_read_bounded (path, 16 * 1024 * 1024, &text, &len, NULL))
    iop_bdevperf_parse (text, &c->run);
}

/* How many followed I/Os have type OP */
static guint
ios_of_op (IopReplay *r,
           guint64    op)
{
  guint n = 0;

  for (guint f = 0; f < r->followed->len; f++)
    {
      HostIo *g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, f));
      if (obj_at (g_ptr_array_index (r->hosts, g->host), g->root)->type == op)
        n++;
    }
  return n;
}

static Capture *
capture_new (IopCalibration *self,
             const char     *dir,
             GError        **error)
{
  g_autoptr(IopReplay) r = iop_replay_new ();
  Capture *c;
  const char *op_name = NULL;

  if (!iop_replay_add_path (r, dir, error))
    return NULL;
  iop_replay_follow (r);
  if (iop_replay_n_followed (r) == 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("%s: no I/O could be followed from the guest to the storage and back, so it cannot calibrate"), dir);
      return NULL;
    }
  c = g_new0 (Capture, 1);
  c->dir = g_strdup (dir);
  c->name = g_path_get_basename (dir);
  c->followed = iop_replay_n_followed (r);
  c->sides = g_array_new (FALSE, TRUE, sizeof (Side));
  iop_replay_main_io (r, &op_name, &c->blocks);
  read_bdevperf (c);

  for (guint64 op = 1; op <= 2; op++)
    {
      g_autoptr(IopScenario) sc = NULL;
      g_autoptr(IopTrace) model = NULL;
      Side side = { .op = op };

      if (ios_of_op (r, op) < MIN_IOS_PER_OP)
        continue;
      sc = iop_scenario_copy (self->base);
      sc->op = op == 1 ? IOP_OP_READ : IOP_OP_WRITE;
      sc->io_size = (gint64)MIN (c->blocks, 4096) * sc->block_size;
      model = iop_trace_run (sc, NULL);
      if (model == NULL)
        continue;
      iop_replay_compare_sides (r, model, side.median, side.model, side.count);
      g_array_append_val (c->sides, side);
    }
  return c;
}

/* ---- fitting ------------------------------------------------------- */

static gboolean
in_list (const char *const *list,
         const char        *key)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* Sums of recorded medians and model times over the hops of LIST, for the
 * captures in USE (NULL: all); returns how many hops had both */
static guint
sums (IopCalibration    *self,
      const gboolean    *use,
      const char *const *list,
      double            *rec,
      double            *mod)
{
  guint n = 0;

  *rec = *mod = 0;
  for (guint i = 0; i < self->captures->len; i++)
    {
      Capture *c = g_ptr_array_index (self->captures, i);

      if (use != NULL && !use[i])
        continue;
      for (guint s = 0; s < c->sides->len; s++)
        {
          Side *side = &g_array_index (c->sides, Side, s);

          for (guint k = 0; k < N; k++)
            if (in_list (list, iop_replay_hop_key (k)) && side->count[k] > 0 && side->model[k] > 0)
              {
                *rec += side->median[k];
                *mod += side->model[k];
                n++;
              }
        }
    }
  return n;
}

static void
fit (IopCalibration *self,
     const gboolean *use,
     Fit            *out)
{
  IopModel m = self->base->model;
  double rec, mod;
  guint n;

  memset (out, 0, sizeof *out);
  /* the wire: what the model lacks, spread over each hop, added to the one-way time */
  n = sums (self, use, wire_hops, &rec, &mod);
  if (n > 0 && mod > 0)
    {
      out->factor[P_WIRE] = rec / mod;
      out->fitted[P_WIRE] = TRUE;
      m.rdma_one_way_ns = MAX (100, m.rdma_one_way_ns + (gint64)llround ((rec - mod) / n));
    }
  n = sums (self, use, cpu_hops, &rec, &mod);
  if (n > 0 && mod > 0)
    {
      double f = rec / mod;

      out->factor[P_CPU] = f;
      out->fitted[P_CPU] = TRUE;
      m.cpu_step_ns = MAX (1, (gint64)llround (m.cpu_step_ns * f));
      m.cpu_bdev_io_ns = MAX (1, (gint64)llround (m.cpu_bdev_io_ns * f));
      m.cpu_mempool_ns = MAX (1, (gint64)llround (m.cpu_mempool_ns * f));
    }
  n = sums (self, use, backing_hops, &rec, &mod);
  if (n > 0 && mod > 0 && rec > 0)
    {
      double f = rec / mod;

      out->factor[P_BACKING] = f;
      out->fitted[P_BACKING] = TRUE;
      m.memcpy_gbit = MAX (1, (gint64)llround (m.memcpy_gbit / f));
    }
  out->model = m;
}

/* The capture's run (bdevperf's queue depth, mix and size) on MODEL */
static Check
check (IopCalibration *self,
       Capture        *c,
       const IopModel *model)
{
  g_autoptr(IopScenario) sc = iop_scenario_copy (self->base);
  g_autoptr(IopWorkload) w = NULL;
  IopWorkloadParams p;
  Check out = { 0 };

  if (!c->run.found)
    return out;
  sc->model = *model;
  iop_workload_params_init (&p, sc);
  p.queue_pairs = 1;
  p.queue_depth = (guint)CLAMP (c->run.depth, 1, 4096);
  if (c->run.io_size > 0)
    p.io_size = c->run.io_size;
  p.read_percent = (guint)CLAMP (c->run.read_pct, 0, 100);
  p.random = c->run.random;
  p.fresh_lvol = FALSE;
  p.ios = 30 * (guint64)p.queue_depth + 300;
  p.duration_ns = 0;
  w = iop_workload_run (sc, &p, NULL);
  if (w == NULL)
    return out;
  out.done = TRUE;
  out.iops = w->iops;
  out.lat_ns = (double)w->lat_mean_ns;
  return out;
}

IopCalibration *
iop_calibrate (const char *const *dirs,
               const char        *base,
               gboolean           leave_one_out,
               GError           **error)
{
  g_autoptr(IopCalibration) self = g_new0 (IopCalibration, 1);
  guint n;

  self->captures = g_ptr_array_new_with_free_func (capture_free);
  self->base_name = g_strdup (base ? base : "realrun-tcp");
  self->base = iop_scenario_load (self->base_name, error);
  if (self->base == NULL)
    return NULL;
  self->base_json = load_base_json (self->base_name, error);
  if (self->base_json == NULL)
    return NULL;
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      Capture *c = capture_new (self, dirs[i], error);
      if (c == NULL)
        return NULL;
      g_ptr_array_add (self->captures, c);
    }
  n = self->captures->len;
  if (n == 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND, _("Give at least one capture folder"));
      return NULL;
    }
  if (leave_one_out && n < 2)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("Leaving one out needs two captures at least"));
      return NULL;
    }

  fit (self, NULL, &self->all);
  sums (self, NULL, respond_hops, &self->respond_rec, &self->respond_model);
  self->per_capture = g_array_sized_new (FALSE, TRUE, sizeof (Fit), n);
  self->checks = g_array_sized_new (FALSE, TRUE, sizeof (Check), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree gboolean *use = g_new0 (gboolean, n);
      Fit one;
      Check ck;

      use[i] = TRUE;
      fit (self, use, &one);
      g_array_append_val (self->per_capture, one);
      ck = check (self, g_ptr_array_index (self->captures, i), &self->all.model);
      g_array_append_val (self->checks, ck);
    }
  if (leave_one_out)
    {
      self->loo = g_array_sized_new (FALSE, TRUE, sizeof (Check), n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree gboolean *use = g_new0 (gboolean, n);
          Fit others;
          Check ck;

          for (guint j = 0; j < n; j++)
            use[j] = j != i;
          fit (self, use, &others);
          ck = check (self, g_ptr_array_index (self->captures, i), &others.model);
          g_array_append_val (self->loo, ck);
        }
    }
  return g_steal_pointer (&self);
}

/* ---- how well each is determined ----------------------------------- */

typedef struct
{
  const char *name;        /* the model parameter */
  const char *what;        /* N_() */
  Param       param;
} ParamDef;

static const ParamDef param_defs[] = {
  { "rdma_one_way_ns", N_("the wire, one way (with the waits for a CPU between hosts)"), P_WIRE },
  { "cpu_step_ns", N_("a step's CPU time (cpu_bdev_io_ns and cpu_mempool_ns scale with it)"), P_CPU },
  { "memcpy_gbit", N_("the malloc bdev's copy rate"), P_BACKING },
};

static gint64
model_value (const IopModel *m,
             Param           p)
{
  switch (p)
    {
    case P_WIRE: return m->rdma_one_way_ns;
    case P_CPU: return m->cpu_step_ns;
    case P_BACKING: return m->memcpy_gbit;
    default: g_assert_not_reached ();
    }
}

/* The spread of the captures' own fits: max / min of their factors */
static double
spread (IopCalibration *self,
        Param           p)
{
  double lo = INFINITY, hi = 0;

  for (guint i = 0; i < self->per_capture->len; i++)
    {
      Fit *f = &g_array_index (self->per_capture, Fit, i);
      if (!f->fitted[p] || f->factor[p] <= 0)
        continue;
      lo = MIN (lo, f->factor[p]);
      hi = MAX (hi, f->factor[p]);
    }
  return hi > 0 && isfinite (lo) ? hi / lo : -1;
}

static const char *
determined (IopCalibration *self,
            Param           p)
{
  double s = spread (self, p);

  if (!self->all.fitted[p])
    return "not";
  if (self->captures->len < 2 || s < 0)
    return "once";
  if (s < 1.5)
    return "well";
  if (s < 3)
    return "loosely";
  return "poorly";
}

static const char *
determined_label (const char *d)
{
  if (strcmp (d, "well") == 0)
    return _("well: the captures agree within 1.5x");
  if (strcmp (d, "loosely") == 0)
    return _("loosely: the captures differ by up to 3x");
  if (strcmp (d, "poorly") == 0)
    return _("poorly: the captures differ by more than 3x");
  if (strcmp (d, "once") == 0)
    return _("from one capture: nothing to check it against");
  return _("not fitted: no capture has these hops");
}

static char *
param_text (Param  p,
            gint64 v)
{
  if (p == P_BACKING)
    /* Translators: a data rate */
    return g_strdup_printf (_("%" PRId64 " Gbit/s"), v);
  return iop_format_duration (v);
}

/* ---- the scenario file --------------------------------------------- */

JsonNode *
iop_calibration_scenario (IopCalibration *self)
{
  JsonNode *node = json_node_copy (self->base_json);
  JsonObject *o = json_node_get_object (node);
  JsonObject *model = iop_json_get_object (o, "model");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *desc = NULL;

  if (model == NULL)
    {
      model = json_object_new ();
      json_object_set_object_member (o, "model", model);
    }
  json_object_set_int_member (model, "rdma_one_way_ns", self->all.model.rdma_one_way_ns);
  json_object_set_int_member (model, "cpu_step_ns", self->all.model.cpu_step_ns);
  json_object_set_int_member (model, "cpu_bdev_io_ns", self->all.model.cpu_bdev_io_ns);
  json_object_set_int_member (model, "cpu_mempool_ns", self->all.model.cpu_mempool_ns);
  json_object_set_int_member (model, "memcpy_gbit", self->all.model.memcpy_gbit);
  for (guint i = 0; i < self->captures->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", ((Capture *)g_ptr_array_index (self->captures, i))->name);
  desc = g_strdup_printf ("%s's timing fitted by iopath-cli calibrate to the tracepoint captures %s: "
                          "the wire (rdma_one_way_ns), a step's CPU time (cpu_step_ns, cpu_bdev_io_ns, "
                          "cpu_mempool_ns) and the malloc bdev's copy rate (memcpy_gbit).",
                          self->base_name, names->str);
  json_object_set_string_member (o, "id", "calibrated");
  json_object_set_string_member (o, "title", "Calibrated from real captures");
  json_object_set_string_member (o, "description", desc);
  return node;
}

gboolean
iop_calibration_write (IopCalibration *self,
                       const char     *path,
                       gboolean        force,
                       GError        **error)
{
  g_autoptr(JsonNode) node = iop_calibration_scenario (self);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  if (!force && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("%s exists and is kept: choose another name, or --force to replace it"), path);
      return FALSE;
    }
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  /* written beside, then moved over: a failed write leaves what was there */
  return g_file_set_contents (path, text, -1, error);
}

/* ---- the report ---------------------------------------------------- */

static const char *
workload_name (const Capture *c)
{
  if (!c->run.found)
    return "";
  if (c->run.read_pct >= 100)
    return c->run.random ? "randread" : "read";
  if (c->run.read_pct <= 0)
    return c->run.random ? "randwrite" : "write";
  return c->run.random ? "randrw" : "rw";
}

static void
add_check (JsonBuilder   *b,
           const char    *member,
           const Check   *ck,
           const Capture *c)
{
  if (!ck->done)
    return;
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model_iops");
  json_builder_add_double_value (b, ck->iops);
  json_builder_set_member_name (b, "model_mean_latency_ns");
  json_builder_add_int_value (b, (gint64)ck->lat_ns);
  json_builder_set_member_name (b, "iops_ratio");
  json_builder_add_double_value (b, c->run.iops > 0 ? ck->iops / c->run.iops : 0);
  json_builder_set_member_name (b, "latency_ratio");
  json_builder_add_double_value (b, c->run.avg_us > 0 ? ck->lat_ns / (c->run.avg_us * 1000) : 0);
  json_builder_end_object (b);
}

JsonNode *
iop_calibration_to_json (IopCalibration *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "base");
  json_builder_add_string_value (b, self->base_name);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (param_defs); i++)
    {
      const ParamDef *d = &param_defs[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, d->name);
      json_builder_set_member_name (b, "before");
      json_builder_add_int_value (b, model_value (&self->base->model, d->param));
      json_builder_set_member_name (b, "after");
      json_builder_add_int_value (b, model_value (&self->all.model, d->param));
      json_builder_set_member_name (b, "determined");
      json_builder_add_string_value (b, determined (self, d->param));
      json_builder_set_member_name (b, "spread");
      json_builder_add_double_value (b, spread (self, d->param));
      json_builder_set_member_name (b, "per_capture");
      json_builder_begin_array (b);
      for (guint c = 0; c < self->per_capture->len; c++)
        {
          Fit *f = &g_array_index (self->per_capture, Fit, c);
          if (f->fitted[d->param])
            json_builder_add_int_value (b, model_value (&f->model, d->param));
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "captures");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->captures->len; i++)
    {
      Capture *c = g_ptr_array_index (self->captures, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, c->name);
      json_builder_set_member_name (b, "ios_followed");
      json_builder_add_int_value (b, c->followed);
      if (c->run.found)
        {
          json_builder_set_member_name (b, "workload");
          json_builder_add_string_value (b, workload_name (c));
          json_builder_set_member_name (b, "queue_depth");
          json_builder_add_int_value (b, c->run.depth);
          json_builder_set_member_name (b, "recorded_iops");
          json_builder_add_double_value (b, c->run.iops);
          json_builder_set_member_name (b, "recorded_mean_latency_ns");
          json_builder_add_int_value (b, (gint64)(c->run.avg_us * 1000));
          add_check (b, "calibrated", &g_array_index (self->checks, Check, i), c);
          if (self->loo != NULL)
            add_check (b, "leave_one_out", &g_array_index (self->loo, Check, i), c);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "not_fitted");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "respond_recorded_ns");
  json_builder_add_int_value (b, (gint64)self->respond_rec);
  json_builder_set_member_name (b, "respond_model_ns");
  json_builder_add_int_value (b, (gint64)self->respond_model);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
append_check (GString       *s,
              const Capture *c,
              const Check   *ck)
{
  g_autofree char *lat = iop_format_duration ((gint64)(c->run.avg_us * 1000));
  g_autofree char *mlat = ck->done ? iop_format_duration ((gint64)ck->lat_ns) : g_strdup ("—");

  g_string_append_printf (s, "  %-18s %-9s QD %-4d %9.1f %9.1f  x%-5.2f %10s %10s  x%.2f\n",
                          c->name, workload_name (c), c->run.depth, c->run.iops, ck->iops,
                          c->run.iops > 0 ? ck->iops / c->run.iops : 0, lat, mlat,
                          c->run.avg_us > 0 ? ck->lat_ns / (c->run.avg_us * 1000) : 0);
}

char *
iop_calibration_to_text (IopCalibration *self)
{
  GString *s = g_string_new (NULL);
  gboolean any_run = FALSE;

  g_string_append_printf (s, _("Calibrated %s from %u captures:\n"), self->base_name, self->captures->len);
  for (guint i = 0; i < self->captures->len; i++)
    {
      Capture *c = g_ptr_array_index (self->captures, i);
      g_string_append_printf (s, _("  %s: %u I/Os followed\n"), c->name, c->followed);
      any_run |= c->run.found;
    }
  g_string_append (s, "\n");
  for (guint i = 0; i < G_N_ELEMENTS (param_defs); i++)
    {
      const ParamDef *d = &param_defs[i];
      g_autofree char *before = param_text (d->param, model_value (&self->base->model, d->param));
      g_autofree char *after = param_text (d->param, model_value (&self->all.model, d->param));
      GString *each = g_string_new (NULL);

      for (guint c = 0; c < self->per_capture->len; c++)
        {
          Fit *f = &g_array_index (self->per_capture, Fit, c);
          g_autofree char *v = f->fitted[d->param] ? param_text (d->param, model_value (&f->model, d->param)) : g_strdup ("—");
          g_string_append_printf (each, "%s%s", c ? ", " : "", v);
        }
      g_string_append_printf (s, _("%s, %s:\n  %s -> %s, determined %s\n  each capture alone: %s\n"),
                              d->name, _(d->what), before, after, determined_label (determined (self, d->param)), each->str);
      g_string_free (each, TRUE);
    }
  {
    g_autofree char *rec = iop_format_duration ((gint64)self->respond_rec);
    g_autofree char *mod = iop_format_duration ((gint64)self->respond_model);
    g_string_append_printf (s, _("Not fitted: from a bdev_io's completion to its response on the socket (%s recorded, "
                                 "%s modelled, summed over the captures). SPDK sends in the socket group's next poll; "
                                 "the model sends at once.\n"), rec, mod);
  }
  if (any_run)
    {
      g_string_append_printf (s, _("\nEach capture's own workload (its bdevperf log) on the calibrated model:\n"));
      g_string_append_printf (s, _("  %-18s %-9s %-7s %9s %9s  %-6s %10s %10s  %s\n"), _("capture"), _("workload"), "",
                              _("IOPS"), _("model"), "", _("latency"), _("model"), "");
      for (guint i = 0; i < self->captures->len; i++)
        {
          Capture *c = g_ptr_array_index (self->captures, i);
          if (c->run.found)
            append_check (s, c, &g_array_index (self->checks, Check, i));
        }
      if (self->loo != NULL)
        {
          g_string_append (s, _("\nLeaving each capture out, predicted by a fit of the others:\n"));
          for (guint i = 0; i < self->captures->len; i++)
            {
              Capture *c = g_ptr_array_index (self->captures, i);
              if (c->run.found)
                append_check (s, c, &g_array_index (self->loo, Check, i));
            }
        }
    }
  return g_string_free (s, FALSE);
}
