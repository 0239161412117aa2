/* iop-explanations-run.c: the part of a step's explanation that follows the run
 *
 * The texts of iop-explanations-*.c say what SPDK does in general. What this
 * I/O met at a branch of the path (a bdev_io from the thread's cache or from
 * the mempool, data in the capsule or in iobuf buffers, how many bdev_io its
 * size costs) is read here from the trace itself, so it follows the knobs,
 * the size and the direction of the run instead of a default story.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "iop-explanations.h"
#include "iop-format.h"
#include "iop-placement.h"
#include "iop-trace.h"
#include "iop-scenario.h"

typedef struct
{
  guint total, cache, mempool;
  guint top, parts, commands;
} BioCount;

static IopStep *
step_at (const IopTrace *self, guint i)
{
  return g_ptr_array_index (self->steps, i);
}

static gboolean
same_host (const IopStep *a, const IopStep *b)
{
  return a->place == b->place && (a->place != IOP_PLACE_STORAGE || a->node == b->node);
}

static const IopGauge *
event_gauge (const IopTrace *self, GArray *events)
{
  IopObjectEvent *e;

  if (events == NULL || events->len == 0)
    return NULL;
  e = &g_array_index (events, IopObjectEvent, 0);
  return e->gauge >= 0 ? g_ptr_array_index (self->gauges, e->gauge) : NULL;
}

/* The bdev_io the traced I/O took on S's host (on a storage node: for S's leg) */
static void
count_bdev_io (const IopTrace *self, const IopStep *s, BioCount *c)
{
  memset (c, 0, sizeof *c);
  for (guint i = 0; i < self->steps->len; i++)
    {
      IopStep *t = step_at (self, i);

      if (!same_host (t, s) || (s->place == IOP_PLACE_STORAGE && t->leg != s->leg))
        continue;
      if (strcmp (t->key, "bdev.split_done") == 0)
        c->parts++;
      else if (strcmp (t->key, "nvmf.bdev_rw") == 0)
        c->commands++;
      else if (strcmp (t->key, "bdev.get_io") == 0)
        {
          const IopGauge *g = event_gauge (self, t->allocs);

          if (g == NULL)
            continue;
          c->total++;
          if (t->leg < 0)
            c->top++;
          if (g->kind == IOP_GAUGE_MEMPOOL)
            c->mempool++;
          else
            c->cache++;
        }
    }
}

static char *
io_words (const IopTrace *self, const IopStep *s)
{
  g_autofree char *size = iop_format_bytes (self->scenario->io_size);

  /* Translators: "4 KiB write", "128 KiB read" */
  return g_strdup_printf (s->reads ? _("%s read") : _("%s write"), size);
}

/* "This 128 KiB write takes 7 bdev_io on the baremetal host: ..." */
static char *
bdev_io_sentence (const IopTrace *self, const IopStep *s)
{
  g_autofree char *what = io_words (self, s);
  g_autofree char *whence = NULL;
  BioCount c;

  count_bdev_io (self, s, &c);
  if (c.total == 0)
    return NULL;
  if (c.mempool == 0)
    whence = g_strdup (_("all from the thread's cache"));
  else if (c.cache == 0)
    whence = g_strdup (_("all from the global mempool, the thread's cache being empty"));
  else
    /* Translators: how many of the bdev_io came from where */
    whence = g_strdup_printf (_("%u from the thread's cache, %u from the global mempool"), c.cache, c.mempool);

  if (s->place == IOP_PLACE_BAREMETAL)
    {
      guint children = c.total - c.top - MIN (c.parts, c.total - c.top);

      /* Translators: "This 128 KiB write takes 7 bdev_io on the baremetal host (RAID1 bdev 1, RAID1 children 2, split parts 4): all from the thread's cache." */
      return g_strdup_printf (_("This %s takes %u bdev_io on the baremetal host (RAID1 bdev %u, RAID1 children %u, split parts %u): %s."),
                              what, c.total, c.top, children, c.parts, whence);
    }
  {
    /* count_bdev_io counts this step's leg only: a node that serves both
       replicas (one storage process) sees as many again for the other */
    gboolean shared = self->scenario->hosts[IOP_HOST_STORAGE].instances < self->scenario->raid_legs && !s->reads;
    /* Translators: "This 128 KiB write takes 4 bdev_io on storage node B for 2 commands of this replica (the lvol's and the backing bdev's for each): all from the thread's cache." */
    g_autofree char *one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "This %s takes %u bdev_io on storage node %c for %u command of this replica (the lvol's and the backing bdev's): %s.",
                                                         "This %s takes %u bdev_io on storage node %c for %u commands of this replica (the lvol's and the backing bdev's for each): %s.",
                                                         MAX (c.commands, 1)),
                                            what, c.total, 'A' + MAX (s->node, 0), MAX (c.commands, 1), whence);

    if (!shared)
      return g_steal_pointer (&one);
    /* Translators: follows the sentence above on a node that holds every replica */
    return g_strdup_printf (_("%s This node serves every replica (%u), so the guest's %s takes %u bdev_io here in all."),
                            one, self->scenario->raid_legs, what, c.total * self->scenario->raid_legs);
  }
}

/* Where this step's bdev_io came from or went back to */
static char *
bdev_io_pool_sentence (const IopTrace *self, const IopStep *s, gboolean alloc)
{
  GArray *ev = alloc ? s->allocs : s->frees;
  const IopGauge *g = event_gauge (self, ev);
  IopObjectEvent *e;
  g_autofree char *level = NULL;
  const char *thread = s->thread ? s->thread : "-";

  if (g == NULL)
    return NULL;
  e = &g_array_index (ev, IopObjectEvent, 0);
  level = iop_format_count (e->after);
  if (alloc && g->kind == IOP_GAUGE_MEMPOOL)
    return g_strdup_printf (_("In this run %s's cache was empty, so this bdev_io came from the global mempool (%s left there)."), thread, level);
  if (alloc)
    return g_strdup_printf (_("In this run this bdev_io came from %s's cache (%s left there)."), thread, level);
  if (g->kind == IOP_GAUGE_MEMPOOL)
    return g_strdup_printf (_("In this run %s's cache was full, so this bdev_io went back to the global mempool (%s there now)."), thread, level);
  return g_strdup_printf (_("In this run this bdev_io went back to %s's cache (%s there now)."), thread, level);
}

/* The last step before S on S's host and leg with one of KEYS */
static const IopStep *
last_before (const IopTrace *self, const IopStep *s, const char *const *keys)
{
  for (guint i = s->index; i-- > 0;)
    {
      IopStep *t = step_at (self, i);

      if (!same_host (t, s) || t->leg != s->leg)
        continue;
      for (guint k = 0; keys[k] != NULL; k++)
        if (strcmp (t->key, keys[k]) == 0)
          return t;
    }
  return NULL;
}

static guint
alloc_count (const IopStep *s)
{
  guint n = 0;

  for (guint i = 0; i < s->allocs->len; i++)
    {
      IopObjectEvent *e = &g_array_index (s->allocs, IopObjectEvent, i);

      n += (guint)MAX (e->before - e->after, 0);
    }
  return n;
}

/* On a storage node: where the command's data sits when NVMf hands it to the lvol */
static char *
target_data_sentence (const IopTrace *self, const IopStep *s)
{
  static const char *const keys[] = {
    "nvmf_rdma.in_capsule", "nvmf_tcp.in_capsule",
    "nvmf_rdma.get_buffers", "nvmf_tcp.get_buffers",
    "nvmf_rdma.recv", "nvmf_tcp.recv", NULL
  };
  const IopStep *t = last_before (self, s, keys);
  guint n;

  if (t == NULL)
    return NULL;
  if (g_str_has_suffix (t->key, ".in_capsule"))
    return g_strdup (strcmp (t->key, "nvmf_rdma.in_capsule") == 0
                     ? _("In this run the write's data came inside the command capsule: the iovec points into the receive buffer the capsule landed in, and no iobuf buffer was taken.")
                     : _("In this run the write's data came inside the command PDU: the iovec points into the tcp_req's own in-capsule buffer, and no iobuf buffer was taken."));
  if (!g_str_has_suffix (t->key, ".get_buffers"))
    return NULL;
  n = alloc_count (t);
  if (s->reads)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In this run the iovecs point at %u iobuf buffer, which the device below will fill before the target sends it back.",
                                         "In this run the iovecs point at %u iobuf buffers, which the device below will fill before the target sends them back.", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "In this run the data did not fit in the capsule: the iovecs point at %u iobuf buffer that %s has just filled.",
                                       "In this run the data did not fit in the capsule: the iovecs point at %u iobuf buffers that %s has just filled.", n),
                          n, g_str_has_prefix (t->key, "nvmf_tcp") ? "H2C DATA" : "RDMA READ");
}

static IopHostId
step_host (const IopStep *s)
{
  return s->place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
}

static gboolean
has_transport (const IopTrace *self, IopHostId h, gboolean fabric, const char *tr)
{
  const IopHostConfig *hc = &self->scenario->hosts[h];

  return g_strcmp0 (fabric ? hc->fabric_trtype : hc->target_trtype, tr) == 0;
}

/* On a storage node: what the lvstore sits on */
static char *
base_bdev_sentence (const IopTrace *self)
{
  if (g_strcmp0 (self->scenario->hosts[IOP_HOST_STORAGE].backend, "malloc") == 0)
    return g_strdup (_("In this run the lvstore's base bdev is a malloc bdev: its I/O is a memory copy by the software accel module on this thread."));
  return g_strdup (_("In this run the lvstore's base bdev is the NVMe bdev of a local PCIe SSD."));
}

/* The bdev module's iobuf cache on S's host, from the host's own knobs */
static char *
bdev_iobuf_cache_sentence (const IopTrace *self, const IopStep *s)
{
  const IopScenario *sc = self->scenario;
  IopHostId h = step_host (s);
  gint64 small = iop_scenario_get_knob (sc, h, "bdev_set_options.iobuf_small_cache_size");
  gint64 large = iop_scenario_get_knob (sc, h, "bdev_set_options.iobuf_large_cache_size");
  gint64 sbs = iop_scenario_get_knob (sc, h, "iobuf_set_options.small_bufsize");
  gint64 lbs = iop_scenario_get_knob (sc, h, "iobuf_set_options.large_bufsize");
  g_autofree char *ns = iop_format_count (small);
  g_autofree char *nl = iop_format_count (large);
  g_autofree char *bs = iop_format_bytes (small * sbs);
  g_autofree char *bl = iop_format_bytes (large * lbs);

  /* Translators: "On this host the bdev module's cache is 128 small buffers (1 MiB) and 16 large ones (2.1 MiB) per thread." */
  return g_strdup_printf (_("On this host the bdev module's cache is %s small buffers (%s) and %s large ones (%s) per thread, from bdev_set_options.iobuf_small_cache_size and bdev_set_options.iobuf_large_cache_size."),
                          ns, bs, nl, bl);
}

/* How many bdev_io complete on S's host (on a storage node: for S's leg) */
static char *
bdev_complete_sentence (const IopTrace *self, const IopStep *s)
{
  g_autofree char *what = io_words (self, s);
  guint n = 0;

  for (guint i = 0; i < self->steps->len; i++)
    {
      IopStep *t = step_at (self, i);

      if (same_host (t, s) && (s->place != IOP_PLACE_STORAGE || t->leg == s->leg) &&
          strcmp (t->key, "bdev.complete") == 0)
        n++;
    }
  if (s->place == IOP_PLACE_STORAGE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "In this run %u bdev_io completes on storage node %c for this %s.",
                                         "In this run %u bdev_io complete on storage node %c for this %s, innermost first.", n),
                            n, 'A' + MAX (s->node, 0), what);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "In this run %u bdev_io completes on the baremetal host for this %s.",
                                       "In this run %u bdev_io complete on the baremetal host for this %s, innermost first.", n),
                          n, what);
}

/* Where a RAID1 read's data landed, and how it got there */
static char *
read_data_sentence (const IopTrace *self)
{
  const char *where, *how;

  if (has_transport (self, IOP_HOST_BAREMETAL, FALSE, "VFIOUSER"))
    where = _("In this run that buffer is the guest's own memory, mapped by the VFIO-user target.");
  else if (has_transport (self, IOP_HOST_BAREMETAL, FALSE, "TCP"))
    where = _("In this run that buffer is an iobuf buffer of the baremetal host's TCP target, which sends it to the guest in C2H DATA PDUs next.");
  else
    where = _("In this run that buffer is an iobuf buffer of the baremetal host's RDMA target, which sends it to the guest with RDMA WRITE next.");
  if (has_transport (self, IOP_HOST_BAREMETAL, TRUE, "TCP"))
    how = _("The data came back in C2H DATA PDUs, which the NVMe/TCP initiator read from the socket into it.");
  else
    how = _("The storage node's RDMA WRITE placed the data there, with no copy on this host.");
  return g_strconcat (where, " ", how, NULL);
}

/* The poll group of HOST whose thread is named NAME, or -1 */
static int
poll_group_named (const IopTrace *self, IopHostId host, const char *name)
{
  const IopHostTopology *ht = &self->topology->hosts[host];

  for (guint i = 0; name != NULL && i < ht->threads->len; i++)
    {
      const IopThread *t = g_ptr_array_index (ht->threads, i);

      if (t->role == IOP_THREAD_POLL_GROUP && strcmp (t->name, name) == 0)
        return (int)t->poll_group;
    }
  return -1;
}

/* Where the connection S arrived on sits, and why: the target placed it
 * when it connected (iop-placement.c) */
static char *
placement_sentence (const IopTrace *self, const IopStep *s)
{
  const IopScenario *sc = self->scenario;
  g_autoptr(IopPlacement) pl = NULL;
  const IopConn *c = NULL;
  int pg;

  if (self->topology == NULL)
    return NULL;
  if (s->place == IOP_PLACE_BAREMETAL)
    {
      pg = poll_group_named (self, IOP_HOST_BAREMETAL, s->thread);
      /* the traced I/O is the guest's first queue pair's */
      pl = iop_placement_new_front (sc, self->topology, 1);
      c = iop_placement_find (pl, -1, -1, -1, 0);
    }
  else
    {
      static const char *const submit[] = { "bdev_nvme.submit", NULL };
      const IopStep *from = NULL;
      int bm_pg;

      pg = poll_group_named (self, IOP_HOST_STORAGE, s->thread);
      /* the baremetal thread that sent this leg's command */
      for (guint i = s->index; i-- > 0 && from == NULL;)
        {
          IopStep *t = step_at (self, i);

          if (t->place == IOP_PLACE_BAREMETAL && t->leg == s->leg && strcmp (t->key, submit[0]) == 0)
            from = t;
        }
      bm_pg = from != NULL ? poll_group_named (self, IOP_HOST_BAREMETAL, from->thread) : -1;
      if (bm_pg < 0 || s->leg < 0)
        return NULL;
      pl = iop_placement_new_storage (sc, self->topology, (guint)MAX (s->node, 0));
      for (guint path = 0; path < sc->paths_per_leg && (c == NULL || (int)c->pg != pg); path++)
        c = iop_placement_find (pl, bm_pg, s->leg, (int)path, -1);
    }
  if (c == NULL || pg < 0 || (int)c->pg != pg)
    return NULL;
  return iop_placement_describe (pl, self->topology, c);
}

/* What the trace shows at S's branch, or NULL */
static char *
run_note (const IopTrace *self, const IopStep *s)
{
  const char *k = s->key;

  if (strcmp (k, "bdev.get_io") == 0)
    {
      g_autofree char *from = bdev_io_pool_sentence (self, s, TRUE);
      g_autofree char *count = bdev_io_sentence (self, s);

      if (from == NULL || count == NULL)
        return g_steal_pointer (&from);
      return g_strconcat (from, " ", count, NULL);
    }
  if (strcmp (k, "bdev.free_io") == 0)
    return bdev_io_pool_sentence (self, s, FALSE);
  if (strcmp (k, "blob.dev_io") == 0)
    return g_strdup (g_strcmp0 (self->scenario->hosts[IOP_HOST_STORAGE].backend, "malloc") == 0
                     ? _("In this run the lvstore sits on a malloc bdev: bdev_malloc serves the I/O from memory with an accel copy on this thread; no NVMe driver and no SSD are involved.")
                     : _("In this run the lvstore sits on the NVMe bdev of a local PCIe SSD: bdev_nvme, the NVMe driver and the SSD follow."));
  if (strcmp (k, "bdev.get_buf") == 0)
    return bdev_iobuf_cache_sentence (self, s);
  if (strcmp (k, "raid1.read_complete") == 0)
    return read_data_sentence (self);
  if (strcmp (k, "bdev.complete") == 0)
    {
      g_autofree char *count = bdev_complete_sentence (self, s);

      if (s->place != IOP_PLACE_STORAGE)
        return g_steal_pointer (&count);
      g_autofree char *base = base_bdev_sentence (self);
      return g_strconcat (count, " ", base, NULL);
    }
  if (s->place == IOP_PLACE_STORAGE &&
      (strcmp (k, "nvmf.exec") == 0 || strcmp (k, "bdev.submit") == 0 || strcmp (k, "lvol.submit") == 0))
    return base_bdev_sentence (self);
  if (strcmp (k, "raid1.write") == 0)
    return bdev_io_sentence (self, s);
  if ((strcmp (k, "nvmf_rdma.recv") == 0 && s->place == IOP_PLACE_STORAGE) || strcmp (k, "nvmf_tcp.recv") == 0 ||
      strcmp (k, "vfu.poll") == 0)
    return placement_sentence (self, s);
  if (strcmp (k, "nvmf.bdev_rw") == 0)
    return s->place == IOP_PLACE_STORAGE ? target_data_sentence (self, s) : bdev_io_sentence (self, s);
  return NULL;
}

char *
iop_trace_step_explanation_text (const IopTrace *self,
                                 const IopStep  *s)
{
  const IopExplanation *ex = iop_trace_step_explanation (self, s);
  g_autofree char *note = NULL;

  if (ex == NULL)
    return NULL;
  note = run_note (self, s);
  if (note == NULL)
    return g_strdup (_(ex->body));
  return g_strconcat (_(ex->body), "\n\n", note, NULL);
}
