/* iop-replay.c: real SPDK tracepoint captures, followed I/O by I/O
 *
 * Three passes: read each host's file into objects (every tracepoint that
 * creates an object opens one; the others close it or add to it), gather
 * each host's I/Os from their root objects (a guest's bdev_io, a target's
 * transport request), then match them across hosts and measure the hops.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "iop-replay.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "iop-error.h"
#include "iop-format.h"
#include "iop-json-util.h"

/* The tracepoints followed, by name; any other is counted and skipped */
typedef enum
{
  TP_OTHER,
  TP_BDEV_IO_START,
  TP_BDEV_IO_DONE,
  TP_RAID_START,
  TP_RAID_DONE,
  TP_BDEV_NVME_START,
  TP_BDEV_NVME_DONE,
  TP_NVME_SUBMIT,
  TP_NVME_COMPLETE,
  TP_REQ_NEW,
  TP_REQ_COMPLETED,
  TP_BLOB_START,
  TP_BLOB_DONE,
  TP_SOCK_PEND,
} Tp;

static const struct { const char *name; Tp tp; } tp_names[] = {
  { "BDEV_IO_START", TP_BDEV_IO_START },
  { "BDEV_IO_DONE", TP_BDEV_IO_DONE },
  { "BDEV_RAID_IO_START", TP_RAID_START },
  { "BDEV_RAID_IO_DONE", TP_RAID_DONE },
  { "BDEV_NVME_IO_START", TP_BDEV_NVME_START },
  { "BDEV_NVME_IO_DONE", TP_BDEV_NVME_DONE },
  { "NVME_TCP_SUBMIT", TP_NVME_SUBMIT },
  { "NVME_TCP_COMPLETE", TP_NVME_COMPLETE },
  { "NVME_RDMA_SUBMIT", TP_NVME_SUBMIT },
  { "NVME_RDMA_COMPLETE", TP_NVME_COMPLETE },
  { "NVME_PCIE_SUBMIT", TP_NVME_SUBMIT },
  { "NVME_PCIE_COMPLETE", TP_NVME_COMPLETE },
  { "TCP_REQ_NEW", TP_REQ_NEW },
  { "TCP_REQ_COMPLETED", TP_REQ_COMPLETED },
  { "RDMA_REQ_NEW", TP_REQ_NEW },
  { "RDMA_REQ_COMPLETED", TP_REQ_COMPLETED },
  { "BLOB_REQ_SET_START", TP_BLOB_START },
  { "BLOB_REQ_SET_COMPLETE", TP_BLOB_DONE },
  { "SOCK_REQ_PEND", TP_SOCK_PEND },
};

/* A capture of one lcore ring holds 65536 entries by default; a file with
 * far more than 64 rings' worth is refused before it fills memory */
#define MAX_ENTRIES (64 * 65536)
#define NONE G_MAXUINT

typedef struct
{
  Tp       tp;
  gboolean new_object;                       /* its entries each start an object */
  int      a_type, a_offset, a_opc, a_slba;  /* argument positions, -1 none */
} TpInfo;

/* One traced object: a bdev_io, raid_bdev_io, NVMe request, transport
 * request, blob request set or socket request */
typedef struct
{
  Tp       kind;          /* the tracepoint that created it */
  guint    parent;        /* object index, NONE at a root */
  guint    lcore;
  guint64  start, end;    /* tsc; end 0 while open */
  guint64  type, offset;  /* a bdev_io's I/O type and offset (blocks) */
  guint64  opc, slba;     /* an NVMe command's opcode and starting LBA */
  guint64  sent;          /* a request's last socket completion */
  char    *owner;         /* the poller field: which bdev or qpair */
} Obj;

typedef struct
{
  char      *name;
  char      *file;
  guint64    tsc_rate;
  guint64    first_tsc, last_tsc;
  guint      n_entries, n_unknown, n_orphans;
  guint64    lcores;       /* bit per lcore below 64 */
  gboolean   is_target;    /* it received NVMe-oF requests */
  GArray    *objs;         /* Obj */
} Host;

/* A leg: an NVMe command this host sent, and the request it became on the
 * host that received it */
typedef struct
{
  guint    host, obj;          /* the NVMe request (initiator side) */
  guint64  bdev_start;         /* the bdev_io it serves */
  const char *via;             /* that bdev_io's owner: which bdev (replica) */
  guint    route;              /* the host VIA's commands go to, NONE unknown */
  guint    to_host, to_obj;    /* the target request it matched, or NONE */
} Leg;

/* An I/O as one host saw it */
typedef struct
{
  guint    host, root;         /* root object: guest bdev_io or target request */
  guint    bdev;               /* the top bdev_io (the root itself on a guest) */
  guint    raid;               /* raid_bdev_io or NONE */
  guint    blob, backing;      /* storage: blob request set, backing bdev_io */
  GArray  *legs;               /* Leg */
  gboolean matched;            /* taken by an initiator's leg */
} HostIo;

struct _IopReplay
{
  GPtrArray *hosts;            /* Host */
  GArray    *ios;              /* HostIo, every host */
  GPtrArray *warnings;
  guint      n_followed, n_seen, n_reads, n_writes;
  GArray    *followed;         /* guint: index in ios of each followed guest I/O */
  gboolean   partial;
};

static void
host_free (gpointer p)
{
  Host *h = p;

  for (guint i = 0; i < h->objs->len; i++)
    g_free (g_array_index (h->objs, Obj, i).owner);
  g_array_unref (h->objs);
  g_free (h->name);
  g_free (h->file);
  g_free (h);
}

static void
ios_clear (IopReplay *r)
{
  for (guint i = 0; i < r->ios->len; i++)
    g_array_unref (g_array_index (r->ios, HostIo, i).legs);
  g_array_set_size (r->ios, 0);
  g_array_set_size (r->followed, 0);
  r->n_followed = r->n_seen = r->n_reads = r->n_writes = 0;
}

IopReplay *
iop_replay_new (void)
{
  IopReplay *r = g_new0 (IopReplay, 1);

  r->hosts = g_ptr_array_new_with_free_func (host_free);
  r->ios = g_array_new (FALSE, TRUE, sizeof (HostIo));
  r->followed = g_array_new (FALSE, FALSE, sizeof (guint));
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  return r;
}

void
iop_replay_free (IopReplay *r)
{
  if (r == NULL)
    return;
  ios_clear (r);
  g_array_unref (r->ios);
  g_array_unref (r->followed);
  g_ptr_array_unref (r->hosts);
  g_ptr_array_unref (r->warnings);
  g_free (r);
}

guint
iop_replay_n_hosts (IopReplay *r)
{
  return r->hosts->len;
}

guint
iop_replay_n_followed (IopReplay *r)
{
  return r->n_followed;
}

/* ---- reading one file ---------------------------------------------- */

static gboolean
get_u64 (JsonNode *n,
         guint64  *out)
{
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = (guint64)json_node_get_int (n);
  return TRUE;
}

static int
arg_index (JsonObject *tpoint,
           const char *name)
{
  JsonArray *args = iop_json_get_array (tpoint, "args");

  for (guint i = 0; args && i < json_array_get_length (args); i++)
    {
      JsonNode *n = json_array_get_element (args, i);
      if (JSON_NODE_HOLDS_OBJECT (n) && g_strcmp0 (iop_json_get_str (json_node_get_object (n), "name"), name) == 0)
        return (int)i;
    }
  return -1;
}

/* id -> TpInfo from the file's own tpoints table */
static GHashTable *
read_tpoints (JsonArray  *tpoints,
              const char *source,
              GError    **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint known = 0;

  for (guint i = 0; i < json_array_get_length (tpoints); i++)
    {
      JsonNode *n = json_array_get_element (tpoints, i);
      JsonObject *o = JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
      const char *name = iop_json_get_str (o, "name");
      JsonNode *nn;
      gint64 id;
      TpInfo *info;

      if (name == NULL || !iop_json_get_int (o, "id", &id))
        continue;
      info = g_new0 (TpInfo, 1);
      for (guint k = 0; k < G_N_ELEMENTS (tp_names); k++)
        if (strcmp (name, tp_names[k].name) == 0)
          {
            info->tp = tp_names[k].tp;
            known++;
          }
      nn = json_object_get_member (o, "new_object");
      info->new_object = nn != NULL && JSON_NODE_HOLDS_VALUE (nn) && json_node_get_value_type (nn) == G_TYPE_BOOLEAN
                         && json_node_get_boolean (nn);
      info->a_type = arg_index (o, "type");
      info->a_offset = arg_index (o, "offset");
      info->a_opc = arg_index (o, "opc");
      info->a_slba = arg_index (o, "dw10");
      g_hash_table_insert (table, g_memdup2 (&id, sizeof id), info);
    }
  if (known == 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("%s: its tpoints table names none of the tracepoints Iopath follows (BDEV_IO_START, NVME_TCP_SUBMIT, TCP_REQ_NEW, ...)"), source);
      return NULL;
    }
  return g_steal_pointer (&table);
}

static guint64
entry_arg (JsonArray *args,
           int        index)
{
  guint64 v = 0;

  if (args != NULL && index >= 0 && (guint)index < json_array_get_length (args))
    get_u64 (json_array_get_element (args, index), &v);
  return v;
}

/* One entry: opens, closes or adds to its object */
static void
read_entry (Host       *h,
            GHashTable *ids,
            GHashTable *tps,
            JsonObject *e)
{
  gint64 tpid = -1;
  guint64 tsc = 0, lcore = 0;
  JsonObject *object = iop_json_get_object (e, "object");
  const char *oid = iop_json_get_str (object, "id");
  const char *rel = iop_json_get_str (e, "related");
  JsonArray *args = iop_json_get_array (e, "args");
  TpInfo *info;
  gpointer idx;
  Obj *o;

  h->n_entries++;
  if (!iop_json_get_int (e, "tpoint", &tpid) || !get_u64 (json_object_get_member (e, "tsc"), &tsc))
    {
      h->n_unknown++;
      return;
    }
  info = g_hash_table_lookup (tps, &tpid);
  if (info == NULL)
    {
      h->n_unknown++;
      return;
    }
  get_u64 (json_object_get_member (e, "lcore"), &lcore);
  if (lcore < 64)
    h->lcores |= G_GUINT64_CONSTANT (1) << lcore;
  if (h->first_tsc == 0 || tsc < h->first_tsc)
    h->first_tsc = tsc;
  if (tsc > h->last_tsc)
    h->last_tsc = tsc;
  if (oid == NULL)
    return;
  if (info->new_object)
    {
      Obj n = { 0 };
      gpointer pidx;

      n.kind = info->tp;
      n.parent = NONE;
      n.lcore = (guint)lcore;
      n.start = tsc;
      n.type = entry_arg (args, info->a_type);
      n.offset = entry_arg (args, info->a_offset);
      n.opc = entry_arg (args, info->a_opc);
      n.slba = entry_arg (args, info->a_slba);
      n.owner = g_strdup (iop_json_get_str (e, "poller"));
      if (rel != NULL)
        {
          if (g_hash_table_lookup_extended (ids, rel, NULL, &pidx))
            n.parent = GPOINTER_TO_UINT (pidx);
          else
            h->n_orphans++;
        }
      g_array_append_val (h->objs, n);
      g_hash_table_replace (ids, g_strdup (oid), GUINT_TO_POINTER (h->objs->len - 1));
      return;
    }
  if (!g_hash_table_lookup_extended (ids, oid, NULL, &idx))
    {
      /* it started before the ring's first entry */
      h->n_orphans++;
      return;
    }
  o = &g_array_index (h->objs, Obj, GPOINTER_TO_UINT (idx));
  if (info->tp == TP_SOCK_PEND)
    {
      /* the socket write of a request (the object related to this one):
       * when its bytes went to the kernel */
      if (o->parent != NONE)
        {
          Obj *req = &g_array_index (h->objs, Obj, o->parent);
          if (req->kind == TP_REQ_NEW && tsc > req->sent)
            req->sent = tsc;
        }
      return;
    }
  if (info->tp != TP_OTHER && o->end == 0)
    o->end = tsc;
}

static char *
host_of_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static gboolean
add_document (IopReplay  *r,
              const char *host,
              const char *source,
              JsonNode   *root,
              GError    **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *tpoints = iop_json_get_array (o, "tpoints");
  JsonArray *entries = iop_json_get_array (o, "entries");
  g_autoptr(GHashTable) tps = NULL;
  g_autoptr(GHashTable) ids = NULL;
  gint64 rate = 0;
  Host *h;

  if (o == NULL || tpoints == NULL || entries == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("%s: not an spdk_trace -j file (it needs \"tsc_rate\", \"tpoints\" and \"entries\")"), source);
      return FALSE;
    }
  if (!iop_json_get_int (o, "tsc_rate", &rate) || rate < 1000 || rate > G_GINT64_CONSTANT (100000000000))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("%s: \"tsc_rate\" must be the TSC's ticks per second, between 1,000 and 100,000,000,000"), source);
      return FALSE;
    }
  if (json_array_get_length (entries) > MAX_ENTRIES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: %u entries, more than Iopath reads (%u)"), source, json_array_get_length (entries), MAX_ENTRIES);
      return FALSE;
    }
  tps = read_tpoints (tpoints, source, error);
  if (tps == NULL)
    return FALSE;
  for (guint i = 0; i < r->hosts->len; i++)
    if (strcmp (((Host *)g_ptr_array_index (r->hosts, i))->name, host) == 0)
      {
        g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                     _("%s: a second trace of host %s (one file per host)"), source, host);
        return FALSE;
      }

  h = g_new0 (Host, 1);
  h->name = g_strdup (host);
  h->file = g_strdup (source);
  h->tsc_rate = (guint64)rate;
  h->objs = g_array_new (FALSE, TRUE, sizeof (Obj));
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *n = json_array_get_element (entries, i);
      if (JSON_NODE_HOLDS_OBJECT (n))
        read_entry (h, ids, tps, json_node_get_object (n));
      else
        h->n_unknown++;
    }
  g_ptr_array_add (r->hosts, h);
  return TRUE;
}

gboolean
iop_replay_add_data (IopReplay  *r,
                     const char *host,
                     const char *data,
                     gsize       len,
                     GError    **error)
{
  g_autoptr(JsonNode) root = iop_json_parse_document (data, len, host, error);

  if (root == NULL)
    return FALSE;
  return add_document (r, host, host, root, error);
}

static gboolean
add_file (IopReplay  *r,
          const char *path,
          GError    **error)
{
  g_autofree char *data = NULL;
  g_autofree char *host = host_of_path (path);
  g_autoptr(JsonNode) root = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_JSON_MAX_BYTES, &data, &len, error))
    return FALSE;
  root = iop_json_parse_document (data, len, path, error);
  if (root == NULL)
    return FALSE;
  return add_document (r, host, path, root, error);
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return strcmp (*(const char *const *)a, *(const char *const *)b);
}

gboolean
iop_replay_add_path (IopReplay  *r,
                     const char *path,
                     GError    **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return add_file (r, path, error);
  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".spdk_trace.json"))
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  if (names->len == 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("%s: no *.spdk_trace.json in this folder (spdk_trace -j > HOST.spdk_trace.json)"), path);
      return FALSE;
    }
  g_ptr_array_sort (names, cmp_str);
  for (guint i = 0; i < names->len; i++)
    if (!add_file (r, g_ptr_array_index (names, i), error))
      return FALSE;
  return TRUE;
}

/* ---- each host's I/Os ---------------------------------------------- */

static Obj *
obj_at (Host *h,
        guint i)
{
  return &g_array_index (h->objs, Obj, i);
}

/* Adds object I, a descendant of IO's root, to what IO knows */
static void
io_add_descendant (HostIo *io,
                   Host   *h,
                   guint   hi,
                   guint   i)
{
  Obj *o = obj_at (h, i);

  switch (o->kind)
    {
    case TP_BDEV_IO_START:
      if (io->bdev == NONE)
        io->bdev = i;
      else if (io->blob != NONE && io->backing == NONE && o->parent == io->blob)
        io->backing = i;
      break;
    case TP_RAID_START:
      if (io->raid == NONE)
        io->raid = i;
      break;
    case TP_BLOB_START:
      if (io->blob == NONE)
        io->blob = i;
      break;
    case TP_NVME_SUBMIT:
      {
        Leg leg = { .host = hi, .obj = i, .to_host = NONE, .to_obj = NONE };
        guint b = o->parent;

        /* the bdev_io this command serves: up through bdev_nvme's io */
        while (b != NONE && obj_at (h, b)->kind != TP_BDEV_IO_START)
          b = obj_at (h, b)->parent;
        leg.bdev_start = b != NONE ? obj_at (h, b)->start : o->start;
        leg.via = b != NONE ? obj_at (h, b)->owner : NULL;
        leg.route = NONE;
        g_array_append_val (io->legs, leg);
        break;
      }
    default:
      break;
    }
}

/* Each root object that is an I/O (a target's request, or a bdev_io nobody
 * on this host asked for: the guest's application) and what hangs below
 * it. Objects are in the order they started and a child starts after its
 * parent, so one pass finds each object's root. */
static void
gather_host (IopReplay *r,
             guint      hi)
{
  Host *h = g_ptr_array_index (r->hosts, hi);
  g_autofree guint *io_of = g_new (guint, h->objs->len);

  for (guint i = 0; i < h->objs->len; i++)
    {
      Obj *o = obj_at (h, i);

      if (o->parent == NONE || o->parent >= i)
        {
          io_of[i] = NONE;
          if (o->kind == TP_REQ_NEW)
            h->is_target = TRUE;
          if (o->kind == TP_REQ_NEW || o->kind == TP_BDEV_IO_START)
            {
              HostIo io = { .host = hi, .root = i, .bdev = NONE, .raid = NONE, .blob = NONE, .backing = NONE };

              io.legs = g_array_new (FALSE, TRUE, sizeof (Leg));
              if (o->kind == TP_BDEV_IO_START)
                io.bdev = i;
              g_array_append_val (r->ios, io);
              io_of[i] = r->ios->len - 1;
            }
          continue;
        }
      io_of[i] = io_of[o->parent];
      if (io_of[i] != NONE)
        io_add_descendant (&g_array_index (r->ios, HostIo, io_of[i]), h, hi, i);
    }
}

/* ---- across hosts -------------------------------------------------- */

/* A bdev_io's type: 1 read, 2 write (SPDK_BDEV_IO_TYPE_*); an NVMe
 * command's opcode: 1 write, 2 read */
static guint64
op_of_opc (guint64 opc)
{
  return opc == 1 ? 2 : opc == 2 ? 1 : 0;
}

static double
ns_per_tick (Host *h)
{
  return 1e9 / (double)h->tsc_rate;
}

static guint64
bucket_key (guint64 offset,
            guint64 type)
{
  return offset * 16 + (type & 15);
}

/* Every target request, by the LBA and type of its bdev_io */
static GHashTable *
index_requests (IopReplay *r)
{
  GHashTable *by = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);

  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *th = g_ptr_array_index (r->hosts, io->host);
      Obj *bdev;
      guint64 key;
      GArray *list;

      if (io->bdev == NONE || obj_at (th, io->root)->kind != TP_REQ_NEW)
        continue;
      bdev = obj_at (th, io->bdev);
      key = bucket_key (bdev->offset, bdev->type);
      list = g_hash_table_lookup (by, &key);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by, g_memdup2 (&key, sizeof key), list);
        }
      g_array_append_val (list, k);
    }
  return by;
}

/* LEG goes to the first unmatched request, on another host, for the same
 * LBA and type, that starts after the command was submitted (one machine:
 * the TSC is shared) and whose bdev_io was done before the command's
 * completion came back. WANT_LEGS: a request that sent commands on (RAID's
 * host) or one that did not (a storage node). */
static void
match_leg (IopReplay  *r,
           GHashTable *by,
           Leg        *leg,
           gboolean    want_legs)
{
  Host *h = g_ptr_array_index (r->hosts, leg->host);
  Obj *cmd = obj_at (h, leg->obj);
  guint64 key = bucket_key (cmd->slba, op_of_opc (cmd->opc));
  GArray *list = g_hash_table_lookup (by, &key);
  guint64 best = G_MAXUINT64;
  guint best_io = NONE;

  for (guint j = 0; list != NULL && j < list->len; j++)
    {
      guint k = g_array_index (list, guint, j);
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Obj *req = obj_at (g_ptr_array_index (r->hosts, io->host), io->root);

      if (io->matched || io->host == leg->host || (io->legs->len > 0) != want_legs || req->start < cmd->start)
        continue;
      if (leg->route != NONE && io->host != leg->route)
        continue;
      /* and the target's work ended before the command's completion came
       * back: of those, the one that ended last, as a completion follows
       * its own response (a request on the other replica's node may have
       * ended long before); without a completion, the first to start */
      {
        Obj *bdev = obj_at (g_ptr_array_index (r->hosts, io->host), io->bdev);
        guint64 score;

        if (cmd->end != 0 && bdev->end != 0)
          {
            if (bdev->end > cmd->end)
              continue;
            score = cmd->end - bdev->end;
          }
        else
          score = req->start - cmd->start;
        if (score < best)
          {
            best = score;
            best_io = k;
          }
      }
    }
  if (best_io != NONE)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, best_io);
      io->matched = TRUE;
      leg->to_host = io->host;
      leg->to_obj = best_io;
    }
}

static void
match_all (IopReplay  *r,
           GHashTable *by,
           gboolean    middle)
{
  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);
      gboolean guest = !h->is_target;

      for (guint l = 0; l < io->legs->len; l++)
        match_leg (r, by, &g_array_index (io->legs, Leg, l), guest && middle);
    }
}

static void
unmatch_all (IopReplay *r)
{
  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);

      io->matched = FALSE;
      for (guint l = 0; l < io->legs->len; l++)
        {
          Leg *leg = &g_array_index (io->legs, Leg, l);
          leg->to_host = leg->to_obj = NONE;
        }
    }
}

/* For each (host, bdev) that sends commands: the host most of them reached */
static void
learn_routes (IopReplay *r)
{
  g_autoptr(GHashTable) votes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = r->hosts->len;

  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < r->ios->len; k++)
      {
        HostIo *io = &g_array_index (r->ios, HostIo, k);

        for (guint l = 0; l < io->legs->len; l++)
          {
            Leg *leg = &g_array_index (io->legs, Leg, l);
            g_autofree char *key = NULL;
            guint *count;

            if (leg->via == NULL)
              continue;
            key = g_strdup_printf ("%u:%s", leg->host, leg->via);
            count = g_hash_table_lookup (votes, key);
            if (pass == 0)
              {
                if (count == NULL)
                  {
                    count = g_new0 (guint, n);
                    g_hash_table_insert (votes, g_steal_pointer (&key), count);
                  }
                if (leg->to_host != NONE)
                  count[leg->to_host]++;
              }
            else
              {
                guint best = NONE, most = 0, second = 0;

                for (guint h = 0; h < n; h++)
                  if (count[h] > most)
                    {
                      second = most;
                      most = count[h];
                      best = h;
                    }
                  else if (count[h] > second)
                    second = count[h];
                /* a bdev's controller reaches one node: the majority,
                 * when there is one and more than a couple of commands */
                leg->route = most >= 3 && most > second ? best : NONE;
              }
          }
      }
}

static gboolean
any_middle_tier (IopReplay *r)
{
  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);
      if (obj_at (h, io->root)->kind == TP_REQ_NEW && io->legs->len > 0)
        return TRUE;
    }
  return FALSE;
}

void
iop_replay_follow (IopReplay *r)
{
  g_autoptr(GHashTable) by = NULL;
  gboolean middle;

  ios_clear (r);
  g_ptr_array_set_size (r->warnings, 0);
  for (guint hi = 0; hi < r->hosts->len; hi++)
    gather_host (r, hi);
  middle = any_middle_tier (r);
  by = index_requests (r);

  /* a guest's commands go to the middle tier (RAID) when one was traced;
   * the middle tier's go to the leaves (the storage targets). Each in time
   * order, so the first command takes the first request. A second pass
   * sends each bdev's commands only to the host most of them reached in the
   * first: replica A's leg never takes B's request for the same LBA. */
  match_all (r, by, middle);
  learn_routes (r);
  unmatch_all (r);
  match_all (r, by, middle);

  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);
      gboolean complete = TRUE;

      if (h->is_target || obj_at (h, io->root)->kind != TP_BDEV_IO_START || io->legs->len == 0)
        continue;
      r->n_seen++;
      for (guint l = 0; l < io->legs->len && complete; l++)
        {
          Leg *leg = &g_array_index (io->legs, Leg, l);
          HostIo *mid;

          if (leg->to_obj == NONE)
            complete = FALSE;
          else if (middle)
            {
              mid = &g_array_index (r->ios, HostIo, leg->to_obj);
              for (guint m = 0; m < mid->legs->len; m++)
                if (g_array_index (mid->legs, Leg, m).to_obj == NONE)
                  complete = FALSE;
            }
        }
      if (!complete)
        continue;
      r->n_followed++;
      g_array_append_val (r->followed, k);
      if (obj_at (h, io->root)->type == 1)
        r->n_reads++;
      else if (obj_at (h, io->root)->type == 2)
        r->n_writes++;
    }
  r->partial = r->n_followed < r->n_seen;
  if (r->partial)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("%u of %u guest I/Os could not be followed to the storage and back: "
                                        "a ring that wrapped lost their start on some host, or a host's trace is missing"),
                                      r->n_seen - r->n_followed, r->n_seen));
  for (guint hi = 0; hi < r->hosts->len; hi++)
    {
      Host *h = g_ptr_array_index (r->hosts, hi);
      if (h->n_orphans > 0)
        g_ptr_array_add (r->warnings,
                         g_strdup_printf (_("%s: %u entries belong to objects that started before the trace's first entry (the ring wrapped)"),
                                          h->name, h->n_orphans));
    }
}

/* ---- hops ---------------------------------------------------------- */

typedef struct
{
  const char *key;
  const char *label;
} HopDef;

/* In the order an I/O crosses them */
static const HopDef hop_defs[] = {
  { "guest.submit", N_("Guest: bdev_io to NVMe command") },
  { "wire.to_target", N_("Network: guest command to the target's request") },
  { "target.receive", N_("Target: request to its bdev_io (capsule, data)") },
  { "target.raid_submit", N_("Target: bdev_io through RAID1 to the first leg's command") },
  { "wire.to_storage", N_("Network: leg command to the storage node's request") },
  { "storage.receive", N_("Storage: request to the lvol's bdev_io") },
  { "storage.blob_submit", N_("Storage: lvol and blobstore to the backing bdev_io") },
  { "storage.backing", N_("Storage: backing bdev_io, start to done") },
  { "storage.blob_complete", N_("Storage: backing done to the lvol's bdev_io done") },
  { "storage.respond", N_("Storage: lvol done to the response sent") },
  { "wire.from_storage", N_("Network: response sent to the leg's completion") },
  { "target.raid_complete", N_("Target: last leg's completion to the RAID bdev_io done") },
  { "target.respond", N_("Target: bdev_io done to the response sent") },
  { "wire.to_guest", N_("Network: response sent to the guest's completion") },
  { "guest.complete", N_("Guest: NVMe completion to bdev_io done") },
  { "total", N_("Guest: bdev_io start to done") },
};

enum { N_HOPS = G_N_ELEMENTS (hop_defs) };

static void
hop (double  *v,
     int      k,
     guint64  from,
     guint64  to,
     double   npt)
{
  if (from != 0 && to != 0 && to >= from)
    v[k] = (double)(to - from) * npt;
}

/* A response's hop on the wire: from the sender's socket write to the
 * receiver's completion. The receiver can see the bytes before the sender
 * records its write (the writev returned, then the sender's reactor lost the
 * CPU), so a receiver earlier than the record, yet after the request's work
 * ended (AFTER), counts as no time on the wire. */
static void
hop_wire (double  *v,
          int      k,
          guint64  from,
          guint64  to,
          guint64  after,
          double   npt)
{
  if (from != 0 && to != 0 && to < from && to >= after)
    v[k] = 0;
  else
    hop (v, k, from, to, npt);
}

static int
hop_index (const char *key)
{
  for (int k = 0; k < N_HOPS; k++)
    if (strcmp (hop_defs[k].key, key) == 0)
      return k;
  g_assert_not_reached ();
}

/* Storage hops of a leaf request REQ_IO into V */
static void
leaf_hops (IopReplay *r,
           HostIo    *leaf,
           double    *v)
{
  Host *h = g_ptr_array_index (r->hosts, leaf->host);
  double npt = ns_per_tick (h);
  Obj *req = obj_at (h, leaf->root);
  Obj *bdev = leaf->bdev != NONE ? obj_at (h, leaf->bdev) : NULL;
  Obj *back = leaf->backing != NONE ? obj_at (h, leaf->backing) : NULL;

  if (bdev == NULL)
    return;
  hop (v, hop_index ("storage.receive"), req->start, bdev->start, npt);
  if (back != NULL)
    {
      hop (v, hop_index ("storage.blob_submit"), bdev->start, back->start, npt);
      hop (v, hop_index ("storage.backing"), back->start, back->end, npt);
      hop (v, hop_index ("storage.blob_complete"), back->end, bdev->end, npt);
    }
  hop (v, hop_index ("storage.respond"), bdev->end, req->sent ? req->sent : req->end, npt);
}

/* The hops of followed guest I/O G: TOP for the path, LEGS[] one per leaf */
static void
io_hops (IopReplay *r,
         HostIo    *g,
         double    *top,
         GArray    *legs)
{
  Host *gh = g_ptr_array_index (r->hosts, g->host);
  double npt = ns_per_tick (gh);
  Obj *gio = obj_at (gh, g->root);
  Leg *gl = &g_array_index (g->legs, Leg, 0);
  Obj *gcmd = obj_at (gh, gl->obj);
  HostIo *t = &g_array_index (r->ios, HostIo, gl->to_obj);
  Host *th = g_ptr_array_index (r->hosts, t->host);
  Obj *treq = obj_at (th, t->root);
  Obj *tbdev = obj_at (th, t->bdev);
  guint64 last_leg_done = 0, first_leg_submit = G_MAXUINT64;

  for (int k = 0; k < N_HOPS; k++)
    top[k] = -1;
  hop (top, hop_index ("guest.submit"), gio->start, gcmd->start, npt);
  hop (top, hop_index ("wire.to_target"), gcmd->start, treq->start, npt);
  hop (top, hop_index ("target.receive"), treq->start, tbdev->start, npt);
  for (guint m = 0; m < t->legs->len; m++)
    {
      Leg *leg = &g_array_index (t->legs, Leg, m);
      Obj *cmd = obj_at (th, leg->obj);
      HostIo *leaf = leg->to_obj != NONE ? &g_array_index (r->ios, HostIo, leg->to_obj) : NULL;
      double v[N_HOPS];

      for (int k = 0; k < N_HOPS; k++)
        v[k] = -1;
      first_leg_submit = MIN (first_leg_submit, cmd->start);
      last_leg_done = MAX (last_leg_done, cmd->end);
      if (leaf != NULL)
        {
          Host *lh = g_ptr_array_index (r->hosts, leaf->host);
          Obj *lreq = obj_at (lh, leaf->root);

          hop (v, hop_index ("wire.to_storage"), cmd->start, lreq->start, npt);
          leaf_hops (r, leaf, v);
          hop_wire (v, hop_index ("wire.from_storage"), lreq->sent ? lreq->sent : lreq->end, cmd->end,
                    leaf->bdev != NONE ? obj_at (lh, leaf->bdev)->end : lreq->start, npt);
        }
      g_array_append_vals (legs, v, N_HOPS);
    }
  if (t->legs->len > 0)
    {
      hop (top, hop_index ("target.raid_submit"), tbdev->start, first_leg_submit, npt);
      hop (top, hop_index ("target.raid_complete"), last_leg_done, tbdev->end, npt);
    }
  else
    {
      /* no middle tier traced: the guest's target is the storage node */
      leaf_hops (r, t, top);
    }
  hop (top, hop_index ("target.respond"), tbdev->end, treq->sent ? treq->sent : treq->end, npt);
  hop_wire (top, hop_index ("wire.to_guest"), treq->sent ? treq->sent : treq->end, gcmd->end, tbdev->end, npt);
  hop (top, hop_index ("guest.complete"), gcmd->end, gio->end, npt);
  hop (top, hop_index ("total"), gio->start, gio->end, npt);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Nearest rank */
static double
percentile (GArray *sorted,
            double  p)
{
  guint n = sorted->len, rank;

  if (n == 0)
    return -1;
  rank = (guint)(p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);
  return g_array_index (sorted, double, rank - 1);
}

static const char *
host_role (IopReplay *r,
           guint      hi)
{
  gboolean guest = FALSE, target = FALSE, legs = FALSE;

  for (guint k = 0; k < r->ios->len; k++)
    {
      HostIo *io = &g_array_index (r->ios, HostIo, k);
      Host *h = g_ptr_array_index (r->hosts, io->host);

      if (io->host != hi)
        continue;
      if (obj_at (h, io->root)->kind == TP_BDEV_IO_START && io->legs->len > 0)
        guest = TRUE;
      if (obj_at (h, io->root)->kind == TP_REQ_NEW)
        {
          target = TRUE;
          legs |= io->legs->len > 0;
        }
    }
  if (target && legs)
    return "target-initiator";
  if (target)
    return "storage-target";
  if (guest)
    return "initiator";
  return "unknown";
}

static void
add_hop_object (JsonBuilder *b,
                const double *v)
{
  json_builder_begin_object (b);
  for (int k = 0; k < N_HOPS; k++)
    if (v[k] >= 0)
      {
        json_builder_set_member_name (b, hop_defs[k].key);
        json_builder_add_int_value (b, (gint64)(v[k] + 0.5));
      }
  json_builder_end_object (b);
}

/* Every followed I/O's hops; SAMPLES[k] gets hop k's values (legs too) */
static void
collect (IopReplay *r,
         GArray   **samples,
         JsonBuilder *b)
{
  for (guint f = 0; f < r->followed->len; f++)
    {
      HostIo *g = &g_array_index (r->ios, HostIo, g_array_index (r->followed, guint, f));
      Host *gh = g_ptr_array_index (r->hosts, g->host);
      Obj *gio = obj_at (gh, g->root);
      Leg *gl = &g_array_index (g->legs, Leg, 0);
      HostIo *t = &g_array_index (r->ios, HostIo, gl->to_obj);
      double top[N_HOPS];
      g_autoptr(GArray) legs = g_array_new (FALSE, FALSE, sizeof (double));

      io_hops (r, g, top, legs);
      for (int k = 0; k < N_HOPS; k++)
        {
          if (top[k] >= 0)
            g_array_append_val (samples[k], top[k]);
          for (guint l = 0; l < legs->len / N_HOPS; l++)
            {
              double v = g_array_index (legs, double, l * N_HOPS + k);
              if (v >= 0)
                g_array_append_val (samples[k], v);
            }
        }
      if (b == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "op");
      json_builder_add_string_value (b, gio->type == 1 ? "read" : gio->type == 2 ? "write" : "other");
      json_builder_set_member_name (b, "offset_blocks");
      json_builder_add_int_value (b, (gint64)gio->offset);
      json_builder_set_member_name (b, "start_tsc");
      json_builder_add_int_value (b, (gint64)gio->start);
      json_builder_set_member_name (b, "target");
      json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, t->host))->name);
      json_builder_set_member_name (b, "hops");
      add_hop_object (b, top);
      json_builder_set_member_name (b, "legs");
      json_builder_begin_array (b);
      for (guint l = 0; l < t->legs->len; l++)
        {
          Leg *leg = &g_array_index (t->legs, Leg, l);
          Host *th = g_ptr_array_index (r->hosts, t->host);
          HostIo *leaf = &g_array_index (r->ios, HostIo, leg->to_obj);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "bdev");
          json_builder_add_string_value (b, leg->via ? leg->via : "");
          json_builder_set_member_name (b, "qpair");
          json_builder_add_string_value (b, obj_at (th, leg->obj)->owner ? obj_at (th, leg->obj)->owner : "");
          json_builder_set_member_name (b, "storage");
          json_builder_add_string_value (b, ((Host *)g_ptr_array_index (r->hosts, leaf->host))->name);
          json_builder_set_member_name (b, "hops");
          add_hop_object (b, &g_array_index (legs, double, l * N_HOPS));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
}

static void
add_hosts_json (IopReplay   *r,
                JsonBuilder *b)
{
  json_builder_set_member_name (b, "hosts");
  json_builder_begin_array (b);
  for (guint hi = 0; hi < r->hosts->len; hi++)
    {
      Host *h = g_ptr_array_index (r->hosts, hi);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, h->name);
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, host_role (r, hi));
      json_builder_set_member_name (b, "tsc_rate");
      json_builder_add_int_value (b, (gint64)h->tsc_rate);
      json_builder_set_member_name (b, "entries");
      json_builder_add_int_value (b, h->n_entries);
      json_builder_set_member_name (b, "entries_not_followed");
      json_builder_add_int_value (b, h->n_unknown);
      json_builder_set_member_name (b, "orphans");
      json_builder_add_int_value (b, h->n_orphans);
      json_builder_set_member_name (b, "first_tsc");
      json_builder_add_int_value (b, (gint64)h->first_tsc);
      json_builder_set_member_name (b, "last_tsc");
      json_builder_add_int_value (b, (gint64)h->last_tsc);
      json_builder_set_member_name (b, "span_ns");
      json_builder_add_int_value (b, (gint64)((h->last_tsc - h->first_tsc) * ns_per_tick (h)));
      json_builder_set_member_name (b, "lcores");
      json_builder_begin_array (b);
      for (guint c = 0; c < 64; c++)
        if (h->lcores & (G_GUINT64_CONSTANT (1) << c))
          json_builder_add_int_value (b, c);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
iop_replay_to_json (IopReplay *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GArray *samples[N_HOPS];

  for (int k = 0; k < N_HOPS; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  json_builder_begin_object (b);
  add_hosts_json (r, b);
  json_builder_set_member_name (b, "clock");
  json_builder_add_string_value (b, "shared-tsc");
  json_builder_set_member_name (b, "ios_seen");
  json_builder_add_int_value (b, r->n_seen);
  json_builder_set_member_name (b, "ios_followed");
  json_builder_add_int_value (b, r->n_followed);
  json_builder_set_member_name (b, "by_op");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "read");
  json_builder_add_int_value (b, r->n_reads);
  json_builder_set_member_name (b, "write");
  json_builder_add_int_value (b, r->n_writes);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "partial");
  json_builder_add_boolean_value (b, r->partial);
  json_builder_set_member_name (b, "ios");
  json_builder_begin_array (b);
  collect (r, samples, b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "hops");
  json_builder_begin_array (b);
  for (int k = 0; k < N_HOPS; k++)
    {
      g_array_sort (samples[k], cmp_double);
      if (samples[k]->len == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, hop_defs[k].key);
      json_builder_set_member_name (b, "median_ns");
      json_builder_add_int_value (b, (gint64)(percentile (samples[k], 50) + 0.5));
      json_builder_set_member_name (b, "p99_ns");
      json_builder_add_int_value (b, (gint64)(percentile (samples[k], 99) + 0.5));
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, samples[k]->len);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->warnings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  for (int k = 0; k < N_HOPS; k++)
    g_array_unref (samples[k]);
  return json_builder_get_root (b);
}

/* printf's widths count bytes; a column of translated text counts characters */
static void
append_padded (GString    *s,
               const char *text,
               glong       width)
{
  g_string_append (s, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (s, ' ');
}

static void
append_padded_right (GString    *s,
                     const char *text,
                     glong       width)
{
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (s, ' ');
  g_string_append (s, text);
}

char *
iop_replay_to_text (IopReplay *r)
{
  GString *s = g_string_new (NULL);
  GArray *samples[N_HOPS];

  for (guint hi = 0; hi < r->hosts->len; hi++)
    {
      Host *h = g_ptr_array_index (r->hosts, hi);
      g_autofree char *span = iop_format_duration ((gint64)((h->last_tsc - h->first_tsc) * ns_per_tick (h)));

      g_string_append_printf (s, _("%-12s %-17s %7u entries over %s\n"), h->name, host_role (r, hi), h->n_entries, span);
    }
  g_string_append_printf (s, _("\nI/Os followed from the guest to the storage and back: %u of %u (%u reads, %u writes)\n"),
                          r->n_followed, r->n_seen, r->n_reads, r->n_writes);
  g_string_append (s, _("Clock: one machine's TSC, shared by every host\n\n"));

  for (int k = 0; k < N_HOPS; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
  collect (r, samples, NULL);
  append_padded (s, _("Hop"), 62);
  append_padded_right (s, _("median"), 13);
  append_padded_right (s, _("p99"), 13);
  g_string_append_printf (s, " %6s\n", _("n"));
  for (int k = 0; k < N_HOPS; k++)
    {
      g_autofree char *med = NULL;
      g_autofree char *p99 = NULL;

      g_array_sort (samples[k], cmp_double);
      if (samples[k]->len > 0)
        {
          med = iop_format_duration ((gint64)percentile (samples[k], 50));
          p99 = iop_format_duration ((gint64)percentile (samples[k], 99));
          append_padded (s, _(hop_defs[k].label), 62);
          append_padded_right (s, med, 13);
          append_padded_right (s, p99, 13);
          g_string_append_printf (s, " %6u\n", samples[k]->len);
        }
      g_array_unref (samples[k]);
    }
  for (guint i = 0; i < r->warnings->len; i++)
    g_string_append_printf (s, _("\nNote: %s"), (const char *)g_ptr_array_index (r->warnings, i));
  if (r->warnings->len > 0)
    g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}
