/* iop-painter-labels.c: labels that shorten by meaning
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label that does not fit is never cut at the end, where "nvme_requests
 * → A" and "→ B" differ: it has shorter forms, each keeping what tells it
 * from its neighbours ("iobuf small pool", "iobuf small", "iobuf S"), and a
 * line of parts drops its least important part first. The layout picks the
 * longest form that fits; where even the shortest does not, it counts a cut
 * and looks for another unit, fewer columns or less detail.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-painter-private.h"

/* The last part of a gauge's key: "storage0/nvmf_tgt_poll_group_004/blob_reqs" -> "blob_reqs" */
static const char *
key_leaf (const IopGauge *g)
{
  const char *slash = g->key ? strrchr (g->key, '/') : NULL;

  return slash ? slash + 1 : g->key ? g->key : "";
}

/* "ctrlr1" -> leg 1, "ctrlr1/path2" -> path 2, from a qpair's gauge key */
static gboolean
key_leg_path (const IopGauge *g,
              int            *leg,
              guint          *path)
{
  const char *c = g->key ? strstr (g->key, "/ctrlr") : NULL;
  const char *p;

  if (c == NULL || !g_ascii_isdigit (c[6]))
    return FALSE;
  *leg = (int)g_ascii_strtoll (c + 6, NULL, 10);
  p = strstr (c, "/path");
  *path = p != NULL ? (guint)g_ascii_strtoull (p + 5, NULL, 10) : 0;
  return TRUE;
}

/* "→ A", "→ A path 1": where a queue pair's slots lead */
static char *
towards (int   leg,
         guint path)
{
  if (path == 0)
    /* TRANSLATORS: a queue pair's requests towards replica A, as in "nvme_reqs → A" */
    return g_strdup_printf (_("→ %c"), leg_letter (leg));
  /* TRANSLATORS: towards replica A over its second path, as in "nvme_reqs → A path 1" */
  return g_strdup_printf (_("→ %c path %u"), leg_letter (leg), path);
}

static void
add_form (GPtrArray  *forms,
          char       *form)
{
  for (guint i = 0; i < forms->len; i++)
    if (g_strcmp0 (g_ptr_array_index (forms, i), form) == 0)
      {
        g_free (form);
        return;
      }
  g_ptr_array_add (forms, form);
}

/* The forms of a gauge's label, longest first: its own, then shorter ones
 * that keep what it is and what tells it from the others on the canvas */
static GPtrArray *
gauge_label_forms (const IopGauge *g)
{
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);
  const char *leaf = key_leaf (g);
  int leg;
  guint path;

  g_ptr_array_add (forms, g_strdup (g->label ? g->label : leaf));
  if (g_str_equal (leaf, "iobuf.small"))
    {
      /* TRANSLATORS: short for "iobuf small pool" */
      add_form (forms, g_strdup (_("iobuf small")));
      /* TRANSLATORS: shortest for "iobuf small pool": S(mall) as against L(arge) */
      add_form (forms, g_strdup (_("iobuf S")));
    }
  else if (g_str_equal (leaf, "iobuf.large"))
    {
      /* TRANSLATORS: short for "iobuf large pool" */
      add_form (forms, g_strdup (_("iobuf large")));
      /* TRANSLATORS: shortest for "iobuf large pool": L(arge) as against S(mall) */
      add_form (forms, g_strdup (_("iobuf L")));
    }
  else if (g_str_equal (leaf, "bdev_io.mempool"))
    /* TRANSLATORS: short for "bdev_io mempool" */
    add_form (forms, g_strdup (_("bdev_io pool")));
  else if (g_str_equal (leaf, "data_wr_pool"))
    {
      /* TRANSLATORS: short for "RDMA data work requests" (WR: an RDMA work request) */
      add_form (forms, g_strdup (_("RDMA data WRs")));
      /* TRANSLATORS: shortest for "RDMA data work requests" */
      add_form (forms, g_strdup (_("data WRs")));
    }
  else if ((g_str_equal (leaf, "nvme_reqs") || g_str_equal (leaf, "rdma_reqs") || g_str_equal (leaf, "tcp_reqs")) &&
           key_leg_path (g, &leg, &path))
    {
      g_autofree char *to = towards (leg, path);

      if (g_str_equal (leaf, "nvme_reqs"))
        {
          /* TRANSLATORS: short for "nvme_requests → A": an NVMe qpair's request objects */
          add_form (forms, g_strdup_printf (_("nvme_reqs %s"), to));
          /* TRANSLATORS: shortest for "nvme_requests → A" */
          add_form (forms, g_strdup_printf (_("nvme %s"), to));
        }
      else if (g_str_equal (leaf, "rdma_reqs"))
        {
          /* TRANSLATORS: short for "RDMA requests → A": an RDMA qpair's request slots */
          add_form (forms, g_strdup_printf (_("RDMA reqs %s"), to));
          /* TRANSLATORS: shortest for "RDMA requests → A" */
          add_form (forms, g_strdup_printf (_("RDMA %s"), to));
        }
      else
        {
          /* TRANSLATORS: short for "TCP requests → A" */
          add_form (forms, g_strdup_printf (_("TCP reqs %s"), to));
          /* TRANSLATORS: shortest for "TCP requests → A" */
          add_form (forms, g_strdup_printf (_("TCP %s"), to));
        }
    }
  else if (g_str_equal (leaf, "vfu_reqs"))
    {
      /* TRANSLATORS: short for "VFIO-user SQ requests" */
      add_form (forms, g_strdup (_("VFIO-user SQ")));
      /* TRANSLATORS: shortest for "VFIO-user SQ requests" */
      add_form (forms, g_strdup (_("VFIO SQ")));
    }
  else if (g_str_equal (leaf, "tcp_reqs"))
    /* TRANSLATORS: short for "TCP requests (guest queue pair)" */
    add_form (forms, g_strdup (_("guest TCP reqs")));
  else if (g_str_equal (leaf, "target_reqs"))
    {
      if (g_strrstr (g->label ? g->label : "", "SRQ") != NULL)
        /* TRANSLATORS: short for "RDMA requests (SRQ pool)": the poll group's shared receive queue's requests */
        add_form (forms, g_strdup (_("SRQ requests")));
      else
        /* TRANSLATORS: short for "RDMA target requests" and "TCP target requests" */
        add_form (forms, g_strdup (_("target reqs")));
    }
  else if (g_str_equal (leaf, "blob_reqs"))
    /* TRANSLATORS: short for "blob request sets" */
    add_form (forms, g_strdup (_("blob sets")));
  else if (g_str_equal (leaf, "pcie.nvme_reqs"))
    {
      /* TRANSLATORS: short for "PCIe nvme_requests" */
      add_form (forms, g_strdup (_("PCIe nvme_reqs")));
      /* TRANSLATORS: shortest for "PCIe nvme_requests" */
      add_form (forms, g_strdup (_("PCIe reqs")));
    }
  else if (g_str_equal (leaf, "accel.tasks") || g_str_equal (leaf, "accel.sequences"))
    ;
  else if (g_str_has_suffix (leaf, ".small") || g_str_has_suffix (leaf, ".large"))
    {
      /* a transport's iobuf cache, "nvmf_RDMA small cache": the module
       * without its prefix, then S and L as for the pools */
      g_autofree char *module = g_strndup (leaf, strrchr (leaf, '.') - leaf);
      const char *m = g_str_has_prefix (module, "nvmf_") ? module + 5 : module;
      gboolean small = g_str_has_suffix (leaf, ".small");

      /* TRANSLATORS: short for "nvmf_RDMA small cache": a transport's iobuf cache */
      add_form (forms, g_strdup_printf (small ? _("%s small cache") : _("%s large cache"), m));
      /* TRANSLATORS: shortest for "nvmf_RDMA small cache" */
      add_form (forms, g_strdup_printf (small ? _("%s S cache") : _("%s L cache"), m));
    }
  return forms;
}

/* A count in the units of CAPACITY where those are binary ("63.8 Ki / 64
 * Ki", never "65.3 K / 64 Ki"), else as iop_format_compact() */
static char *
compact_like (gint64 v,
              gint64 capacity)
{
  if (v < 10000)
    return iop_format_count (v);
  if (capacity >= 1024 && capacity % 1024 == 0)
    {
      if (v % (1024 * 1024) == 0)
        return iop_format_compact (v);
      if (v % 1024 == 0 || v >= 100 * 1024)
        /* TRANSLATORS: a count in units of 2^10, "1023 Ki" */
        return g_strdup_printf (_("%.0f Ki"), v / 1024.0);
      /* TRANSLATORS: a count in units of 2^10, "63.8 Ki" */
      return g_strdup_printf (_("%.1f Ki"), v / 1024.0);
    }
  return iop_format_compact (v);
}

/* TIER 0: "1,047,552 / 1,048,576"; 1: "1,047,552 / 1 Mi"; 2: "1023 Ki / 1 Mi";
 * 3: "1023 Ki", the level alone (the bar shows the capacity). The level
 * stays exact as long as there is room: it is what moves. */
char *
format_level (gint64 level,
              gint64 capacity,
              int    tier)
{
  g_autofree char *a = tier >= 2 ? compact_like (level, capacity) : iop_format_count (level);
  g_autofree char *b = NULL;

  if (tier >= 3)
    return g_steal_pointer (&a);
  b = tier >= 1 ? compact_like (capacity, capacity) : iop_format_count (capacity);
  /* TRANSLATORS: a pool's level: objects available / capacity */
  return g_strdup_printf (_("%s / %s"), a, b);
}

/* What the layout keeps of gauge G: its label's forms, the levels it
 * shows and its largest change, worked out once per layout */
GaugeInfo *
gauge_info (IopPainterLayout *L,
            guint             gauge)
{
  guint n = L->trace->gauges->len;

  g_return_val_if_fail (gauge < n, NULL);
  if (L->ginfo == NULL)
    {
      L->ginfo = g_new0 (GaugeInfo, n);
      for (guint k = 0; k < n; k++)
        {
          GaugeInfo *gi = &L->ginfo[k];
          gint64 before = iop_trace_level (L->trace, -1, k);

          gi->forms = gauge_label_forms (g_ptr_array_index (L->trace->gauges, k));
          gi->levels = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_array_append_val (gi->levels, before);
          for (int s = 0; s < (int)L->trace->steps->len; s++)
            {
              gint64 now = iop_trace_level (L->trace, s, k);
              gboolean seen = FALSE;

              gi->max_delta = MAX (gi->max_delta, ABS (now - before));
              for (guint i = 0; i < gi->levels->len && !seen; i++)
                seen = g_array_index (gi->levels, gint64, i) == now;
              if (!seen)
                g_array_append_val (gi->levels, now);
              before = now;
            }
        }
    }
  return &L->ginfo[gauge];
}

void
gauge_info_free (IopPainterLayout *L)
{
  if (L->ginfo == NULL)
    return;
  for (guint k = 0; k < L->trace->gauges->len; k++)
    {
      g_ptr_array_unref (L->ginfo[k].forms);
      g_array_unref (L->ginfo[k].levels);
    }
  g_clear_pointer (&L->ginfo, g_free);
}

/* ... at its shortest: the function and the leg */
char *
caption_detail_shortest (IopStep *st)
{
  GString *s = g_string_new (NULL);

  if (st->function)
    g_string_append_printf (s, "%s()", st->function);
  if (st->leg >= 0)
    {
      g_autofree char *leg = g_strdup_printf (_("leg %c"), leg_letter (st->leg));

      g_string_append_printf (s, "%s%s", s->len ? "  ·  " : "", leg);
    }
  return g_string_free (s, FALSE);
}

/* The caption's detail line of step ST: function, thread, core, where, leg,
 * as many as fit in ROOM. The core goes first, then the thread, then the
 * host (the lit box shows where); the function and the leg stay. */
char *
caption_detail (IopPainterCache  *cache,
                IopPainterLayout *L,
                IopStep          *st,
                double            room)
{
  g_autofree char *where = step_where (L->trace, st);
  g_autofree char *core = st->core >= 0 ? g_strdup_printf (_("core %d"), st->core) : NULL;
  g_autofree char *leg = st->leg >= 0 ? g_strdup_printf (_("leg %c"), leg_letter (st->leg)) : NULL;
  g_autofree char *fn = st->function ? g_strdup_printf ("%s()", st->function) : NULL;
  /* in the order they are read, and the order they are given up in */
  const char *parts[5] = { fn, st->thread, core, where, leg };
  const int drop[] = { 2, 1, 3 };
  gboolean keep[5] = { TRUE, TRUE, TRUE, TRUE, TRUE };

  for (guint d = 0; d <= G_N_ELEMENTS (drop); d++)
    {
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        if (keep[i] && parts[i] != NULL)
          g_string_append_printf (s, "%s%s", s->len ? "  ·  " : "", parts[i]);
      if (d == G_N_ELEMENTS (drop) || text_w (cache, L, FONT_CAPTION, s->str) <= room)
        return g_string_free (s, FALSE);
      g_string_free (s, TRUE);
      keep[drop[d]] = FALSE;
    }
  g_assert_not_reached ();
}

/* Whether TEXT fits in ROOM on at most LINES lines, wrapped at words */
gboolean
fits_lines (IopPainterCache  *cache,
            IopPainterLayout *L,
            FontRole          font,
            const char       *text,
            double            room,
            int               lines)
{
  PangoLayout *pl = cache->pl;
  gboolean fits;

  if (text_w (cache, L, font, text) <= room)
    return TRUE;
  /* a line of it can be no wider than the room: LINES of them, no more */
  if (text_w (cache, L, font, text) > lines * room)
    return FALSE;
  if (lines <= 1 || !(room > 0))
    return FALSE;
  pango_layout_set_attributes (pl, NULL);
  pango_layout_set_font_description (pl, L->fonts[font]);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
  pango_layout_set_width (pl, (int)(MIN (room, 1e5) * PANGO_SCALE));
  fits = pango_layout_get_line_count (pl) <= lines;
  pango_layout_set_width (pl, -1);
  return fits;
}
