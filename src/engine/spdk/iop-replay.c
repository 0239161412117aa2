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

#include "iop-replay-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "iop-error.h"
#include "iop-format.h"
#include "iop-json-util.h"

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

static void
host_free (gpointer p)
{
  Host *h = p;

  for (guint i = 0; i < h->objs->len; i++)
    {
      g_free (g_array_index (h->objs, Obj, i).owner);
      g_clear_pointer (&g_array_index (h->objs, Obj, i).entries, g_array_unref);
    }
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
      info->name = g_intern_string (name);
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
      get_u64 (json_object_get_member (e, "size"), &n.blocks);
      n.offset = entry_arg (args, info->a_offset);
      n.opc = entry_arg (args, info->a_opc);
      n.slba = entry_arg (args, info->a_slba);
      n.owner = g_strdup (iop_json_get_str (e, "poller"));
      n.io = NONE;
      n.entries = g_array_new (FALSE, FALSE, sizeof (Entry));
      {
        Entry en = { tsc, info->name, 0, (guint)lcore };
        get_u64 (json_object_get_member (e, "size"), &en.size);
        g_array_append_val (n.entries, en);
      }
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
  if (o->entries->len < 4096)
    {
      Entry en = { tsc, info->name, 0, (guint)lcore };
      get_u64 (json_object_get_member (e, "size"), &en.size);
      g_array_append_val (o->entries, en);
    }
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
        RLeg leg = { .host = hi, .obj = i, .to_host = NONE, .to_obj = NONE };
        guint b = o->parent;

        /* the bdev_io this command serves: up through bdev_nvme's io */
        while (b != NONE && obj_at (h, b)->kind != TP_BDEV_IO_START)
          b = obj_at (h, b)->parent;
        leg.bdev_start = b != NONE ? obj_at (h, b)->start : o->start;
        leg.via = b != NONE ? obj_at (h, b)->owner : NULL;
        leg.bdev = b;
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
          o->io = NONE;
          if (o->kind == TP_REQ_NEW)
            h->is_target = TRUE;
          if (o->kind == TP_REQ_NEW || o->kind == TP_BDEV_IO_START)
            {
              HostIo io = { .host = hi, .root = i, .bdev = NONE, .raid = NONE, .blob = NONE, .backing = NONE };

              io.legs = g_array_new (FALSE, TRUE, sizeof (RLeg));
              if (o->kind == TP_BDEV_IO_START)
                io.bdev = i;
              g_array_append_val (r->ios, io);
              io_of[i] = r->ios->len - 1;
              o->io = io_of[i];
            }
          continue;
        }
      io_of[i] = io_of[o->parent];
      o->io = io_of[i];
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
           RLeg        *leg,
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
        match_leg (r, by, &g_array_index (io->legs, RLeg, l), guest && middle);
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
          RLeg *leg = &g_array_index (io->legs, RLeg, l);
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
            RLeg *leg = &g_array_index (io->legs, RLeg, l);
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
          RLeg *leg = &g_array_index (io->legs, RLeg, l);
          HostIo *mid;

          if (leg->to_obj == NONE)
            complete = FALSE;
          else if (middle)
            {
              mid = &g_array_index (r->ios, HostIo, leg->to_obj);
              for (guint m = 0; m < mid->legs->len; m++)
                if (g_array_index (mid->legs, RLeg, m).to_obj == NONE)
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

