/* iop-placement.c: which poll group a target gives each new queue pair
 *
 * spdk_nvmf_tgt_new_qpair (lib/nvmf/nvmf.c 1332 / 1402) takes the group the
 * transport's get_optimal_poll_group names (nvmf_transport_get_optimal_poll_group,
 * transport.c 688 / 681) and only falls back to the target's own round robin
 * when it names none. The transports' rules, the same at v26.01 and v26.05
 * unless said (lines v26.01 / v26.05):
 *
 *  - RDMA, nvmf_rdma_get_optimal_poll_group (rdma.c 4329 / 4321): an admin
 *    queue (qid 0 in the CM private data, rdma.c 1408 / 1439) takes
 *    conn_sched.next_admin_pg, a round robin of its own; an I/O qpair the
 *    group with the fewest I/O qpairs (current_io_qpairs plus the ones still
 *    unassociated, 4313 / 4305), looking from conn_sched.next_io_pg and
 *    keeping that one on a tie; the cursor then moves past the pick. Admin
 *    queues never move the I/O cursor.
 *  - TCP, nvmf_tcp_get_optimal_poll_group (tcp.c 1733 / 1712): every new
 *    connection takes next_pg at accept (1539 / 1518), before its CONNECT
 *    says whether it is an admin queue; the socket asks for no group of its
 *    own while sock placement_id is off, posix's default (posix.c 95).
 *  - VFIO-user (vfio_user.c 3913 / 4079): v26.01 one round robin for admin
 *    and I/O queues; v26.05 the group with the fewest qpairs of the same kind,
 *    the first in list order on a tie.
 *
 * The transport's groups are in the order the poll groups were created:
 * nvmf_create_transport adds the transport to each group with
 * spdk_for_each_channel, one thread after another in thread-id order
 * (thread.c 2715, 2741), and nvmf_tgt_create_poll_groups created
 * nvmf_tgt_poll_group_000 first (nvmf_tgt.c 218-228 / 220-230).
 *
 * The connections, in the order the baremetal host's bdev_nvme makes them
 * (raid_270's start-up: attach the controllers, create the RAID, then the
 * guest-facing subsystem starts):
 *   1. each controller's admin queue as it attaches, replica by replica,
 *      path by path;
 *   2. when a replica's first path attaches its namespace registers a bdev
 *      (bdev_nvme.c 4761 / 4905); spdk_bdev_register runs bdev_examine
 *      (bdev.c 9397 / 9401), where raid's examine_disk opens a channel on
 *      app_thread to read a superblock (bdev_raid.c 3991, 3912 / 4137,
 *      4058). The channel makes an I/O qpair over that path
 *      (bdev_nvme_create_bdev_channel_cb 1022 / 1040, nvme_qpair_create
 *      3629 / 3684, connected at once) that goes away when examine puts the
 *      channel back. A later path joins the bdev without a new examine.
 *   3. bdev_raid_create opens a channel to each base bdev on app_thread
 *      (base_info->app_thread_ch, bdev_raid.c 3376 / 3528): an I/O qpair
 *      per path, replica by replica;
 *   4. the subsystem starts on each poll group in turn, which opens the
 *      namespace's channel (nvmf.c 1698 / 1768); the RAID channel opens one
 *      to each base bdev in order (raid_bdev_create_cb, 288 / 287), each an
 *      I/O qpair per path.
 * A storage node sees only the connections to its own replicas. The
 * examine qpair is assumed closed before the next connection arrives.
 *
 * The guest's side: a VM (VFIO-user, RDMA) makes its admin queue, then its
 * I/O queue pairs in order; the TCP front end's guest is SPDK's bdev_nvme
 * (bdevperf in the captured run, shared/spdk/runtime), whose examine makes a
 * qpair between the two. That run's nvmf_get_stats agrees: admin on group
 * 000, a closed I/O qpair on 001, the job's on 000.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "iop-placement.h"

typedef struct
{
  guint  n;
  guint  next_admin, next_io;
  guint *io_count, *admin_count;
} Sched;

static gboolean
is_rdma (const IopPlacement *self)
{
  return g_strcmp0 (self->trtype, "RDMA") == 0;
}

static gboolean
is_tcp (const IopPlacement *self)
{
  return g_strcmp0 (self->trtype, "TCP") == 0;
}

/* One round robin for every qpair: TCP, VFIO-user at v26.01 */
static gboolean
one_cursor (const IopPlacement *self)
{
  return is_tcp (self) || (!is_rdma (self) && self->version < IOP_SPDK_V26_05);
}

/* nvmf_rdma_get_optimal_poll_group's I/O branch */
static guint
rdma_io_pick (Sched *s)
{
  guint start = s->next_io, cur = start, best = start;
  guint min = s->io_count[start];

  for (;;)
    {
      if (s->io_count[cur] < min)
        {
          min = s->io_count[cur];
          best = cur;
        }
      cur = (cur + 1) % s->n;
      if (cur == start || min == 0)
        break;
    }
  s->next_io = (best + 1) % s->n;
  return best;
}

static guint
pick (const IopPlacement *self, Sched *s, gboolean admin)
{
  guint g;

  if (is_rdma (self) && admin)
    {
      g = s->next_admin;
      s->next_admin = (g + 1) % s->n;
      return g;
    }
  if (is_rdma (self))
    return rdma_io_pick (s);
  if (one_cursor (self))
    {
      g = s->next_io;
      s->next_io = (g + 1) % s->n;
      return g;
    }
  /* VFIO-user v26.05: the fewest of the same kind, first in list order */
  g = 0;
  for (guint i = 1; i < s->n; i++)
    if (admin ? s->admin_count[i] < s->admin_count[g] : s->io_count[i] < s->io_count[g])
      g = i;
  return g;
}

/* The cursor a qpair moves: 0 the only one, 1 RDMA's admin, 2 RDMA's I/O */
static guint
cursor_of (const IopPlacement *self, IopConnKind kind)
{
  return one_cursor (self) ? 0 : kind == IOP_CONN_ADMIN ? 1 : 2;
}

static void
add (IopPlacement *self, Sched *s, guint *turns, IopConnKind kind, int thread, int leg, int path, int guest_qp)
{
  IopConn c = { kind, thread, leg, path, guest_qp, 0, 0, 0 };
  gboolean admin = kind == IOP_CONN_ADMIN;

  c.pg = pick (self, s, admin);
  c.turn = ++turns[cursor_of (self, kind)];
  if (admin)
    s->admin_count[c.pg]++;
  else if (kind == IOP_CONN_IO)
    {
      s->io_count[c.pg]++;
      c.io_index = self->n_io++;
    }
  /* an examine qpair closes again before the next connection */
  g_array_append_val (self->conns, c);
}

static IopPlacement *
placement_new (const IopScenario *sc, const IopTopology *topo, IopHostId h, int node)
{
  IopPlacement *self = g_new0 (IopPlacement, 1);

  self->host = h;
  self->node = node;
  self->n_nodes = MAX (sc->hosts[IOP_HOST_STORAGE].instances, 1);
  self->trtype = g_strdup (sc->hosts[h].target_trtype);
  self->version = sc->version;
  self->n_groups = MAX (topo->hosts[h].n_poll_groups, 1);
  self->conns = g_array_new (FALSE, TRUE, sizeof (IopConn));
  return self;
}

static void
sched_init (Sched *s, guint n)
{
  s->n = n;
  s->next_admin = s->next_io = 0;
  s->io_count = g_new0 (guint, n);
  s->admin_count = g_new0 (guint, n);
}

static void
sched_clear (Sched *s)
{
  g_clear_pointer (&s->io_count, g_free);
  g_clear_pointer (&s->admin_count, g_free);
}

IopPlacement *
iop_placement_new_storage (const IopScenario *sc,
                           const IopTopology *topo,
                           guint              node)
{
  IopPlacement *self = placement_new (sc, topo, IOP_HOST_STORAGE, (int)node);
  guint legs = sc->raid_legs, paths = MAX (sc->paths_per_leg, 1);
  guint first = 0, last = legs;
  guint bm_pgs = topo->hosts[IOP_HOST_BAREMETAL].n_poll_groups;
  guint turns[3] = { 0 };
  Sched s;

  /* one node per replica, or every replica on one node */
  if (sc->hosts[IOP_HOST_STORAGE].instances > 1)
    {
      first = MIN (node, legs);
      last = MIN (node + 1, legs);
    }
  self->spdk_initiator = TRUE;
  sched_init (&s, self->n_groups);
  for (guint l = first; l < last; l++)
    for (guint p = 0; p < paths; p++)
      {
        add (self, &s, turns, IOP_CONN_ADMIN, -1, (int)l, (int)p, -1);
        if (p == 0)
          add (self, &s, turns, IOP_CONN_EXAMINE, -1, (int)l, 0, -1);
      }
  for (int t = -1; t < (int)bm_pgs; t++)
    for (guint l = first; l < last; l++)
      for (guint p = 0; p < paths; p++)
        add (self, &s, turns, IOP_CONN_IO, t, (int)l, (int)p, -1);
  sched_clear (&s);
  return self;
}

IopPlacement *
iop_placement_new_front (const IopScenario *sc,
                         const IopTopology *topo,
                         guint              n_guest_qp)
{
  IopPlacement *self = placement_new (sc, topo, IOP_HOST_BAREMETAL, -1);
  guint turns[3] = { 0 };
  Sched s;

  self->spdk_initiator = is_tcp (self);
  sched_init (&s, self->n_groups);
  add (self, &s, turns, IOP_CONN_ADMIN, -1, -1, -1, -1);
  if (self->spdk_initiator)
    add (self, &s, turns, IOP_CONN_EXAMINE, -1, -1, -1, -1);
  for (guint q = 0; q < MAX (n_guest_qp, 1); q++)
    add (self, &s, turns, IOP_CONN_IO, -1, -1, -1, (int)q);
  sched_clear (&s);
  return self;
}

void
iop_placement_free (IopPlacement *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conns, g_array_unref);
  g_free (self->trtype);
  g_free (self);
}

const IopConn *
iop_placement_find (const IopPlacement *self,
                    int                 thread,
                    int                 leg,
                    int                 path,
                    int                 guest_qp)
{
  for (guint i = 0; i < self->conns->len; i++)
    {
      const IopConn *c = &g_array_index (self->conns, IopConn, i);

      if (c->kind == IOP_CONN_IO && c->thread == thread && c->leg == leg && c->path == path && c->guest_qp == guest_qp)
        return c;
    }
  return NULL;
}

/* The node's qpairs of each kind */
typedef struct
{
  guint admin, examine, app, per_pg;
} Totals;

static void
count_totals (const IopPlacement *self, Totals *t)
{
  *t = (Totals){ 0 };
  for (guint i = 0; i < self->conns->len; i++)
    {
      const IopConn *o = &g_array_index (self->conns, IopConn, i);

      if (o->kind == IOP_CONN_ADMIN)
        t->admin++;
      else if (o->kind == IOP_CONN_EXAMINE)
        t->examine++;
      else if (o->thread < 0)
        t->app++;
      else if (o->thread == 0)
        t->per_pg++;
    }
}

static const IopThread *
group_thread (const IopPlacement *self, const IopTopology *topo, guint pg)
{
  const IopHostTopology *ht = &topo->hosts[self->host];

  return g_ptr_array_index (ht->threads, 1 + (pg % MAX (ht->n_poll_groups, 1)));
}

static char *
describe_front (const IopPlacement *self, const IopThread *t, const IopConn *c)
{
  if (self->n_groups == 1)
    /* Translators: "In this run the guest's queue pair 1 is on nvmf_tgt_poll_group_000 (core 1), the only poll group on the baremetal host." */
    return g_strdup_printf (_("In this run the guest's queue pair %d is on %s (core %u), the only poll group on the baremetal host."),
                            c->guest_qp + 1, t->name, t->core);
  if (is_tcp (self))
    return g_strdup_printf (_("In this run the guest's queue pair %d is on %s (core %u), one of the %u poll groups on the baremetal host. "
                              "nvmf_tcp_get_optimal_poll_group hands every new connection, admin queue or I/O queue pair, to the next group in turn: "
                              "the qid is not known when the socket is accepted, and with sock placement_id off (the default) no socket asks for a group of its own. "
                              "The guest here is SPDK's bdev_nvme (bdevperf in the captured run): its admin queue took turn 1, "
                              "the I/O queue pair that bdev examine opened and closed again while the guest's bdev registered took turn 2, "
                              "and this queue pair took turn %u."),
                            c->guest_qp + 1, t->name, t->core, self->n_groups, c->turn);
  if (is_rdma (self))
    return g_strdup_printf (_("In this run the guest's queue pair %d is on %s (core %u), one of the %u poll groups on the baremetal host. "
                              "nvmf_rdma_get_optimal_poll_group gives a new I/O queue pair the group with the fewest I/O queue pairs, looking from the group after its last pick; "
                              "the admin queue takes turns of its own. This queue pair was I/O queue pair number %u."),
                            c->guest_qp + 1, t->name, t->core, self->n_groups, c->turn);
  if (self->version < IOP_SPDK_V26_05)
    return g_strdup_printf (_("In this run the guest's queue pair %d is on %s (core %u), one of the %u poll groups on the baremetal host. "
                              "At v26.01 nvmf_vfio_user_get_optimal_poll_group hands admin and I/O queues alike to the next group in turn; "
                              "the controller's admin queue took turn 1, this queue pair turn %u."),
                            c->guest_qp + 1, t->name, t->core, self->n_groups, c->turn);
  return g_strdup_printf (_("In this run the guest's queue pair %d is on %s (core %u), one of the %u poll groups on the baremetal host. "
                            "At v26.05 nvmf_vfio_user_get_optimal_poll_group gives an I/O queue pair the group with the fewest I/O queue pairs, the first in order on a tie; "
                            "the admin queue is counted apart."),
                          c->guest_qp + 1, t->name, t->core, self->n_groups);
}

char *
iop_placement_describe (const IopPlacement *self,
                        const IopTopology  *topo,
                        const IopConn      *c)
{
  const IopThread *t = group_thread (self, topo, c->pg);
  const IopHostTopology *bm = &topo->hosts[IOP_HOST_BAREMETAL];
  const char *from;
  g_autofree char *node = NULL;
  Totals n;

  if (self->node < 0)
    return describe_front (self, t, c);
  /* Translators: "storage node A"; the other is "the storage node" (one node holds every replica) */
  node = self->n_nodes > 1 ? g_strdup_printf (_("storage node %c"), 'A' + self->node)
                             : g_strdup (_("the storage node"));
  if (self->n_groups == 1)
    /* Translators: "In this run this queue pair is on nvmf_tgt_poll_group_000 (core 0), the only poll group on storage node A: every connection lands there." */
    return g_strdup_printf (_("In this run this queue pair is on %s (core %u), the only poll group on %s: every connection lands there."),
                            t->name, t->core, node);
  count_totals (self, &n);
  from = c->thread < 0 ? "app_thread"
         : ((const IopThread *)g_ptr_array_index (bm->threads, 1 + ((guint)c->thread % MAX (bm->n_poll_groups, 1))))->name;
  if (is_tcp (self))
    return g_strdup_printf (_("In this run this connection is on %s (core %u), one of the %u poll groups on %s. "
                              "nvmf_tcp_get_optimal_poll_group hands every new connection, admin queue or I/O queue pair, to the next group in turn: "
                              "the qid is not known when the socket is accepted, and with sock placement_id off (the default) no socket asks for a group of its own. "
                              "Connections to the node were started in this order (two started together may arrive the other way round): %u admin queues and %u I/O queue pairs that bdev examine opened on app_thread and closed again, "
                              "as the replica controllers attached; app_thread's %u for RAID's channels to the base bdevs; then %u from each poll group in turn. "
                              "This one, from %s over path %d, took turn %u."),
                            t->name, t->core, self->n_groups, node, n.admin, n.examine, n.app, n.per_pg, from, c->path, c->turn);
  /* Translators: "In this run this queue pair is on nvmf_tgt_poll_group_005 (core 10), one of the 28 poll groups on storage node A. ..." */
  return g_strdup_printf (_("In this run this queue pair is on %s (core %u), one of the %u poll groups on %s. "
                            "nvmf_rdma_get_optimal_poll_group gives a new I/O queue pair the group with the fewest I/O queue pairs, "
                            "looking from the group after its last pick and keeping that one on a tie; admin queues take turns of their own and do not count here. "
                            "The baremetal's I/O queue pairs were started to this node in this order (two started together may arrive the other way round): %u that bdev examine opened on app_thread when a replica's bdev registered (closed again), "
                            "app_thread's %u for RAID's channels to the base bdevs, then %u from each poll group in turn, nvmf_tgt_poll_group_000 first. "
                            "This one, from %s over path %d, was number %u."),
                          t->name, t->core, self->n_groups, node, n.examine, n.app, n.per_pg, from, c->path, c->turn);
}
