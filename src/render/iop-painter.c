/* iop-painter.c: the whole scene of one traced I/O, drawn with cairo and pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three zones left to right: the baremetal host, the network, the storage
 * node(s). In each host, one lane per SPDK thread; in each lane the stages
 * (one box per layer: VFIO-user, NVMf, bdev, RAID1, NVMe...) in two rows:
 * the submission path going right, the completion path coming back left
 * under the same layer columns. Pools and caches are gauges. The request
 * is a glowing token moving from box to box; a RAID1 write splits it into
 * one token per leg until the legs join again.
 */
#define G_LOG_DOMAIN "Iopath-Painter"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "iop-painter.h"
#include "iop-plot.h"
#include "iop-topology.h"
#include "iop-format.h"

#define N_LEGS_MAX 2

/* ------------------------------------------------------------------ */
/* Palette                                                              */

#define RGB(hex, a) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, (a) }

static const IopPalette palette_light = {
  .window_bg   = RGB (0xfafafa, 1.0),
  .card_bg     = RGB (0xffffff, 1.0),
  .card_border = RGB (0x000000, 0.10),
  .fg          = RGB (0x000000, 0.80),
  .dim_fg      = RGB (0x000000, 0.55),
  .accent      = RGB (0x3584e4, 1.0),              /* blue 3 */
  .zone        = { RGB (0x26a269, 1.0),            /* green 5 */
                   RGB (0xe66100, 1.0),            /* orange 4 */
                   RGB (0x9141ac, 1.0) },          /* purple 3 */
  .token       = RGB (0x3584e4, 1.0),
  .leg         = { RGB (0x3584e4, 1.0),            /* blue 3 */
                   RGB (0xd56199, 1.0) },          /* libadwaita pink accent */
  .warning     = RGB (0xe5a50a, 1.0),              /* yellow 5 */
};

static const IopPalette palette_dark = {
  .window_bg   = RGB (0x242424, 1.0),
  .card_bg     = RGB (0x363636, 1.0),
  .card_border = RGB (0x000000, 0.36),
  .fg          = RGB (0xffffff, 1.0),
  .dim_fg      = RGB (0xffffff, 0.55),
  .accent      = RGB (0x78aeed, 1.0),
  .zone        = { RGB (0x57e389, 1.0),            /* green 2 */
                   RGB (0xffa348, 1.0),            /* orange 2 */
                   RGB (0xdc8add, 1.0) },          /* purple 1 */
  .token       = RGB (0x78aeed, 1.0),
  .leg         = { RGB (0x78aeed, 1.0),
                   RGB (0xf49ac4, 1.0) },
  .warning     = RGB (0xf8e45c, 1.0),              /* yellow 2 */
};

#undef RGB

const IopPalette *
iop_palette_get (gboolean dark)
{
  return dark ? &palette_dark : &palette_light;
}

/* ------------------------------------------------------------------ */
/* Types                                                                */

typedef enum
{
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_SECTION,
  FONT_LANE,
  FONT_BOX,
  FONT_PILL,
  FONT_GAUGE,
  FONT_NUMBERS,
  FONT_CAPTION_TITLE,
  FONT_CAPTION,
  FONT_MONO,
  FONT_BADGE,
  N_FONTS
} FontRole;

typedef enum
{
  INK_FG,
  INK_DIM,
  INK_ZONE,
} Ink;

typedef struct
{
  double x;
  double y;
} Pt;

/* What the layout leaves out when the canvas is too small for everything,
 * in the order it gives things up: text never goes under 10.5 px and
 * nothing overlaps, so details go instead */
typedef enum
{
  DETAIL_ALL,
  DETAIL_NO_SUBTITLES,      /* the hosts' and the network's second line */
  DETAIL_NO_POOLS,          /* and the process-wide pools */
  DETAIL_NO_GAUGES,         /* and the per-thread gauges: stages and wires only */
} Detail;

/* How well a layout fits its canvas */
typedef enum
{
  FIT_NONE,       /* something leaves its card or the canvas */
  FIT_SQUEEZED,   /* everything in place, some labels shortened or cut */
  FIT_WHOLE,      /* every label whole (STRICT) or at least roomy */
} Fit;

#define FONT_FLOOR 10.5     /* px: the smallest text at or above the smallest size */
#define UNIT_MIN   8.0      /* px: the smallest unit at or above it */

typedef struct
{
  FontRole           font;
  char              *text;
  cairo_rectangle_t  rect;     /* rect.width is the drawn width, <= the room */
  PangoAlignment     align;
  Ink                ink;
  IopPlace           place;
} TextItem;

typedef struct
{
  IopPainterBox  pub;
  GArray        *steps;        /* int */
  GPtrArray     *keys;         /* const char *, distinct, in path order */
  GArray        *layers;       /* IopLayer, distinct */
  char          *label;
  char          *short_label;
  const char    *group;        /* interned */
  int            host;
  int            lane;
  int            column;       /* -1 guest, device, pill */
  guint          leg_mask;
  double         pip_y;
  int            wire;         /* pills: their wire */
  double         wire_s;       /* pills: arc position on it */
} Box;

typedef struct
{
  int                host;
  char              *thread;
  int                core;
  cairo_rectangle_t  rect;
  double             sub_y;
  double             comp_y;
  gboolean           rows;     /* draws the two rows of boxes: it runs a step, or stands for an idle host */
  GArray            *gauges;   /* guint */
  int                gauge_cols;
  cairo_rectangle_t  gauges_rect;
  int                device_box;  /* the SSD this thread's qpair reaches, -1 none */
} Lane;

typedef struct
{
  IopPlace           place;
  int                node;
  cairo_rectangle_t  rect;
  char              *title;
  char              *subtitle;
  GArray            *lanes;        /* int */
  GArray            *pools;        /* guint gauge */
  int                pool_cols;
  cairo_rectangle_t  pools_rect;
  int                guest_box;
  int                device_box;
  gboolean           idle;         /* no step of this I/O runs here */
} Host;

typedef struct
{
  guint              gauge;
  cairo_rectangle_t  rect;
  cairo_rectangle_t  label;
  cairo_rectangle_t  numbers;
  cairo_rectangle_t  bar;
  int                tier;     /* how compact its numbers are, see format_level() */
} GaugeSlot;

typedef struct
{
  int      node;
  gboolean ret;
  int      storage_lane; /* the thread it reaches on the storage node: one wire per qpair */
  int      from_box;
  int      to_box;
  Pt       p[4];         /* port, panel edge, panel edge, port */
  GArray  *pts;          /* Pt, sampled along the wire */
  GArray  *cum;          /* double, arc length at each sample */
  double   curve_s0;
  double   curve_s1;
  GArray  *pills;        /* int box */
} Wire;

struct _IopPainterLayout
{
  IopTrace          *trace;
  double             width;
  double             height;
  double             text_scale;
  gboolean           presentation;
  char              *font_family;

  double             u;                /* the unit: body text is about 0.9 u */
  double             font_floor;       /* the smallest text in pixels: 10.5 unless below the smallest size */
  Detail             detail;           /* what a small canvas leaves out */
  Fit                fit;              /* FIT_NONE: the drawing is clipped to the canvas */
  guint              n_hidden;         /* box, pill and gauge labels left out for want of room */
  PangoFontDescription *fonts[N_FONTS];
  double             lh[N_FONTS];

  GPtrArray         *boxes;            /* Box* */
  GPtrArray         *lanes;            /* Lane* */
  GPtrArray         *hosts;            /* Host*: [0] baremetal, [1 + n] storage node n */
  GPtrArray         *wires;            /* Wire* */
  GArray            *texts;            /* TextItem */
  GArray            *gauges;           /* GaugeSlot */
  int               *gauge_slot;       /* per trace gauge, -1 none */
  GPtrArray         *bm_columns;       /* const char * interned groups */
  GPtrArray         *st_columns;
  int                n_nodes;

  int               *step_box;
  int               *step_phase;       /* 0 submission, 1 completion */
  Pt                *anchor;           /* where the token sits for each step */
  Pt                 guest_anchor;       /* where the request starts */
  Pt                 guest_return;       /* where it ends */

  GArray            *main_seq;
  GArray            *leg_seq[N_LEGS_MAX];
  GArray            *echo_seq[N_LEGS_MAX + 1];  /* cleanup after delivery: [0] main, [1 + leg] */
  int                n_legs;

  cairo_rectangle_t  network;
  cairo_rectangle_t  caption;
  cairo_rectangle_t  cap_badge;
  cairo_rectangle_t  cap_title;
  cairo_rectangle_t  cap_detail;
  cairo_rectangle_t  cap_time;
  cairo_rectangle_t  cap_legend;

  double             box_h;
  double             radius;
  double             line_w;
  double             token_r;
};

struct _IopPainterCache
{
  GHashTable       *widths;      /* "size|weight|family|text" -> logical width */
  PangoContext     *pctx;
  PangoLayout      *pl;
  IopPainterLayout *layout;
  cairo_surface_t  *static_surface;
  const IopPalette *static_palette;
  double            static_scale;
};

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static inline double
ease (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

static inline double
lerp (double a, double b, double t)
{
  return a + (b - a) * t;
}

static void
set_ink (cairo_t        *cr,
         const IopColor *c,
         double          alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

static IopColor
mix (const IopColor *a,
     const IopColor *b,
     double          t)
{
  IopColor c = {
    lerp (a->red, b->red, t),
    lerp (a->green, b->green, t),
    lerp (a->blue, b->blue, t),
    lerp (a->alpha, b->alpha, t),
  };
  return c;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  if (!(w > 0 && h > 0))
    return;
  r = CLAMP (r, 0, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static double
device_scale (cairo_t *cr)
{
  double sx = 1, sy = 1;

  cairo_user_to_device_distance (cr, &sx, &sy);
  return MAX (fabs (sx), 1.0);
}

/* A rounded rectangle whose stroke of LW falls on whole device pixels */
static void
stroke_box (cairo_t                 *cr,
            const cairo_rectangle_t *r,
            double                   radius,
            double                   lw)
{
  double scale = device_scale (cr);
  double dev = MAX (1.0, round (lw * scale));
  double half = dev / scale / 2.0;

  rounded_rect (cr,
                round (r->x * scale) / scale + half,
                round (r->y * scale) / scale + half,
                round (r->width * scale) / scale - 2 * half,
                round (r->height * scale) / scale - 2 * half,
                radius);
  cairo_set_line_width (cr, dev / scale);
  cairo_stroke (cr);
}

static gboolean
rect_contains (const cairo_rectangle_t *r,
               double                   x,
               double                   y)
{
  return x >= r->x && y >= r->y && x < r->x + r->width && y < r->y + r->height;
}

/* On whole pixels; never a negative (or NaN) width or height */
static cairo_rectangle_t
rect_make (double x, double y, double w, double h)
{
  cairo_rectangle_t r;

  w = MAX (w, 0);
  h = MAX (h, 0);
  r.x = round (x);
  r.y = round (y);
  r.width = round (x + w) - r.x;
  r.height = round (y + h) - r.y;
  return r;
}

/* floor (V) as a count between LO and HI: NaN, infinities and values out of
 * int's range (whose conversion is undefined) give LO or HI */
static int
count_floor (double v,
             int    lo,
             int    hi)
{
  if (!(v >= lo))
    return lo;
  if (!(v < hi))
    return hi;
  return (int)floor (v);
}

/* A side of the canvas as the layout takes it: NaN, infinities and
 * negatives are 0, and no side is longer than cairo's images can be */
static double
sane_side (double v)
{
  return v > 0 ? MIN (v, 32767.0) : 0.0;
}

/* The playhead between -1 (the guest, before step 0) and the last step;
 * NaN is -1 */
static double
sane_position (IopTrace *trace,
               double    position)
{
  double last = MAX ((double)trace->steps->len - 1, 0.0);

  if (!(position >= -1.0))
    return -1.0;
  return MIN (position, last);
}

/* Large Text: 1.0 normal; <= 0 (and NaN) means 1.0; at most 4 */
static double
sane_text_scale (double v)
{
  return v > 0 ? MIN (v, 4.0) : 1.0;
}

/* TIER 0: "1,047,552 / 1,048,576"; 1: "1,047,552 / 1 Mi"; 2: "1.05 M / 1 Mi".
 * The level stays exact as long as there is room: it is what moves. */
static char *
format_level (gint64 level,
              gint64 capacity,
              int    tier)
{
  g_autofree char *a = tier >= 2 ? iop_format_compact (level) : iop_format_count (level);
  g_autofree char *b = tier >= 1 ? iop_format_compact (capacity) : iop_format_count (capacity);

  /* TRANSLATORS: a pool's level: objects available / capacity */
  return g_strdup_printf (_("%s / %s"), a, b);
}

static const char *
trtype_label (const char *trtype)
{
  if (trtype == NULL)
    return "RDMA";
  if (g_ascii_strcasecmp (trtype, "VFIOUSER") == 0)
    return _("VFIO-user");
  return trtype;
}

static char
leg_letter (int leg)
{
  return leg >= 0 && leg < 26 ? 'A' + leg : '?';
}

/* ------------------------------------------------------------------ */
/* Reading the trace                                                    */

/* The box a step's layer is drawn in: the NVMe bdev, the driver and its
 * transport share one */
static const char *
step_group (const IopStep *st)
{
  switch (st->layer)
    {
    case IOP_LAYER_GUEST: return "guest";
    case IOP_LAYER_VFIO_USER: return "vfu";
    case IOP_LAYER_NVMF_TCP: return "nvmf_tcp";
    case IOP_LAYER_NVMF: return "nvmf";
    case IOP_LAYER_BDEV: return "bdev";
    case IOP_LAYER_RAID1: return "raid";
    case IOP_LAYER_BDEV_NVME:
    case IOP_LAYER_NVME:
    case IOP_LAYER_NVME_RDMA:
    case IOP_LAYER_NVME_TCP:
    case IOP_LAYER_NVME_PCIE: return "nvme";
    case IOP_LAYER_NVMF_RDMA: return "nvmf_rdma";
    case IOP_LAYER_LVOL: return "lvol";
    case IOP_LAYER_BLOBSTORE: return "blob";
    case IOP_LAYER_MALLOC: return "malloc";
    case IOP_LAYER_ACCEL: return "accel";
    case IOP_LAYER_SSD: return "device";
    case IOP_LAYER_FABRIC: return "net";
    default: return "?";
    }
}

static gboolean
is_device_step (const IopStep *st)
{
  return st->layer == IOP_LAYER_SSD;
}

/* The label of a stage box, long and short */
static void
group_labels (Box   *box,
              char **label,
              char **short_label)
{
  const char *g = box->group;
  gboolean rdma = FALSE, pcie = FALSE, tcp = FALSE, raid1 = FALSE;

  for (guint i = 0; i < box->layers->len; i++)
    {
      IopLayer l = g_array_index (box->layers, IopLayer, i);

      rdma |= l == IOP_LAYER_NVME_RDMA;
      pcie |= l == IOP_LAYER_NVME_PCIE;
      tcp |= l == IOP_LAYER_NVME_TCP;
      raid1 |= l == IOP_LAYER_RAID1;
    }

  if (g_str_equal (g, "vfu"))
    {
      *label = g_strdup (_("VFIO-user"));
      *short_label = g_strdup (_("VFIO"));
    }
  else if (g_str_equal (g, "nvmf"))
    {
      *label = g_strdup (_("NVMf"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "bdev"))
    {
      *label = g_strdup (_("bdev"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "raid"))
    {
      *label = g_strdup (raid1 ? _("RAID1") : _("RAID"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "nvme"))
    {
      *label = g_strdup (rdma ? _("NVMe/RDMA") : pcie ? _("NVMe/PCIe") : tcp ? _("NVMe/TCP") : _("NVMe"));
      *short_label = g_strdup (_("NVMe"));
    }
  else if (g_str_equal (g, "nvmf_rdma"))
    {
      *label = g_strdup (_("RDMA target"));
      *short_label = g_strdup (_("RDMA"));
    }
  else if (g_str_equal (g, "nvmf_tcp"))
    {
      *label = g_strdup (_("TCP target"));
      *short_label = g_strdup (_("TCP"));
    }
  else if (g_str_equal (g, "lvol"))
    {
      *label = g_strdup (_("lvol"));
      *short_label = NULL;
    }
  else if (g_str_equal (g, "blob"))
    {
      *label = g_strdup (_("blobstore"));
      *short_label = g_strdup (_("blob"));
    }
  else if (g_str_equal (g, "malloc") || g_str_equal (g, "accel"))
    {
      *label = g_strdup (g_str_equal (g, "malloc") ? _("malloc bdev") : _("accel"));
      *short_label = g_strdup (g_str_equal (g, "malloc") ? _("malloc") : NULL);
    }
  else
    {
      *label = g_strdup (g);
      *short_label = NULL;
    }
}

static void
pill_labels (const IopStep *st,
             char         **label,
             char         **short_label)
{
  *short_label = NULL;
  switch (st->stage)
    {
    case IOP_STAGE_NET_RDMA_READ:
      *label = g_strdup (_("Data: RDMA READ"));
      *short_label = g_strdup (_("RDMA READ"));
      break;
    case IOP_STAGE_NET_RDMA_WRITE:
      *label = g_strdup (_("Data: RDMA WRITE"));
      *short_label = g_strdup (_("RDMA WRITE"));
      break;
    case IOP_STAGE_NET_R2T:
      *label = g_strdup (_("Ready to transfer"));
      *short_label = g_strdup (_("R2T"));
      break;
    case IOP_STAGE_NET_RESP_CAPSULE:
    case IOP_STAGE_NET_TCP_RESP:
      *label = g_strdup (_("Response capsule"));
      *short_label = g_strdup (_("Response"));
      break;
    case IOP_STAGE_NET_CMD_CAPSULE:
    case IOP_STAGE_NET_TCP_CAPSULE:
    case IOP_STAGE_NET_GUEST_CMD:
    case IOP_STAGE_NET_LOST:
      *label = g_strdup (_("Command capsule"));
      *short_label = g_strdup (_("Command"));
      break;
    case IOP_STAGE_NET_H2C_DATA:
    case IOP_STAGE_NET_C2H_DATA:
      *label = g_strdup (_("Data"));
      break;
    default:
      *label = g_strdup (st->title ? st->title : st->key);
      break;
    }
}

/* Submission (0) or completion (1), as each step's direction says; a wait
 * or a controller step stays in the phase its track is in */
static void
compute_phases (IopTrace *trace,
                int      *phase)
{
  gboolean complete[N_LEGS_MAX + 1] = { FALSE, };

  for (guint i = 0; i < trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (trace, i);
      int t = st->leg >= 0 ? MIN (st->leg, N_LEGS_MAX - 1) + 1 : 0;

      if (st->direction == IOP_DIR_UP)
        complete[t] = TRUE;
      else if (st->direction == IOP_DIR_DOWN && !is_device_step (st))
        complete[t] = FALSE;
      phase[i] = complete[t];
    }
}

/* ------------------------------------------------------------------ */
/* Layout                                                               */

static int
host_index (IopPlace place,
            int      node)
{
  return place == IOP_PLACE_STORAGE ? 1 + MAX (node, 0) : 0;
}

static void
box_free (gpointer p)
{
  Box *b = p;

  g_array_unref (b->steps);
  g_ptr_array_unref (b->keys);
  g_array_unref (b->layers);
  g_free (b->label);
  g_free (b->short_label);
  g_free (b);
}

static void
lane_free (gpointer p)
{
  Lane *l = p;

  g_free (l->thread);
  g_array_unref (l->gauges);
  g_free (l);
}

static void
host_free (gpointer p)
{
  Host *h = p;

  g_free (h->title);
  g_free (h->subtitle);
  g_array_unref (h->lanes);
  g_array_unref (h->pools);
  g_free (h);
}

static void
wire_free (gpointer p)
{
  Wire *w = p;

  g_array_unref (w->pts);
  g_array_unref (w->cum);
  g_array_unref (w->pills);
  g_free (w);
}

static void
text_item_clear (gpointer p)
{
  TextItem *t = p;

  g_free (t->text);
}

static void
layout_free (IopPainterLayout *L)
{
  if (L == NULL)
    return;
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&L->fonts[i], pango_font_description_free);
  g_clear_pointer (&L->boxes, g_ptr_array_unref);
  g_clear_pointer (&L->lanes, g_ptr_array_unref);
  g_clear_pointer (&L->hosts, g_ptr_array_unref);
  g_clear_pointer (&L->wires, g_ptr_array_unref);
  g_clear_pointer (&L->texts, g_array_unref);
  g_clear_pointer (&L->gauges, g_array_unref);
  g_clear_pointer (&L->bm_columns, g_ptr_array_unref);
  g_clear_pointer (&L->st_columns, g_ptr_array_unref);
  g_clear_pointer (&L->main_seq, g_array_unref);
  for (guint i = 0; i < N_LEGS_MAX; i++)
    g_clear_pointer (&L->leg_seq[i], g_array_unref);
  for (guint i = 0; i <= N_LEGS_MAX; i++)
    g_clear_pointer (&L->echo_seq[i], g_array_unref);
  g_free (L->gauge_slot);
  g_free (L->step_box);
  g_free (L->step_phase);
  g_free (L->anchor);
  g_free (L->font_family);
  g_clear_pointer (&L->trace, iop_trace_unref);
  g_free (L);
}

static Box *
box_new (IopPainterBoxKind kind,
         IopPlace          place,
         int               node)
{
  Box *b = g_new0 (Box, 1);

  b->pub.kind = kind;
  b->pub.place = place;
  b->pub.node = node;
  b->steps = g_array_new (FALSE, FALSE, sizeof (int));
  b->keys = g_ptr_array_new ();
  b->layers = g_array_new (FALSE, FALSE, sizeof (IopLayer));
  b->lane = -1;
  b->column = -1;
  b->wire = -1;
  return b;
}

static void
box_add_step (Box     *b,
              IopStep *st)
{
  int i = st->index;

  g_array_append_val (b->steps, i);
  if (st->key != NULL && !g_ptr_array_find_with_equal_func (b->keys, st->key, g_str_equal, NULL))
    g_ptr_array_add (b->keys, (gpointer)st->key);
  for (guint k = 0; k <= b->layers->len; k++)
    if (k == b->layers->len)
      {
        g_array_append_val (b->layers, st->layer);
        break;
      }
    else if (g_array_index (b->layers, IopLayer, k) == st->layer)
      break;
  if (st->leg >= 0)
    b->leg_mask |= 1u << MIN (st->leg, 31);
}

static int
find_lane (IopPainterLayout *L,
           int               host,
           const char       *thread)
{
  for (guint i = 0; i < L->lanes->len; i++)
    {
      Lane *l = g_ptr_array_index (L->lanes, i);

      if (l->host == host && g_strcmp0 (l->thread, thread) == 0)
        return i;
    }
  return -1;
}

static int
add_lane (IopPainterLayout *L,
          int               host,
          const char       *thread,
          int               core)
{
  Lane *l = g_new0 (Lane, 1);
  Host *h = g_ptr_array_index (L->hosts, host);
  int idx = L->lanes->len;

  l->host = host;
  l->thread = g_strdup (thread);
  l->core = core;
  l->gauges = g_array_new (FALSE, FALSE, sizeof (guint));
  l->device_box = -1;
  g_ptr_array_add (L->lanes, l);
  g_array_append_val (h->lanes, idx);
  return idx;
}

static void
columns_add (GPtrArray  *cols,
             const char *group,
             gboolean    completion,
             const char **last_comp)
{
  guint at;

  if (g_ptr_array_find (cols, group, &at))
    {
      if (completion)
        *last_comp = group;
      return;
    }
  if (!completion)
    g_ptr_array_add (cols, (gpointer)group);
  else
    {
      /* The way back runs right to left: a layer only seen on it goes just
       * left of the previous one. */
      if (*last_comp != NULL && g_ptr_array_find (cols, *last_comp, &at))
        g_ptr_array_insert (cols, at, (gpointer)group);
      else
        g_ptr_array_add (cols, (gpointer)group);
      *last_comp = group;
    }
}

static int
track_of (IopStep *st)
{
  return st->leg;
}

/* The nearest step before/after I on the same track that is not on the network */
static int
track_neighbour (IopTrace *trace,
                 int       i,
                 int       dir)
{
  IopStep *st = iop_trace_step (trace, i);
  int n = trace->steps->len;

  for (int j = i + dir; j >= 0 && j < n; j += dir)
    {
      IopStep *o = iop_trace_step (trace, j);

      if (o->place == IOP_PLACE_NETWORK)
        continue;
      if (o->leg == track_of (st) || o->leg < 0 || st->leg < 0)
        return j;
    }
  return -1;
}

static int
thread_core (IopTrace   *trace,
             IopPlace    place,
             const char *thread)
{
  IopHostTopology *ht;

  if (trace->topology == NULL || place == IOP_PLACE_NETWORK)
    return -1;
  ht = &trace->topology->hosts[place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL];
  for (guint i = 0; ht->threads && i < ht->threads->len; i++)
    {
      IopThread *t = g_ptr_array_index (ht->threads, i);

      if (g_strcmp0 (t->name, thread) == 0)
        return t->core;
    }
  return -1;
}

static int
find_wire (IopPainterLayout *L,
           int               node,
           gboolean          ret,
           int               storage_lane)
{
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);

      if (w->node == node && w->ret == ret && w->storage_lane == storage_lane)
        return i;
    }
  return -1;
}

/* Everything that does not depend on the size */
static void
layout_analyse (IopPainterLayout *L)
{
  IopTrace *trace = L->trace;
  IopScenario *sc = trace->scenario;
  guint n = trace->steps->len;
  g_autoptr(GHashTable) box_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *last_comp_bm = NULL, *last_comp_st = NULL;
  Host *bm;

  L->step_box = g_new0 (int, MAX (n, 1));
  L->step_phase = g_new0 (int, MAX (n, 1));
  L->anchor = g_new0 (Pt, MAX (n, 1));
  compute_phases (trace, L->step_phase);

  /* Hosts */
  L->n_nodes = sc ? (int)sc->hosts[IOP_HOST_STORAGE].instances : 0;
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);

      if (st->place == IOP_PLACE_STORAGE)
        L->n_nodes = MAX (L->n_nodes, st->node + 1);
    }
  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);

      if (g->place == IOP_PLACE_STORAGE)
        L->n_nodes = MAX (L->n_nodes, g->node + 1);
    }
  L->n_nodes = CLAMP (L->n_nodes, 0, 8);

  for (int h = 0; h <= L->n_nodes; h++)
    {
      Host *host = g_new0 (Host, 1);

      host->place = h == 0 ? IOP_PLACE_BAREMETAL : IOP_PLACE_STORAGE;
      host->node = h == 0 ? -1 : h - 1;
      host->lanes = g_array_new (FALSE, FALSE, sizeof (int));
      host->pools = g_array_new (FALSE, FALSE, sizeof (guint));
      host->guest_box = -1;
      host->device_box = -1;
      host->idle = TRUE;
      if (h == 0)
        {
          const char *target = sc ? sc->hosts[IOP_HOST_BAREMETAL].target_trtype : NULL;
          const char *fabric = sc ? sc->hosts[IOP_HOST_BAREMETAL].fabric_trtype : NULL;

          host->title = g_strdup (iop_host_label (IOP_HOST_BAREMETAL));
          /* TRANSLATORS: the baremetal host's two roles, e.g. "VFIO-user target · NVMe-oF RDMA initiator" */
          host->subtitle = g_strdup_printf (_("%s target · NVMe-oF %s initiator"),
                                            trtype_label (target), trtype_label (fabric));
        }
      else
        {
          const char *target = sc ? sc->hosts[IOP_HOST_STORAGE].target_trtype : NULL;
          const char *backend = sc ? sc->hosts[IOP_HOST_STORAGE].backend : NULL;

          if (L->n_nodes > 1)
            /* TRANSLATORS: "Storage node A", "Storage node B" */
            host->title = g_strdup_printf (_("Storage node %c"), leg_letter (h - 1));
          else
            host->title = g_strdup (iop_host_label (IOP_HOST_STORAGE));
          /* TRANSLATORS: e.g. "NVMe-oF RDMA target · lvol on NVMe" */
          host->subtitle = g_strdup_printf (_("NVMe-oF %s target · lvol on %s"),
                                            trtype_label (target),
                                            g_strcmp0 (backend, "malloc") == 0 ? _("malloc") : _("NVMe"));
        }
      g_ptr_array_add (L->hosts, host);
    }
  bm = g_ptr_array_index (L->hosts, 0);

  /* Lanes and stage boxes, in path order; a fault's controller steps come
   * after the request's own, so they never decide the order of the stages */
  for (guint k = 0; k < 2 * n; k++)
    {
      guint i = k % n;
      IopStep *st = iop_trace_step (trace, i);
      int host = host_index (st->place, st->node);
      g_autofree char *key = NULL;
      gpointer found;
      Box *box;
      int bi, lane;

      if ((k < n) == st->control)
        continue;
      L->step_box[i] = -1;
      if (st->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len)
        continue;
      if (st->layer == IOP_LAYER_GUEST)
        continue;   /* the guest's own box, below */
      ((Host *)g_ptr_array_index (L->hosts, host))->idle = FALSE;

      if (is_device_step (st))
        {
          /* the SSD as seen from the thread that submitted to it */
          int prev = track_neighbour (trace, i, -1);

          lane = prev >= 0 && L->step_box[prev] >= 0
            ? ((Box *)g_ptr_array_index (L->boxes, L->step_box[prev]))->lane : -1;
          key = g_strdup_printf ("%d/%d/device", host, lane);
        }
      else
        {
          const char *group = step_group (st);

          lane = find_lane (L, host, st->thread);
          if (lane < 0)
            lane = add_lane (L, host, st->thread, st->core);
          key = g_strdup_printf ("%d/%d/%d/%s", host, lane, L->step_phase[i], group);
        }

      if (g_hash_table_lookup_extended (box_by_key, key, NULL, &found))
        {
          bi = GPOINTER_TO_INT (found);
          box = g_ptr_array_index (L->boxes, bi);
        }
      else
        {
          bi = L->boxes->len;
          box = box_new (is_device_step (st) ? IOP_PAINTER_BOX_DEVICE : IOP_PAINTER_BOX_STAGE,
                         st->place, st->place == IOP_PLACE_STORAGE ? st->node : -1);
          box->host = host;
          box->group = g_intern_string (strrchr (key, '/') + 1);
          box->pub.completion = L->step_phase[i];
          box->lane = lane;
          if (is_device_step (st))
            {
              ((Host *)g_ptr_array_index (L->hosts, host))->device_box = L->boxes->len;
              if (lane >= 0)
                ((Lane *)g_ptr_array_index (L->lanes, lane))->device_box = L->boxes->len;
            }
          g_hash_table_insert (box_by_key, g_steal_pointer (&key), GINT_TO_POINTER (L->boxes->len));
          g_ptr_array_add (L->boxes, box);
          if (!is_device_step (st))
            columns_add (host == 0 ? L->bm_columns : L->st_columns, box->group,
                         box->pub.completion, host == 0 ? &last_comp_bm : &last_comp_st);
        }
      box_add_step (box, st);
      L->step_box[i] = bi;
    }

  /* Labels of stage and device boxes */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->pub.kind == IOP_PAINTER_BOX_DEVICE)
        {
          box->label = g_strdup (_("NVMe SSD"));
          box->short_label = g_strdup (_("SSD"));
        }
      else
        group_labels (box, &box->label, &box->short_label);
    }

  /* The guest, where the request comes from */
  if (bm->lanes->len > 0)
    {
      Box *g = box_new (IOP_PAINTER_BOX_GUEST, IOP_PLACE_BAREMETAL, -1);

      g->host = 0;
      g->lane = g_array_index (bm->lanes, int, 0);
      g->label = g_strdup (_("Guest VM"));
      g->short_label = g_strdup (_("Guest"));
      g->group = g_intern_static_string ("guest");
      bm->guest_box = L->boxes->len;
      g_ptr_array_add (L->boxes, g);
      for (guint i = 0; i < n; i++)
        {
          IopStep *st = iop_trace_step (trace, i);

          if (st->layer == IOP_LAYER_GUEST && st->place != IOP_PLACE_NETWORK)
            {
              box_add_step (g, st);
              L->step_box[i] = bm->guest_box;
            }
        }
    }

  /* Wires and the network steps on them */
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);
      int prev, next, node, w, sbox, slane, pill = -1;
      gboolean ret = L->step_phase[i];
      IopStep *ps, *ns;
      Wire *wire;

      if (st->control)
        continue;

      if (st->place != IOP_PLACE_NETWORK)
        continue;
      prev = track_neighbour (trace, i, -1);
      next = track_neighbour (trace, i, +1);
      ps = prev >= 0 ? iop_trace_step (trace, prev) : NULL;
      ns = next >= 0 ? iop_trace_step (trace, next) : NULL;

      /* between the guest and the baremetal (an NVMe-oF TCP guest): the guest's own */
      if ((ps == NULL || ps->place == IOP_PLACE_BAREMETAL) &&
          (ns == NULL || ns->place == IOP_PLACE_BAREMETAL) && bm->guest_box >= 0)
        {
          box_add_step (g_ptr_array_index (L->boxes, bm->guest_box), st);
          L->step_box[i] = bm->guest_box;
          continue;
        }
      if (ps && ps->place == IOP_PLACE_STORAGE)
        node = ps->node;
      else if (ns && ns->place == IOP_PLACE_STORAGE)
        node = ns->node;
      else
        node = MAX (st->leg, 0);
      node = CLAMP (node, 0, MAX (L->n_nodes - 1, 0));
      if (!ret)
        sbox = ns && ns->place == IOP_PLACE_STORAGE ? L->step_box[next]
             : ps && ps->place == IOP_PLACE_STORAGE ? L->step_box[prev] : -1;
      else
        sbox = ps && ps->place == IOP_PLACE_STORAGE ? L->step_box[prev]
             : ns && ns->place == IOP_PLACE_STORAGE ? L->step_box[next] : -1;

      slane = sbox >= 0 ? ((Box *)g_ptr_array_index (L->boxes, sbox))->lane : -1;
      w = find_wire (L, node, ret, slane);
      if (w < 0)
        {
          wire = g_new0 (Wire, 1);
          wire->node = node;
          wire->ret = ret;
          wire->storage_lane = slane;
          wire->from_box = wire->to_box = -1;
          wire->pts = g_array_new (FALSE, FALSE, sizeof (Pt));
          wire->cum = g_array_new (FALSE, FALSE, sizeof (double));
          wire->pills = g_array_new (FALSE, FALSE, sizeof (int));
          w = L->wires->len;
          g_ptr_array_add (L->wires, wire);
        }
      wire = g_ptr_array_index (L->wires, w);

      if (!ret)
        {
          if (wire->from_box < 0 && ps && ps->place == IOP_PLACE_BAREMETAL)
            wire->from_box = L->step_box[prev];
          if (wire->to_box < 0 && ns && ns->place == IOP_PLACE_STORAGE)
            wire->to_box = L->step_box[next];
        }
      else
        {
          if (wire->from_box < 0 && ps && ps->place == IOP_PLACE_STORAGE)
            wire->from_box = L->step_box[prev];
          if (wire->to_box < 0 && ns && ns->place == IOP_PLACE_BAREMETAL)
            wire->to_box = L->step_box[next];
        }

      for (guint p = 0; p < wire->pills->len; p++)
        {
          Box *b = g_ptr_array_index (L->boxes, g_array_index (wire->pills, int, p));
          IopStep *first = iop_trace_step (trace, g_array_index (b->steps, int, 0));

          if (first->stage == st->stage)
            pill = g_array_index (wire->pills, int, p);
        }
      if (pill < 0)
        {
          Box *b = box_new (IOP_PAINTER_BOX_WIRE, IOP_PLACE_NETWORK, node);

          b->host = -1;
          b->wire = w;
          b->group = g_intern_static_string ("net");
          b->pub.completion = ret;
          pill_labels (st, &b->label, &b->short_label);
          pill = L->boxes->len;
          g_ptr_array_add (L->boxes, b);
          g_array_append_val (wire->pills, pill);
        }
      box_add_step (g_ptr_array_index (L->boxes, pill), st);
      L->step_box[i] = pill;
    }

  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      box->pub.steps = (const int *)(gpointer)box->steps->data;
      box->pub.n_steps = box->steps->len;
      box->pub.label = box->label;
    }

  /* Threads that run no step of this I/O but own a cache or slots: an idle lane */
  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);
      int host = host_index (g->place, g->node);

      if (g->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len || g->owner == NULL)
        continue;
      if (find_lane (L, host, g->owner) < 0)
        add_lane (L, host, g->owner, thread_core (trace, g->place, g->owner));
    }

  /* Rows of boxes: in lanes that run a step of this I/O, and the first lane
   * of a host that runs none (its "No step" line sits there); a thread that
   * only owns caches or slots is its header and its gauges */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->lane >= 0)
        ((Lane *)g_ptr_array_index (L->lanes, box->lane))->rows = TRUE;
    }
  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);

      if (host->idle && host->lanes->len > 0)
        ((Lane *)g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, 0)))->rows = TRUE;
    }

  /* Gauges: per-thread ones in their lane, the rest in the host's pools */
  L->gauge_slot = g_new (int, MAX (trace->gauges->len, 1));
  for (guint i = 0; i < trace->gauges->len; i++)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, i);
      int host = host_index (g->place, g->node);
      int lane;

      L->gauge_slot[i] = -1;
      if (g->place == IOP_PLACE_NETWORK || host >= (int)L->hosts->len)
        continue;
      lane = g->owner ? find_lane (L, host, g->owner) : -1;
      if (lane >= 0)
        g_array_append_val (((Lane *)g_ptr_array_index (L->lanes, lane))->gauges, i);
      else
        g_array_append_val (((Host *)g_ptr_array_index (L->hosts, host))->pools, i);
    }

  /* The tracks the tokens follow */
  L->main_seq = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < N_LEGS_MAX; i++)
    L->leg_seq[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i <= N_LEGS_MAX; i++)
    L->echo_seq[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < n; i++)
    {
      IopStep *st = iop_trace_step (trace, i);
      int idx = i;

      if (st->control)
        continue;   /* the controller's work: the request does not move */
      if (st->leg < 0 || trace->split_step < 0)
        g_array_append_val (L->main_seq, idx);
      else if (st->leg < N_LEGS_MAX)
        {
          if (trace->join_step >= 0 && idx > trace->join_step)
            g_array_append_val (L->echo_seq[1 + st->leg], idx);
          else
            g_array_append_val (L->leg_seq[st->leg], idx);
        }
    }
  /* Once the response is back in the guest, what the main track still does
   * (a transport freeing its request) is cleanup, like the legs' late releases */
  for (guint k = 0; k < L->main_seq->len; k++)
    {
      int si = g_array_index (L->main_seq, int, k);

      if (L->step_box[si] == bm->guest_box && L->step_phase[si])
        {
          g_array_append_vals (L->echo_seq[0], &g_array_index (L->main_seq, int, k + 1),
                               L->main_seq->len - k - 1);
          g_array_set_size (L->main_seq, k + 1);
          break;
        }
    }

  L->n_legs = 0;
  for (int leg = 0; leg < N_LEGS_MAX; leg++)
    if (L->leg_seq[leg]->len > 0 && trace->split_step >= 0)
      {
        int s = trace->split_step, j = trace->join_step;

        g_array_prepend_val (L->leg_seq[leg], s);
        if (j >= 0)
          g_array_append_val (L->leg_seq[leg], j);
        L->n_legs = leg + 1;
      }
}

static void
measure (IopPainterCache            *cache,
         const PangoFontDescription *font,
         const char                 *text,
         double                     *width,
         double                     *height)
{
  PangoRectangle logical;

  pango_layout_set_attributes (cache->pl, NULL);
  pango_layout_set_font_description (cache->pl, font);
  pango_layout_set_width (cache->pl, -1);
  pango_layout_set_text (cache->pl, text, -1);
  pango_layout_get_pixel_extents (cache->pl, NULL, &logical);
  if (width)
    *width = logical.width;
  if (height)
    *height = logical.height;
}

/* Widths are asked for again and again while the layout looks for its unit,
 * and again on every relayout: remember them. */
static double
text_w (IopPainterCache  *cache,
        IopPainterLayout *L,
        FontRole          font,
        const char       *text)
{
  const PangoFontDescription *fd = L->fonts[font];
  g_autofree char *key = NULL;
  gpointer found;
  double w;

  key = g_strdup_printf ("%d|%d|%s|%s", pango_font_description_get_size (fd),
                         (int)pango_font_description_get_weight (fd),
                         pango_font_description_get_family (fd), text);
  if (g_hash_table_lookup_extended (cache->widths, key, NULL, &found))
    return GPOINTER_TO_INT (found) / 64.0;
  measure (cache, fd, text, &w, NULL);
  if (g_hash_table_size (cache->widths) > 8192)
    g_hash_table_remove_all (cache->widths);
  g_hash_table_insert (cache->widths, g_steal_pointer (&key), GINT_TO_POINTER ((int)(w * 64)));
  return w;
}

static void
add_text (IopPainterCache  *cache,
          IopPainterLayout *L,
          FontRole          font,
          const char       *text,
          double            x,
          double            y,
          double            room,
          PangoAlignment    align,
          Ink               ink,
          IopPlace          place)
{
  TextItem t = { 0, };
  double w = MIN (text_w (cache, L, font, text), MAX (room, 0));

  t.font = font;
  t.text = g_strdup (text);
  t.align = align;
  t.ink = ink;
  t.place = place;
  if (align == PANGO_ALIGN_CENTER)
    x += (room - w) / 2;
  else if (align == PANGO_ALIGN_RIGHT)
    x += room - w;
  t.rect.x = x;
  t.rect.y = y;
  t.rect.width = ceil (w);
  t.rect.height = ceil (L->lh[font]);
  g_array_append_val (L->texts, t);
}

/* Whether TEXT says something in ROOM: whole, or ellipsized with at least
 * three of its characters left ("RAI…"); "b…" says nothing, better none.
 * Drawing gives a text one pixel more than its rect (draw_text_item). */
static gboolean
label_shows (IopPainterCache  *cache,
             IopPainterLayout *L,
             FontRole          font,
             const char       *text,
             double            room)
{
  g_autofree char *head = NULL;
  g_autofree char *cut = NULL;

  if (text == NULL || room <= 0)
    return FALSE;
  room = ceil (room) + 1;
  if (text_w (cache, L, font, text) <= room)
    return TRUE;
  if (g_utf8_strlen (text, -1) <= 3)
    return FALSE;
  head = g_utf8_substring (text, 0, 3);
  cut = g_strconcat (head, "…", NULL);
  return text_w (cache, L, font, cut) <= room;
}

static void
layout_fonts (IopPainterCache  *cache,
              IopPainterLayout *L)
{
  static const struct { double size; PangoWeight weight; gboolean mono; } roles[N_FONTS] = {
    [FONT_TITLE]         = { 1.15, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_SUBTITLE]      = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_SECTION]       = { 0.87, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_LANE]          = { 0.87, PANGO_WEIGHT_MEDIUM, FALSE },
    [FONT_BOX]           = { 0.95, PANGO_WEIGHT_MEDIUM, FALSE },
    [FONT_PILL]          = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_GAUGE]         = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_NUMBERS]       = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_CAPTION_TITLE] = { 1.2, PANGO_WEIGHT_BOLD, FALSE },
    [FONT_CAPTION]       = { 0.87, PANGO_WEIGHT_NORMAL, FALSE },
    [FONT_MONO]          = { 0.87, PANGO_WEIGHT_NORMAL, TRUE },
    [FONT_BADGE]         = { 0.87, PANGO_WEIGHT_BOLD, FALSE },
  };

  for (guint i = 0; i < N_FONTS; i++)
    {
      PangoFontDescription *fd = pango_font_description_new ();
      /* small windows: text stays readable, the boxes shorten their labels */
      /* presentation mode: the caption band's one-line summary in large type */
      double role = roles[i].size * (L->presentation && i == FONT_CAPTION_TITLE ? 1.5 : 1.0);
      double px = MAX (round (role * L->u * 4) / 4, L->font_floor);
      double h;

      pango_font_description_set_family (fd, roles[i].mono ? "Monospace" : L->font_family);
      pango_font_description_set_weight (fd, roles[i].weight);
      pango_font_description_set_absolute_size (fd, px * PANGO_SCALE);
      g_clear_pointer (&L->fonts[i], pango_font_description_free);
      L->fonts[i] = fd;
      measure (cache, fd, "Ag", NULL, &h);
      L->lh[i] = ceil (h);
    }
}

static gboolean
show_subtitles (IopPainterLayout *L)
{
  return !L->presentation && L->detail < DETAIL_NO_SUBTITLES;
}

/* The gauges drawn: none of those the detail level leaves out */
static guint
n_pools (IopPainterLayout *L,
         Host             *host)
{
  return L->detail >= DETAIL_NO_POOLS ? 0 : host->pools->len;
}

static guint
n_lane_gauges (IopPainterLayout *L,
               Lane             *lane)
{
  return L->detail >= DETAIL_NO_GAUGES ? 0 : lane->gauges->len;
}

/* Height of a grid of N gauges in COLS columns */
static double
gauges_height (IopPainterLayout *L,
               guint             n,
               int               cols)
{
  double gh = L->lh[FONT_GAUGE] + 0.62 * L->u;
  guint rows;

  if (n == 0)
    return 0;
  cols = MAX (cols, 1);
  rows = (n + cols - 1) / cols;
  return rows * gh + (rows - 1) * 0.55 * L->u;
}

static double
gauge_natural_width (IopPainterCache  *cache,
                     IopPainterLayout *L,
                     guint             gauge)
{
  IopGauge *g = g_ptr_array_index (L->trace->gauges, gauge);
  g_autofree char *num = format_level (g->capacity, g->capacity, 0);

  return text_w (cache, L, FONT_GAUGE, g->label) + text_w (cache, L, FONT_NUMBERS, num)
         + text_w (cache, L, FONT_BADGE, "−88") + 1.4 * L->u;
}

static int
gauge_columns (IopPainterCache  *cache,
               IopPainterLayout *L,
               GArray           *gauges,
               double            width,
               gboolean          dense)
{
  double need = 0;
  int cols;

  if (gauges->len == 0)
    return 1;
  for (guint i = 0; i < gauges->len; i++)
    need = MAX (need, gauge_natural_width (cache, L, g_array_index (gauges, guint, i)));
  if (dense)
    need = MIN (need, 12 * L->u);
  /* a host narrower than one gauge still gets one column, never zero */
  cols = count_floor ((width + 0.9 * L->u) / (need + 0.9 * L->u), 1, (int)MIN (gauges->len, 4u));
  /* no more than four rows while columns stay wide enough for a short label */
  while (cols < (int)MIN (gauges->len, 4u) &&
         (gauges->len + cols - 1) / cols > 4 && (width - cols * 0.9 * L->u) / (cols + 1) >= 12 * L->u)
    cols++;
  return cols;
}

static void
place_gauges (IopPainterCache  *cache,
              IopPainterLayout *L,
              GArray           *gauges,
              int               cols,
              double            x,
              double            y,
              double            width)
{
  double u = L->u;
  double colgap = 0.9 * u;
  double gw, gh = L->lh[FONT_GAUGE] + 0.62 * u;

  cols = MAX (cols, 1);
  gw = MAX ((width - (cols - 1) * colgap) / cols, 0);

  for (guint i = 0; i < gauges->len; i++)
    {
      guint gauge = g_array_index (gauges, guint, i);
      IopGauge *g = g_ptr_array_index (L->trace->gauges, gauge);
      int r = i / cols, c = i % cols;
      GaugeSlot slot = { 0, };
      double nw = 0, label_room;

      slot.gauge = gauge;
      slot.rect = rect_make (x + c * (gw + colgap), y + r * (gh + 0.55 * u), gw, gh);
      for (slot.tier = 0; slot.tier <= 2; slot.tier++)
        {
          g_autofree char *widest = format_level (g->capacity, g->capacity, slot.tier);

          nw = text_w (cache, L, FONT_NUMBERS, widest);
          if (nw <= 0.58 * slot.rect.width)
            break;
        }
      slot.tier = MIN (slot.tier, 2);
      nw = MIN (nw, 0.6 * slot.rect.width);
      slot.numbers = rect_make (slot.rect.x + slot.rect.width - nw, slot.rect.y, nw, L->lh[FONT_NUMBERS]);
      label_room = slot.rect.width - nw - text_w (cache, L, FONT_BADGE, "−88") - 0.8 * u;
      slot.label = rect_make (slot.rect.x, slot.rect.y, MAX (label_room, 0), L->lh[FONT_GAUGE]);
      slot.bar = rect_make (slot.rect.x, slot.rect.y + L->lh[FONT_GAUGE] + 0.22 * u,
                            slot.rect.width, MAX (0.4 * u, 3));
      if (label_shows (cache, L, FONT_GAUGE, g->label, slot.label.width))
        add_text (cache, L, FONT_GAUGE, g->label, slot.label.x, slot.label.y, slot.label.width,
                  PANGO_ALIGN_LEFT, INK_FG, g->place);
      else
        L->n_hidden++;
      L->gauge_slot[gauge] = L->gauges->len;
      g_array_append_val (L->gauges, slot);
    }
}

static double
lane_height (IopPainterLayout *L,
             Lane             *lane)
{
  double u = L->u;

  return 0.5 * u + L->lh[FONT_LANE] + 0.4 * u + (lane->rows ? 2 * L->box_h + 0.8 * u : 0)
         + (n_lane_gauges (L, lane) ? (lane->rows ? 0.75 * u : 0) + gauges_height (L, n_lane_gauges (L, lane), lane->gauge_cols) : 0)
         + 0.6 * u;
}

/* Offset of the middle between the two rows from the lane's top */
static double
lane_rows_middle (IopPainterLayout *L)
{
  return 0.5 * L->u + L->lh[FONT_LANE] + 0.4 * L->u + L->box_h + 0.4 * L->u;
}

static double
host_top_height (IopPainterLayout *L,
                 Host             *host)
{
  double u = L->u;
  double h = L->lh[FONT_TITLE] + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0) + 0.7 * u;

  if (n_pools (L, host) > 0)
    h += L->lh[FONT_SECTION] + 0.3 * u + gauges_height (L, n_pools (L, host), host->pool_cols) + 0.8 * u;
  return h;
}

static double
host_lanes_height (IopPainterLayout *L,
                   Host             *host)
{
  double h = 0;

  for (guint i = 0; i < host->lanes->len; i++)
    h += lane_height (L, g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i)))
         + (i ? 0.6 * L->u : 0);
  if (host->lanes->len == 0)
    h = L->lh[FONT_SUBTITLE] + L->u;
  return h;
}

/* Places the title, pools and lanes of HOST in its rect; the lanes start at
 * LANES_Y (or right under the pools when < 0). FALSE if it overflows: all
 * is placed all the same, so no box keeps the geometry of another unit. */
static gboolean
place_host (IopPainterCache  *cache,
            IopPainterLayout *L,
            Host             *host,
            double            lanes_y,
            double            extra_top)
{
  double u = L->u, P = 0.85 * u;
  cairo_rectangle_t *r = &host->rect;
  double x = r->x + P, w = r->width - 2 * P, y = r->y + P;
  double top = host_top_height (L, host);
  double bottom = r->y + r->height - P;
  double dot = 0.55 * u;
  gboolean fits = TRUE;

  add_text (cache, L, FONT_TITLE, host->title, x + dot + 0.45 * u, y, w - dot - 0.45 * u,
            PANGO_ALIGN_LEFT, INK_FG, host->place);
  y += L->lh[FONT_TITLE];
  if (show_subtitles (L))
    {
      y += 0.1 * u;
      add_text (cache, L, FONT_SUBTITLE, host->subtitle, x, y, w, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      y += L->lh[FONT_SUBTITLE];
    }
  y += 0.7 * u;
  top += extra_top;
  y += extra_top;

  if (n_pools (L, host) > 0)
    {
      add_text (cache, L, FONT_SECTION, _("Process-wide pools"), x, y, w, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      y += L->lh[FONT_SECTION] + 0.3 * u;
      host->pools_rect = rect_make (x, y, w, gauges_height (L, host->pools->len, host->pool_cols));
      place_gauges (cache, L, host->pools, host->pool_cols, x, y, w);
      y += host->pools_rect.height + 0.8 * u;
    }
  else
    host->pools_rect = rect_make (x, y, MAX (w, 0), 0);
  g_assert (fabs (y - (r->y + P + top)) < 1.0);

  if (lanes_y < y)
    lanes_y = y;
  if (lanes_y + host_lanes_height (L, host) > bottom + 0.5)
    fits = FALSE;

  y = lanes_y;
  if (host->lanes->len == 0)
    {
      add_text (cache, L, FONT_SUBTITLE, _("No step of this I/O runs here"),
                x, y + 0.5 * u, w, PANGO_ALIGN_CENTER, INK_DIM, host->place);
    }
  else if (host->idle)
    {
      /* in the middle of the first lane's (empty) rows */
      double ry = y + lane_rows_middle (L) - L->lh[FONT_SUBTITLE] / 2;

      add_text (cache, L, FONT_SUBTITLE, _("No step of this I/O runs here"),
                x, ry, w, PANGO_ALIGN_CENTER, INK_DIM, host->place);
    }
  for (guint i = 0; i < host->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));
      double lh = lane_height (L, lane);
      double ly;
      g_autofree char *header = NULL;

      lane->rect = rect_make (x - 0.35 * u, y, w + 0.7 * u, lh);
      ly = y + 0.5 * u;
      if (lane->core >= 0)
        /* TRANSLATORS: an SPDK thread and the CPU core its reactor runs on */
        header = g_strdup_printf (_("%s · core %d"), lane->thread ? lane->thread : "?", lane->core);
      else
        header = g_strdup (lane->thread ? lane->thread : "?");
      add_text (cache, L, FONT_LANE, header, x + 0.15 * u, ly, w - 0.3 * u, PANGO_ALIGN_LEFT, INK_DIM, host->place);
      ly += L->lh[FONT_LANE] + 0.4 * u;
      lane->sub_y = round (ly);
      lane->comp_y = round (ly + L->box_h + 0.8 * u);
      if (lane->rows)
        ly += 2 * L->box_h + 0.8 * u + 0.75 * u;
      if (n_lane_gauges (L, lane))
        {
          lane->gauges_rect = rect_make (x + 0.15 * u, ly, w - 0.3 * u,
                                         gauges_height (L, lane->gauges->len, lane->gauge_cols));
          place_gauges (cache, L, lane->gauges, lane->gauge_cols, x + 0.15 * u, ly, w - 0.3 * u);
        }
      else
        lane->gauges_rect = rect_make (x + 0.15 * u, ly, MAX (w - 0.3 * u, 0), 0);
      y += lh + 0.6 * u;
    }
  return fits;
}

/* Cubic bezier */
static Pt
bezier (Pt p0, Pt p1, Pt p2, Pt p3, double t)
{
  double a = (1 - t) * (1 - t) * (1 - t), b = 3 * (1 - t) * (1 - t) * t;
  double c = 3 * (1 - t) * t * t, d = t * t * t;
  Pt r = { a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y };
  return r;
}

static void
wire_curve_controls (const Wire *w,
                     Pt         *c1,
                     Pt         *c2)
{
  double k = (w->p[2].x - w->p[1].x) * 0.5;

  c1->x = w->p[1].x + k;
  c1->y = w->p[1].y;
  c2->x = w->p[2].x - k;
  c2->y = w->p[2].y;
}

static void
wire_sample (Wire *w)
{
  Pt c1, c2, last = { 0, 0 };
  double len = 0;

  g_array_set_size (w->pts, 0);
  g_array_set_size (w->cum, 0);
  wire_curve_controls (w, &c1, &c2);

#define PUSH(pt) G_STMT_START {                                  \
    Pt _p = (pt);                                                \
    if (w->pts->len > 0)                                         \
      len += hypot (_p.x - last.x, _p.y - last.y);               \
    g_array_append_val (w->pts, _p);                             \
    g_array_append_val (w->cum, len);                            \
    last = _p;                                                   \
  } G_STMT_END

  PUSH (w->p[0]);
  PUSH (w->p[1]);
  w->curve_s0 = len;
  for (int i = 1; i <= 64; i++)
    PUSH (bezier (w->p[1], c1, c2, w->p[2], i / 64.0));
  w->curve_s1 = len;
  PUSH (w->p[3]);
#undef PUSH
}

static Pt
wire_point (const Wire *w,
            double      s)
{
  guint n = w->pts->len;

  if (n == 0)
    return (Pt) { 0, 0 };
  if (s <= 0)
    return g_array_index (w->pts, Pt, 0);
  for (guint i = 1; i < n; i++)
    {
      double c0 = g_array_index (w->cum, double, i - 1);
      double c1 = g_array_index (w->cum, double, i);

      if (s <= c1)
        {
          Pt a = g_array_index (w->pts, Pt, i - 1);
          Pt b = g_array_index (w->pts, Pt, i);
          double t = c1 > c0 ? (s - c0) / (c1 - c0) : 0;

          return (Pt) { lerp (a.x, b.x, t), lerp (a.y, b.y, t) };
        }
    }
  return g_array_index (w->pts, Pt, n - 1);
}

static double
wire_length (const Wire *w)
{
  return w->cum->len ? g_array_index (w->cum, double, w->cum->len - 1) : 0;
}

/* Arc position on the middle curve where x == X */
static double
wire_s_at_x (const Wire *w,
             double      x)
{
  for (guint i = 1; i < w->pts->len; i++)
    {
      Pt a = g_array_index (w->pts, Pt, i - 1);
      Pt b = g_array_index (w->pts, Pt, i);

      if ((x >= a.x && x <= b.x) || (x <= a.x && x >= b.x))
        {
          double t = fabs (b.x - a.x) > 1e-6 ? (x - a.x) / (b.x - a.x) : 0;

          return lerp (g_array_index (w->cum, double, i - 1), g_array_index (w->cum, double, i), t);
        }
    }
  return (w->curve_s0 + w->curve_s1) / 2;
}

static Box *
box_at (IopPainterLayout *L,
        int               i)
{
  return i >= 0 && i < (int)L->boxes->len ? g_ptr_array_index (L->boxes, i) : NULL;
}

/* Geometry for unit U at detail level L->detail */
static Fit
layout_place (IopPainterCache  *cache,
              IopPainterLayout *L,
              double            u,
              gboolean          strict,
              gboolean          dense)
{
  double W = L->width, H = L->height;
  double M = round (0.9 * u), G = round (0.75 * u), P = 0.85 * u;
  double colgap = 0.75 * u;
  double inner_w, net_w, rest, cw, lead, trail, bm_cols, st_cols;
  guint n_slots;
  double top, bottom, bm_w, st_w, x;
  double lanes_target = -1;
  int n_storage_lanes = 0;
  Host *bm = g_ptr_array_index (L->hosts, 0);
  gboolean has_device = FALSE;
  gboolean fits = TRUE;        /* FIT_WHOLE so far */
  gboolean in_place = TRUE;    /* FIT_SQUEEZED at least */

  L->u = u;
  L->n_hidden = 0;
  g_array_set_size (L->texts, 0);
  g_array_set_size (L->gauges, 0);
  for (guint i = 0; i < L->trace->gauges->len; i++)
    L->gauge_slot[i] = -1;
  layout_fonts (cache, L);

  L->radius = round (0.45 * u);
  L->line_w = MAX (1.0, round (0.07 * u));
  L->token_r = 0.42 * u;
  L->box_h = round (0.4 * u + L->lh[FONT_BOX] + 0.3 * u + 0.42 * u + 0.5 * u);

  /* Caption strip */
  {
    double ch = round (L->lh[FONT_CAPTION_TITLE] + 0.2 * u + L->lh[FONT_CAPTION] + 1.1 * u);
    double cx, cr, badge_w, time_w, legend_w = 0;

    L->caption = rect_make (M, H - M - ch, W - 2 * M, ch);
    cx = L->caption.x + 0.7 * u;
    cr = L->caption.x + L->caption.width - 0.9 * u;
    badge_w = text_w (cache, L, FONT_BADGE, _("Step 888 of 888")) + 1.4 * u;
    L->cap_badge = rect_make (cx, L->caption.y + (ch - (L->lh[FONT_BADGE] + 0.5 * u)) / 2,
                              badge_w, L->lh[FONT_BADGE] + 0.5 * u);
    cx += badge_w + 0.9 * u;
    time_w = MAX (text_w (cache, L, FONT_CAPTION_TITLE, _("888.88 µs")),
                  text_w (cache, L, FONT_CAPTION, _("took 888.88 µs"))) + 0.2 * u;
    L->cap_time = rect_make (cr - time_w, L->caption.y + 0.55 * u, time_w, ch - 1.1 * u);
    cr -= time_w + 1.2 * u;
    if (L->n_legs > 1)
      {
        g_autofree char *a = g_strdup_printf (_("Replica %c"), 'A');

        legend_w = 2 * (text_w (cache, L, FONT_CAPTION, a) + 1.6 * u) + 0.4 * u;
      }
    /* the legend only where the step's title keeps room: the tokens' colours
     * are in the caption's detail line too ("leg A") */
    if (legend_w > 0 && cr - legend_w - 1.0 * u - cx >= 10 * u)
      {
        L->cap_legend = rect_make (cr - legend_w, L->caption.y, legend_w, ch);
        cr -= legend_w + 1.0 * u;
      }
    else
      L->cap_legend = rect_make (cr, L->caption.y, 0, 0);
    L->cap_title = rect_make (cx, L->caption.y + 0.55 * u, MAX (cr - cx, 0), L->lh[FONT_CAPTION_TITLE]);
    L->cap_detail = rect_make (cx, L->cap_title.y + L->lh[FONT_CAPTION_TITLE] + 0.2 * u,
                               MAX (cr - cx, 0), L->lh[FONT_CAPTION]);
    if (cr - cx < 10 * u)
      fits = FALSE;
    /* the badge and the time would meet */
    if (cr - cx < 2 * u || L->caption.height <= 0 || L->caption.y < M)
      in_place = FALSE;
  }

  /* Columns: guest | baremetal layers || network || storage layers | SSD */
  for (int h = 1; h < (int)L->hosts->len; h++)
    has_device |= ((Host *)g_ptr_array_index (L->hosts, h))->device_box >= 0;
  lead = bm->guest_box >= 0 ? 0.75 : 0;
  trail = has_device ? 0.8 : 0;
  bm_cols = L->bm_columns->len + lead;
  st_cols = L->n_nodes > 0 ? L->st_columns->len + trail : 0;

  inner_w = W - 2 * M;
  net_w = L->n_nodes > 0 ? CLAMP (0.095 * inner_w, 8 * u, 14 * u) : 0;
  n_slots = 1;
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);
      double widest = 0;

      n_slots = MAX (n_slots, w->pills->len);
      for (guint p = 0; p < w->pills->len; p++)
        {
          Box *pill = g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p));

          widest = MAX (widest, text_w (cache, L, FONT_PILL, pill->short_label ? pill->short_label : pill->label));
        }
      net_w = MAX (net_w, MIN (0.6 * u + w->pills->len * (widest + 1.6 * u), 0.2 * inner_w));
    }
  rest = inner_w - net_w - (L->n_nodes > 0 ? 2 * G : 0) - (L->n_nodes > 0 ? 4 : 2) * P;
  cw = rest / MAX (bm_cols + st_cols, 1);
  if (cw < 5.0 * u)
    fits = FALSE;   /* labels shorten */
  if (cw < 3.2 * u)
    in_place = FALSE;   /* a box narrower than its pips' margins */
  if (cw > 10.5 * u)
    {
      net_w += (cw - 10.5 * u) * (bm_cols + st_cols);
      cw = 10.5 * u;
    }
  cw = MAX (floor (cw), 0);
  bm_w = round (bm_cols * cw + 2 * P);
  st_w = round (st_cols * cw + 2 * P);
  net_w = inner_w - bm_w - (L->n_nodes > 0 ? st_w + 2 * G : 0);
  if (L->n_nodes > 0 && net_w < 6 * u)
    in_place = FALSE;

  top = M;
  bottom = L->caption.y - G;
  x = M;
  bm->rect = rect_make (x, top, bm_w, bottom - top);
  x += bm_w + G;
  L->network = rect_make (x, top, L->n_nodes > 0 ? net_w : 0, bottom - top);
  x += net_w + G;

  /* Gauge columns: as wide as the labels want, denser only for a host that
   * would not fit otherwise */
  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);
      double w = (h == 0 ? bm_w : st_w) - 2 * P;
      double room = h == 0 ? bottom - top
                           : (bottom - top - (L->n_nodes - 1) * G) / MAX (L->n_nodes, 1);

      for (int d = dense ? 1 : 0; d < 2; d++)
        {
          host->pool_cols = gauge_columns (cache, L, host->pools, w, d);
          for (guint i = 0; i < host->lanes->len; i++)
            {
              Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

              lane->gauge_cols = gauge_columns (cache, L, lane->gauges, w - 0.3 * u, d);
            }
          if (2 * P + host_top_height (L, host) + host_lanes_height (L, host) <= room)
            break;
        }
    }

  /* Storage nodes, stacked */
  if (L->n_nodes > 0)
    {
      double hp = (bottom - top - (L->n_nodes - 1) * G) / L->n_nodes;

      for (int k = 0; k < L->n_nodes; k++)
        {
          Host *host = g_ptr_array_index (L->hosts, 1 + k);
          double ph = round (top + (k + 1) * (hp + G) - G) - round (top + k * (hp + G));

          double head = 0.85 * u + L->lh[FONT_TITLE] + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0) + 0.7 * u;
          double block = host_top_height (L, host) - (head - 0.85 * u) + host_lanes_height (L, host);
          double slack;

          host->rect = rect_make (x, top + k * (hp + G), st_w, ph);
          slack = host->rect.height - head - 0.85 * u - block;
          slack = MAX (slack, 0);
          if (slack > 0.25 * ph)
            {
              /* mostly empty: a card as tall as its content, in the middle of its slot */
              double card_h = ceil (ph - slack + 1.5 * u);

              host->rect = rect_make (x, round (top + k * (hp + G) + (ph - card_h) / 2), st_w, card_h);
              slack = 1.5 * u;
            }
          if (!place_host (cache, L, host,
                           host->rect.y + 0.85 * u + host_top_height (L, host) + round (0.6 * slack),
                           round (0.3 * slack)))
            in_place = FALSE;
          for (guint i = 0; i < host->lanes->len; i++)
            {
              Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

              if ((host->idle && i > 0) || !lane->rows)
                continue;
              lanes_target = (lanes_target < 0 ? 0 : lanes_target) + lane->rect.y + lane_rows_middle (L);
              n_storage_lanes++;
            }
        }
    }

  /* The baremetal card is as tall as its content, its first lane's rows level
   * with the middle of the storage nodes' rows */
  {
    double top_h = host_top_height (L, bm);
    double card_h = ceil (2 * P + top_h + host_lanes_height (L, bm)) + 1;
    double lanes_y = n_storage_lanes > 0
      ? lanes_target / n_storage_lanes - lane_rows_middle (L)
      : (top + bottom - card_h) / 2 + P + top_h;
    double card_y = lanes_y - top_h - P;

    if (card_h > bottom - top)
      in_place = FALSE;
    card_y = round (CLAMP (card_y, top, MAX (bottom - card_h, top)));
    bm->rect = rect_make (M, card_y, bm_w, MIN (card_h, bottom - top));
    if (!place_host (cache, L, bm, card_y + P + top_h, 0))
      in_place = FALSE;
  }

  /* Network title */
  if (L->n_nodes > 0)
    {
      g_autofree char *sub = NULL;
      const char *fabric = L->trace->scenario ? L->trace->scenario->hosts[IOP_HOST_BAREMETAL].fabric_trtype : NULL;
      double ny = L->network.y + P;

      add_text (cache, L, FONT_TITLE, _("Network"), L->network.x, ny, L->network.width,
                PANGO_ALIGN_CENTER, INK_FG, IOP_PLACE_NETWORK);
      ny += L->lh[FONT_TITLE] + 0.1 * u;
      if (show_subtitles (L))
        {
          /* TRANSLATORS: the fabric, e.g. "NVMe-oF · RDMA" */
          sub = g_strdup_printf (_("NVMe-oF · %s"), trtype_label (fabric));
          add_text (cache, L, FONT_SUBTITLE, sub, L->network.x + 0.3 * u, ny, L->network.width - 0.6 * u,
                    PANGO_ALIGN_CENTER, INK_DIM, IOP_PLACE_NETWORK);
        }
    }

  /* Boxes */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);
      Host *host = box->host >= 0 ? g_ptr_array_index (L->hosts, box->host) : NULL;
      Lane *lane = box->lane >= 0 ? g_ptr_array_index (L->lanes, box->lane) : NULL;
      double base_x, bx, bw, by, bh;
      const char *text;
      guint col;

      if (box->pub.kind == IOP_PAINTER_BOX_WIRE || host == NULL)
        continue;
      if (lane == NULL && host->lanes->len > 0)
        lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, 0));
      if (lane == NULL)
        continue;
      base_x = host->rect.x + P;
      switch ((int)box->pub.kind)
        {
        case IOP_PAINTER_BOX_GUEST:
          bx = base_x;
          bw = lead * cw - colgap;
          by = lane->sub_y;
          bh = lane->comp_y + L->box_h - lane->sub_y;
          break;
        case IOP_PAINTER_BOX_DEVICE:
          bx = base_x + L->st_columns->len * cw + colgap / 2;
          bw = trail * cw - colgap / 2;
          by = lane->sub_y;
          bh = lane->comp_y + L->box_h - lane->sub_y;
          break;
        default:
          {
            GPtrArray *cols = box->host == 0 ? L->bm_columns : L->st_columns;

            if (!g_ptr_array_find (cols, box->group, &col))
              col = 0;
            box->column = col;
            bx = base_x + ((box->host == 0 ? lead : 0) + col) * cw + colgap / 2;
            bw = cw - colgap;
            by = box->pub.completion ? lane->comp_y : lane->sub_y;
            bh = L->box_h;
          }
        }
      box->pub.rect = rect_make (bx, by, bw, bh);
      bx = box->pub.rect.x;
      bw = box->pub.rect.width;
      text = box->label;
      if (text_w (cache, L, FONT_BOX, text) > bw - 0.7 * u)
        {
          /* presentation trades long names for big letters */
          gboolean short_ok = L->presentation && box->short_label &&
                              text_w (cache, L, FONT_BOX, box->short_label) <= bw - 0.7 * u;

          if (strict && box->pub.kind == IOP_PAINTER_BOX_STAGE && !short_ok)
            fits = FALSE;
          if (box->short_label)
            text = box->short_label;
        }
      if (box->pub.kind == IOP_PAINTER_BOX_STAGE)
        {
          if (label_shows (cache, L, FONT_BOX, text, bw - 0.7 * u))
            add_text (cache, L, FONT_BOX, text, bx + 0.35 * u, by + 0.4 * u, bw - 0.7 * u,
                      PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
          else
            L->n_hidden++;
          box->pip_y = by + bh - 0.5 * u - 0.21 * u;
        }
      else
        {
          const char *space = strrchr (box->label, ' ');
          double room = bw - 0.6 * u;
          g_autofree char *first = space ? g_strndup (box->label, space - box->label) : NULL;

          if (text_w (cache, L, FONT_BOX, box->label) > room && space != NULL &&
              text_w (cache, L, FONT_BOX, first) <= room && text_w (cache, L, FONT_BOX, space + 1) <= room)
            {
              /* tall boxes take their label on two lines */
              double ty = box->pub.kind == IOP_PAINTER_BOX_GUEST
                ? by + bh / 2 - L->lh[FONT_BOX]
                : by + bh / 2 - 2 * L->lh[FONT_BOX] + 0.1 * u;

              add_text (cache, L, FONT_BOX, first, bx + 0.3 * u, ty,
                        room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
              add_text (cache, L, FONT_BOX, space + 1, bx + 0.3 * u, ty + L->lh[FONT_BOX],
                        room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
            }
          else
            {
              /* narrow: the whole label, the short one, its last word ("VM",
               * "SSD"), or as much of it as says something */
              if (text_w (cache, L, FONT_BOX, box->label) <= room)
                text = box->label;
              else if (box->short_label && text_w (cache, L, FONT_BOX, box->short_label) <= room)
                text = box->short_label;
              else if (space != NULL && text_w (cache, L, FONT_BOX, space + 1) <= room)
                text = space + 1;
              else if (!label_shows (cache, L, FONT_BOX, text, room))
                {
                  text = NULL;
                  L->n_hidden++;
                }
              if (text != NULL && box->pub.kind == IOP_PAINTER_BOX_GUEST)
                add_text (cache, L, FONT_BOX, text, bx + 0.3 * u, by + (bh - L->lh[FONT_BOX]) / 2,
                          room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
              else if (text != NULL)
                add_text (cache, L, FONT_BOX, text, bx + 0.3 * u, by + bh / 2 - L->lh[FONT_BOX] - 0.1 * u,
                          room, PANGO_ALIGN_CENTER, INK_FG, box->pub.place);
            }
          box->pip_y = by + bh / 2 + 0.95 * u;
        }
    }

  /* Wires: port on the box, panel edges, port on the other box */
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);
      Box *from = box_at (L, w->from_box), *to = box_at (L, w->to_box);
      Host *st = g_ptr_array_index (L->hosts, MIN (1 + w->node, (int)L->hosts->len - 1));
      double bm_edge = bm->rect.x + bm->rect.width, st_edge = st->rect.x;
      double bm_y = bm->rect.y + bm->rect.height / 2, st_y = st->rect.y + st->rect.height / 2;
      Pt a, b;

      if (!w->ret)
        {
          bm_y = from ? from->pip_y : bm_y;
          st_y = to ? to->pip_y : st_y;
          a = (Pt) { from ? from->pub.rect.x + from->pub.rect.width : bm_edge, bm_y };
          b = (Pt) { to ? to->pub.rect.x : st_edge, st_y };
          w->p[0] = a;
          w->p[1] = (Pt) { bm_edge, bm_y };
          w->p[2] = (Pt) { st_edge, st_y };
          w->p[3] = b;
        }
      else
        {
          st_y = from ? from->pip_y : st_y;
          bm_y = to ? to->pip_y : bm_y;
          a = (Pt) { from ? from->pub.rect.x : st_edge, st_y };
          b = (Pt) { to ? to->pub.rect.x + to->pub.rect.width : bm_edge, bm_y };
          w->p[0] = a;
          w->p[1] = (Pt) { st_edge, st_y };
          w->p[2] = (Pt) { bm_edge, bm_y };
          w->p[3] = b;
        }
      wire_sample (w);

      /* Pills sit in slots across the network zone shared by every wire: at
       * one x, the wires of a node are a row apart, so pills never collide */
      for (guint p = 0; p < w->pills->len; p++)
        {
          Box *pill = g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p));
          double span = L->network.width - 0.6 * u;
          guint slot = n_slots == 1 ? 0 : p;
          double px = w->ret
            ? L->network.x + L->network.width - 0.3 * u - (slot + 0.5) * span / n_slots
            : L->network.x + 0.3 * u + (slot + 0.5) * span / n_slots;
          double room = MAX (span / n_slots - 0.4 * u, 0);
          double ph = L->lh[FONT_PILL] + 0.5 * u;
          const char *text = L->presentation && pill->short_label ? pill->short_label : pill->label;
          double tw = text_w (cache, L, FONT_PILL, text);
          Pt c;

          if (tw > room - 1.2 * u && pill->short_label)
            {
              text = pill->short_label;
              tw = text_w (cache, L, FONT_PILL, text);
            }
          tw = MIN (tw + 1.2 * u, room);

          /* wires that share an end meet there: slide along this wire until clear */
          for (int k = 0; k <= 16; k++)
            {
              double dx = (k + 1) / 2 * 0.06 * span * (k % 2 ? -1 : 1);
              double cx = CLAMP (px + (w->ret ? -dx : dx), L->network.x + tw / 2, L->network.x + L->network.width - tw / 2);
              cairo_rectangle_t r;
              gboolean clear = TRUE;

              pill->wire_s = wire_s_at_x (w, cx);
              c = wire_point (w, pill->wire_s);
              r = rect_make (c.x - tw / 2 - 0.4 * u, c.y - ph / 2 - 0.4 * u, tw + 0.8 * u, ph + 0.8 * u);
              for (guint ob = 0; ob < L->boxes->len && clear; ob++)
                {
                  Box *other = g_ptr_array_index (L->boxes, ob);
                  const cairo_rectangle_t *o = &other->pub.rect;

                  if (other == pill || other->pub.kind != IOP_PAINTER_BOX_WIRE || o->width <= 0)
                    continue;
                  if (other->wire > (int)i || (other->wire == (int)i && ob >= (guint)g_array_index (w->pills, int, p)))
                    continue;
                  clear = !(r.x < o->x + o->width && o->x < r.x + r.width &&
                            r.y < o->y + o->height && o->y < r.y + r.height);
                }
              if (clear)
                break;
            }
          pill->pub.rect = rect_make (c.x - tw / 2, c.y - ph / 2, tw, ph);
          pill->pip_y = c.y;
          if (label_shows (cache, L, FONT_PILL, text, pill->pub.rect.width - 1.2 * u))
            add_text (cache, L, FONT_PILL, text, pill->pub.rect.x + 0.6 * u,
                      pill->pub.rect.y + (ph - L->lh[FONT_PILL]) / 2, pill->pub.rect.width - 1.2 * u,
                      PANGO_ALIGN_CENTER, INK_FG, IOP_PLACE_NETWORK);
          else
            L->n_hidden++;
        }
    }

  /* The guest: the request leaves from the upper row, comes back into the lower */
  {
    Box *g = box_at (L, bm->guest_box);

    if (g != NULL)
      {
        double cx = g->pub.rect.x + g->pub.rect.width / 2;

        L->guest_anchor = (Pt) { cx, g->pub.rect.y + L->box_h / 2 };
        L->guest_return = (Pt) { cx, g->pub.rect.y + g->pub.rect.height - L->box_h / 2 };
      }
    else
      L->guest_anchor = L->guest_return = (Pt) { 0, H / 2 };
  }

  /* Where the token sits for each step: the pip of its function in its box */
  for (guint i = 0; i < L->trace->steps->len; i++)
    {
      IopStep *st = iop_trace_step (L->trace, i);
      Box *box = box_at (L, L->step_box[i]);
      guint k = 0, nk;
      double pad, span;

      if (box == NULL)
        {
          L->anchor[i] = (Pt) { W / 2, H / 2 };
          continue;
        }
      if (box->pub.kind == IOP_PAINTER_BOX_WIRE)
        {
          L->anchor[i] = (Pt) { box->pub.rect.x + box->pub.rect.width / 2, box->pip_y };
          continue;
        }
      if (box->pub.kind == IOP_PAINTER_BOX_GUEST)
        {
          L->anchor[i] = L->step_phase[i] ? L->guest_return : L->guest_anchor;
          continue;
        }
      g_ptr_array_find_with_equal_func (box->keys, st->key, g_str_equal, &k);
      nk = MAX (box->keys->len, 1);
      pad = 0.9 * u;
      span = box->pub.rect.width - 2 * pad;
      if (box->pub.completion && box->pub.kind == IOP_PAINTER_BOX_STAGE)
        k = nk - 1 - k;  /* the way back reads right to left */
      L->anchor[i].x = box->pub.rect.x + pad + (nk == 1 ? span / 2 : k * span / (nk - 1));
      L->anchor[i].y = box->pip_y;
      if ((box->leg_mask & 3) == 3 && st->leg >= 0)
        L->anchor[i].y += (st->leg == 0 ? -1 : 1) * 0.3 * u;
    }

  return !in_place ? FIT_NONE : fits ? FIT_WHOLE : FIT_SQUEEZED;
}

static IopPainterLayout *
layout_new (IopPainterCache     *cache,
            IopTrace            *trace,
            double               width,
            double               height,
            const IopPaintState *state)
{
  IopPainterLayout *L = g_new0 (IopPainterLayout, 1);
  double scale = sane_text_scale (state->text_scale);
  double u;

  L->trace = iop_trace_ref (trace);
  L->width = width;
  L->height = height;
  L->text_scale = scale;
  L->presentation = state->presentation;
  L->font_family = g_strdup (state->font_family ? state->font_family : "Cantarell, Sans");
  L->font_floor = FONT_FLOOR;
  L->detail = DETAIL_ALL;
  L->boxes = g_ptr_array_new_with_free_func (box_free);
  L->lanes = g_ptr_array_new_with_free_func (lane_free);
  L->hosts = g_ptr_array_new_with_free_func (host_free);
  L->wires = g_ptr_array_new_with_free_func (wire_free);
  L->texts = g_array_new (FALSE, TRUE, sizeof (TextItem));
  g_array_set_clear_func (L->texts, text_item_clear);
  L->gauges = g_array_new (FALSE, TRUE, sizeof (GaugeSlot));
  L->bm_columns = g_ptr_array_new ();
  L->st_columns = g_ptr_array_new ();

  layout_analyse (L);

  /* The largest unit (in half pixels) where every label fits whole, between
   * 11 px and 18 px at 1920x1080 (more in presentation), scaled with the size. */
  {
    double s = MIN (width / 1920.0, height / 1080.0);
    int hi = (int)floor (2 * 18.0 * s * scale * (state->presentation ? 1.3 : 1.0));
    int lo = (int)ceil (2 * 11.0 * MIN (scale, 1.5));
    int best = -1;

    if (hi >= lo && layout_place (cache, L, lo / 2.0, TRUE, FALSE) == FIT_WHOLE)
      {
        best = lo;
        while (lo < hi)
          {
            int mid = (lo + hi + 1) / 2;

            if (layout_place (cache, L, mid / 2.0, TRUE, FALSE) == FIT_WHOLE)
              best = lo = mid;
            else
              hi = mid - 1;
          }
        u = best / 2.0;
      }
    else
      {
        /* Too small for whole labels: shorten and ellipsize them, with
         * denser gauges (the largest unit first, down to 8 px); where even
         * that does not fit, leave details out, one kind after the other,
         * rather than text under 10.5 px or anything on top of anything.
         * Roomy labels first, then squeezed ones. */
        double u0 = MAX (round (2 * 15.0 * s * scale) / 2, 11.0);

        /* the most compact of them first: if even that spills, none fits */
        L->detail = DETAIL_NO_GAUGES;
        if (layout_place (cache, L, UNIT_MIN, FALSE, TRUE) == FIT_NONE)
          u0 = -1;

        for (Detail detail = DETAIL_ALL; detail <= DETAIL_NO_GAUGES; detail++)
          for (u = u0; u >= UNIT_MIN; u -= 0.5)
            for (int dense = detail == DETAIL_ALL ? 0 : 1; dense < 2; dense++)
              {
                L->detail = detail;
                L->fit = layout_place (cache, L, u, FALSE, dense);
                if (L->fit == FIT_WHOLE)
                  return L;
              }

        /* squeezed: the unit that leaves out the fewest box and pill labels
         * (smaller text that names its boxes beats bigger text in blank
         * ones), the largest of those */
        for (Detail detail = DETAIL_ALL; detail <= DETAIL_NO_GAUGES; detail++)
          {
            double best_u = -1;
            int best_dense = 0;
            guint best_hidden = G_MAXUINT;

            for (u = u0; u >= UNIT_MIN; u -= 0.5)
              for (int dense = detail == DETAIL_ALL ? 0 : 1; dense < 2; dense++)
                {
                  L->detail = detail;
                  if (layout_place (cache, L, u, FALSE, dense) == FIT_SQUEEZED && L->n_hidden < best_hidden)
                    {
                      best_u = u;
                      best_dense = dense;
                      best_hidden = L->n_hidden;
                    }
                }
            if (best_u > 0)
              {
                L->detail = detail;
                L->fit = layout_place (cache, L, best_u, FALSE, best_dense);
                return L;
              }
          }

        /* Below the smallest size Iopath accepts (a widget squeezed by
         * its parent, a caller of this API): a thumbnail, whose text
         * shrinks with everything else. Drawing is clipped to the canvas
         * if even that does not fit. */
        L->detail = DETAIL_NO_GAUGES;
        for (u = UNIT_MIN - 0.5; u >= 1.0; u -= 0.5)
          {
            L->font_floor = FONT_FLOOR * u / UNIT_MIN;
            L->fit = layout_place (cache, L, u, FALSE, TRUE);
            if (L->fit >= FIT_SQUEEZED)
              return L;
          }
        return L;
      }
    L->fit = layout_place (cache, L, u, TRUE, FALSE);
  }

  return L;
}

/* ------------------------------------------------------------------ */
/* The cache                                                            */

IopPainterCache *
iop_painter_cache_new (void)
{
  IopPainterCache *cache = g_new0 (IopPainterCache, 1);
  cairo_font_options_t *opts = cairo_font_options_create ();

  cache->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cache->pctx = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_antialias (opts, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (opts, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (opts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (cache->pctx, opts);
  pango_cairo_context_set_resolution (cache->pctx, 96.0);
  cairo_font_options_destroy (opts);
  cache->pl = pango_layout_new (cache->pctx);
  pango_layout_set_single_paragraph_mode (cache->pl, TRUE);
  return cache;
}

void
iop_painter_cache_free (IopPainterCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_pointer (&cache->layout, layout_free);
  g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
  g_clear_object (&cache->pl);
  g_clear_object (&cache->pctx);
  g_clear_pointer (&cache->widths, g_hash_table_unref);
  g_free (cache);
}

static gboolean
layout_matches (IopPainterLayout    *L,
                IopTrace            *trace,
                double               width,
                double               height,
                const IopPaintState *state)
{
  return L != NULL && L->trace == trace && L->width == width && L->height == height &&
         L->text_scale == sane_text_scale (state->text_scale) && L->presentation == state->presentation &&
         g_strcmp0 (L->font_family, state->font_family ? state->font_family : "Cantarell, Sans") == 0;
}

IopPainterLayout *
iop_painter_cache_get_layout (IopPainterCache     *cache,
                              IopTrace            *trace,
                              double               width,
                              double               height,
                              const IopPaintState *state)
{
  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (trace != NULL, NULL);

  width = sane_side (width);
  height = sane_side (height);
  if (!layout_matches (cache->layout, trace, width, height, state))
    {
      g_clear_pointer (&cache->layout, layout_free);
      g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
      cache->layout = layout_new (cache, trace, width, height, state);
    }
  return cache->layout;
}

/* ------------------------------------------------------------------ */
/* Drawing helpers                                                      */

static const IopColor *
ink_color (const IopPalette *pal,
           Ink               ink,
           IopPlace          place)
{
  switch (ink)
    {
    case INK_DIM: return &pal->dim_fg;
    case INK_ZONE: return &pal->zone[place];
    case INK_FG:
    default: return &pal->fg;
    }
}

static void
show_text (IopPainterCache            *cache,
           cairo_t                    *cr,
           const PangoFontDescription *font,
           const char                 *text,
           double                      x,
           double                      y,
           double                      room,
           PangoAlignment              align,
           const IopColor             *color,
           double                      alpha,
           gboolean                    tabular)
{
  PangoLayout *pl = cache->pl;

  if (!(room > 0) || text == NULL)
    return;
  room = MIN (room, 1e5);  /* pango widths are ints of 1/1024 px */
  if (tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (pl, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    pango_layout_set_attributes (pl, NULL);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int)(room * PANGO_SCALE));
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pl, align);
  set_ink (cr, color, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, pl);
}

static void
draw_text_item (IopPainterCache  *cache,
                IopPainterLayout *L,
                cairo_t          *cr,
                const IopPalette *pal,
                const TextItem   *t)
{
  /* The rect is the drawn width: give pango one more pixel of room */
  show_text (cache, cr, L->fonts[t->font], t->text, t->rect.x, t->rect.y, t->rect.width + 1,
             PANGO_ALIGN_LEFT, ink_color (pal, t->ink, t->place), 1.0, FALSE);
}

static void
begin_text (IopPainterCache *cache,
            cairo_t         *cr)
{
  pango_cairo_update_context (cr, cache->pctx);
  pango_layout_context_changed (cache->pl);
}

static void
chevron (cairo_t *cr,
         double   x,
         double   y,
         double   size,
         int      dir)
{
  cairo_move_to (cr, x - dir * size * 0.5, y - size * 0.7);
  cairo_line_to (cr, x + dir * size * 0.5, y);
  cairo_line_to (cr, x - dir * size * 0.5, y + size * 0.7);
}

static const IopColor *
box_zone (const IopPalette *pal,
          const Box        *box)
{
  return &pal->zone[box->pub.place];
}

/* ------------------------------------------------------------------ */
/* The static layer                                                     */

static void
draw_connector (cairo_t          *cr,
                IopPainterLayout *L,
                const IopColor   *color,
                double            x0,
                double            x1,
                double            y,
                int               dir)
{
  double scale = device_scale (cr);
  double lw = L->line_w;
  double sy = (floor (y * scale) + 0.5) / scale;
  double mid = (x0 + x1) / 2;

  if (x1 - x0 < 2)
    return;
  set_ink (cr, color, 0.45);
  cairo_set_line_width (cr, lw);
  cairo_move_to (cr, x0, sy);
  cairo_line_to (cr, x1, sy);
  cairo_stroke (cr);
  set_ink (cr, color, 0.8);
  cairo_set_line_width (cr, 1.5 * lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  chevron (cr, mid, sy, MIN (0.32 * L->u, (x1 - x0) * 0.35), dir);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_row_connectors (cairo_t          *cr,
                     IopPainterLayout *L,
                     const IopPalette *pal,
                     Lane             *lane,
                     int               lane_index,
                     gboolean          completion)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new ();
  Host *host = g_ptr_array_index (L->hosts, lane->host);
  const IopColor *zc = &pal->zone[host->place];

  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (box->lane != lane_index || box->pub.kind != IOP_PAINTER_BOX_STAGE || box->pub.completion != completion)
        continue;
      g_ptr_array_add (row, box);
    }
  if (row->len == 0)
    return;

  /* sort by x */
  for (guint i = 1; i < row->len; i++)
    for (guint j = i; j > 0; j--)
      {
        Box *a = g_ptr_array_index (row, j - 1), *b = g_ptr_array_index (row, j);

        if (a->pub.rect.x > b->pub.rect.x)
          {
            row->pdata[j - 1] = b;
            row->pdata[j] = a;
          }
      }

  for (guint i = 1; i < row->len; i++)
    {
      Box *a = g_ptr_array_index (row, i - 1), *b = g_ptr_array_index (row, i);

      draw_connector (cr, L, zc, a->pub.rect.x + a->pub.rect.width, b->pub.rect.x, a->pip_y,
                      completion ? -1 : 1);
    }

  /* The guest at the start and end of the baremetal rows, the SSD at the turn */
  {
    Box *first = g_ptr_array_index (row, 0), *last = g_ptr_array_index (row, row->len - 1);
    Box *guest = box_at (L, host->guest_box), *dev = box_at (L, lane->device_box);

    if (guest && guest->lane == lane_index)
      draw_connector (cr, L, zc, guest->pub.rect.x + guest->pub.rect.width, first->pub.rect.x,
                      first->pip_y, completion ? -1 : 1);
    if (dev)
      draw_connector (cr, L, zc, last->pub.rect.x + last->pub.rect.width, dev->pub.rect.x,
                      last->pip_y, completion ? -1 : 1);
  }
}

static void
wire_path (cairo_t    *cr,
           const Wire *w)
{
  Pt c1, c2;

  wire_curve_controls (w, &c1, &c2);
  cairo_move_to (cr, w->p[0].x, w->p[0].y);
  cairo_line_to (cr, w->p[1].x, w->p[1].y);
  cairo_curve_to (cr, c1.x, c1.y, c2.x, c2.y, w->p[2].x, w->p[2].y);
  cairo_line_to (cr, w->p[3].x, w->p[3].y);
}

static void
draw_gauge_track (cairo_t          *cr,
                  const IopPalette *pal,
                  const GaugeSlot  *slot)
{
  const cairo_rectangle_t *b = &slot->bar;

  rounded_rect (cr, b->x, b->y, b->width, b->height, b->height / 2);
  set_ink (cr, &pal->fg, 0.08);
  cairo_fill (cr);
}

/* Below the smallest size some layouts cannot fit: what spills is cut at
 * the canvas's edge rather than drawn over the caller's */
static void
clip_unless_fits (cairo_t          *cr,
                  IopPainterLayout *L)
{
  if (L->fit != FIT_NONE)
    return;
  cairo_rectangle (cr, 0, 0, L->width, L->height);
  cairo_clip (cr);
}

void
iop_painter_draw_static (cairo_t             *cr,
                         double               width,
                         double               height,
                         IopTrace            *trace,
                         const IopPaintState *state)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  IopPainterLayout *L;
  double u;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);

  if (cache == NULL)
    cache = own = iop_painter_cache_new ();
  width = sane_side (width);
  height = sane_side (height);
  L = iop_painter_cache_get_layout (cache, trace, width, height, state);
  u = L->u;

  cairo_save (cr);
  clip_unless_fits (cr, L);
  begin_text (cache, cr);

  /* Window */
  set_ink (cr, &pal->window_bg, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* Network zone: a soft tint behind the wires */
  if (L->network.width > 0)
    {
      rounded_rect (cr, L->network.x, L->network.y, L->network.width, L->network.height, 1.2 * L->radius);
      set_ink (cr, &pal->zone[IOP_PLACE_NETWORK], state->dark ? 0.045 : 0.04);
      cairo_fill (cr);
    }

  /* Host panels */
  for (guint h = 0; h < L->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (L->hosts, h);
      const IopColor *zc = &pal->zone[host->place];
      double P = 0.85 * u;
      double dot = 0.55 * u;

      rounded_rect (cr, host->rect.x, host->rect.y, host->rect.width, host->rect.height, 1.2 * L->radius);
      set_ink (cr, &pal->card_bg, 1.0);
      cairo_fill (cr);
      set_ink (cr, &pal->card_border, 1.0);
      stroke_box (cr, &host->rect, 1.2 * L->radius, 1.0);

      /* zone dot before the title */
      set_ink (cr, zc, 1.0);
      cairo_arc (cr, host->rect.x + P + dot / 2, host->rect.y + P + L->lh[FONT_TITLE] / 2, dot / 2, 0, 2 * G_PI);
      cairo_fill (cr);

      for (guint i = 0; i < host->lanes->len; i++)
        {
          Lane *lane = g_ptr_array_index (L->lanes, g_array_index (host->lanes, int, i));

          rounded_rect (cr, lane->rect.x, lane->rect.y, lane->rect.width, lane->rect.height, L->radius);
          set_ink (cr, zc, state->dark ? 0.09 : 0.07);
          cairo_fill (cr);
        }
    }

  /* Wires under everything else */
  for (guint i = 0; i < L->wires->len; i++)
    {
      Wire *w = g_ptr_array_index (L->wires, i);
      const IopColor *zc = &pal->zone[IOP_PLACE_NETWORK];

      wire_path (cr, w);
      set_ink (cr, zc, 0.55);
      cairo_set_line_width (cr, 1.5 * L->line_w);
      if (w->ret)
        {
          double dash[] = { 0.5 * u, 0.3 * u };
          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      /* arrow heads between the pills */
      for (guint p = 0; p <= w->pills->len; p++)
        {
          double s0 = p == 0 ? w->curve_s0 : ((Box *)g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p - 1)))->wire_s;
          double s1 = p == w->pills->len ? w->curve_s1 : ((Box *)g_ptr_array_index (L->boxes, g_array_index (w->pills, int, p)))->wire_s;
          double s = (s0 + s1) / 2;
          Pt a = wire_point (w, s - 1), b = wire_point (w, s + 1), c = wire_point (w, s);
          double ang = atan2 (b.y - a.y, b.x - a.x);

          if (p > 0 && p < w->pills->len)
            continue;
          if (s1 - s0 < 2.5 * u)
            continue;
          cairo_save (cr);
          cairo_translate (cr, c.x, c.y);
          cairo_rotate (cr, ang);
          set_ink (cr, zc, 0.9);
          cairo_set_line_width (cr, 1.5 * L->line_w);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          chevron (cr, 0, 0, 0.32 * u, 1);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
    }

  /* Connectors between the boxes of a row */
  for (guint i = 0; i < L->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (L->lanes, i);

      draw_row_connectors (cr, L, pal, lane, i, FALSE);
      draw_row_connectors (cr, L, pal, lane, i, TRUE);
    }

  /* Boxes */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);
      const cairo_rectangle_t *r = &box->pub.rect;
      const IopColor *zc = box_zone (pal, box);
      double radius = box->pub.kind == IOP_PAINTER_BOX_WIRE ? r->height / 2 : L->radius;
      IopColor fill;

      if (r->width <= 0)
        continue;
      switch ((int)box->pub.kind)
        {
        case IOP_PAINTER_BOX_GUEST:
          fill = mix (&pal->card_bg, &pal->accent, state->dark ? 0.16 : 0.10);
          break;
        case IOP_PAINTER_BOX_DEVICE:
          fill = mix (&pal->card_bg, zc, state->dark ? 0.22 : 0.14);
          break;
        case IOP_PAINTER_BOX_WIRE:
          fill = pal->window_bg;
          break;
        default:
          fill = state->dark ? mix (&pal->card_bg, &pal->fg, 0.06) : pal->card_bg;
        }
      rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
      set_ink (cr, &fill, 1.0);
      cairo_fill (cr);
      set_ink (cr, box->pub.kind == IOP_PAINTER_BOX_GUEST ? &pal->accent : zc,
               state->dark ? 0.55 : 0.45);
      stroke_box (cr, r, radius, L->line_w);
    }

  /* Gauge tracks */
  for (guint i = 0; i < L->gauges->len; i++)
    draw_gauge_track (cr, pal, &g_array_index (L->gauges, GaugeSlot, i));

  /* Caption card */
  rounded_rect (cr, L->caption.x, L->caption.y, L->caption.width, L->caption.height, 1.2 * L->radius);
  set_ink (cr, &pal->card_bg, 1.0);
  cairo_fill (cr);
  set_ink (cr, &pal->card_border, 1.0);
  stroke_box (cr, &L->caption, 1.2 * L->radius, 1.0);

  /* Text */
  for (guint i = 0; i < L->texts->len; i++)
    draw_text_item (cache, L, cr, pal, &g_array_index (L->texts, TextItem, i));

  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                               */

typedef struct
{
  Pt     pts[72];
  double cum[72];
  guint  n;
} Route;

static void
route_push (Route *r,
            Pt     p)
{
  if (r->n >= G_N_ELEMENTS (r->pts))
    return;
  r->cum[r->n] = r->n ? r->cum[r->n - 1] + hypot (p.x - r->pts[r->n - 1].x, p.y - r->pts[r->n - 1].y) : 0;
  r->pts[r->n++] = p;
}

static Pt
route_at (const Route *r,
          double       t)
{
  double s;

  if (r->n == 0)
    return (Pt) { 0, 0 };
  s = CLAMP (t, 0, 1) * r->cum[r->n - 1];
  for (guint i = 1; i < r->n; i++)
    if (s <= r->cum[i])
      {
        double seg = r->cum[i] - r->cum[i - 1];
        double f = seg > 0 ? (s - r->cum[i - 1]) / seg : 0;

        return (Pt) { lerp (r->pts[i - 1].x, r->pts[i].x, f), lerp (r->pts[i - 1].y, r->pts[i].y, f) };
      }
  return r->pts[r->n - 1];
}

static void
route_wire (Route      *r,
            const Wire *w,
            double      s0,
            double      s1)
{
  int steps = 24;

  for (int i = 0; i <= steps; i++)
    route_push (r, wire_point (w, lerp (s0, s1, (double)i / steps)));
}

/* Arc position of step I on wire W, or -1 if the step is not on it */
static double
step_on_wire (IopPainterLayout *L,
              int               i,
              int               wi)
{
  Wire *w = g_ptr_array_index (L->wires, wi);
  Box *box = box_at (L, L->step_box[i]);

  if (box == NULL)
    return -1;
  if (box->wire == wi)
    return box->wire_s;
  if (L->step_box[i] == w->from_box)
    return 0;
  if (L->step_box[i] == w->to_box)
    return wire_length (w);
  return -1;
}

static Pt
step_anchor (IopPainterLayout *L,
             int               i)
{
  if (i < 0 || i >= (int)L->trace->steps->len)
    return L->guest_anchor;
  return L->anchor[i];
}

static void
route_between (IopPainterLayout *L,
               int               a,
               int               b,
               Route            *r)
{
  Pt A = step_anchor (L, a), B = b < 0 && a >= 0 ? L->guest_return : step_anchor (L, b);
  Box *ba = a >= 0 ? box_at (L, L->step_box[a]) : NULL;
  Box *bb = b >= 0 ? box_at (L, L->step_box[b]) : NULL;
  int wi = ba && ba->wire >= 0 ? ba->wire : bb && bb->wire >= 0 ? bb->wire : -1;

  r->n = 0;
  if (wi >= 0 && a >= 0 && b >= 0)
    {
      double sa = step_on_wire (L, a, wi), sb = step_on_wire (L, b, wi);

      if (sa >= 0 && sb >= 0)
        {
          Wire *w = g_ptr_array_index (L->wires, wi);

          if (ba->wire != wi)
            route_push (r, A);
          route_wire (r, w, sa, sb);
          if (bb->wire != wi)
            route_push (r, B);
          return;
        }
    }

  /* Leave and arrive horizontally */
  {
    double k = (B.x - A.x) * 0.5;
    Pt c1 = { A.x + k, A.y }, c2 = { B.x - k, B.y };

    if (fabs (B.y - A.y) < 0.5 || fabs (B.x - A.x) < 0.5)
      {
        route_push (r, A);
        route_push (r, B);
        return;
      }
    for (int i = 0; i <= 24; i++)
      route_push (r, bezier (A, c1, c2, B, i / 24.0));
  }
}

/* Where a token following SEQ is at position P; FALSE if before the sequence */
static gboolean
token_on_seq (IopPainterLayout *L,
              GArray           *seq,
              double            p,
              Pt               *out,
              int              *at)
{
  guint n = seq->len;
  int a, b;
  Route r;

  if (n == 0)
    return FALSE;
  if (p <= g_array_index (seq, int, 0))
    {
      *at = g_array_index (seq, int, 0);
      *out = step_anchor (L, *at);
      return TRUE;
    }
  for (guint k = 0; k + 1 < n; k++)
    {
      a = g_array_index (seq, int, k);
      b = g_array_index (seq, int, k + 1);
      if (p >= a && p < b)
        {
          /* a long gap is a wait (for a path, for the other leg): the token
           * stays put and moves on during the last step only */
          double start = b - a > 3 ? b - 1 : a;
          double f = p < start ? 0.0 : ease ((p - start) / (double)(b - start));

          route_between (L, a, b, &r);
          *out = route_at (&r, f);
          *at = f < 0.5 ? a : b;
          return TRUE;
        }
    }
  *at = g_array_index (seq, int, n - 1);
  *out = step_anchor (L, *at);
  return TRUE;
}

static guint
compute_tokens (IopPainterLayout *L,
                double            p,
                IopPainterToken  *out,
                guint             n_max)
{
  IopTrace *trace = L->trace;
  guint n = 0;
  int last = (int)trace->steps->len - 1;
  int split = trace->split_step, join = trace->join_step;
  int at = -1;
  Pt pt;

#define EMIT(PT, LEG, ALPHA, RAD) G_STMT_START {                          \
    if (n < n_max)                                                      \
      out[n++] = (IopPainterToken) { (PT).x, (PT).y, (LEG), (ALPHA), (RAD), at }; \
  } G_STMT_END

  if (last < 0)
    return 0;
  p = CLAMP (p, -1.0, (double)last);

  if (p < 0)
    {
      Route r;

      route_between (L, -1, 0, &r);
      pt = route_at (&r, ease (p + 1.0));
      EMIT (pt, -1, 1.0, L->token_r);
      return n;
    }

  if (L->n_legs == 0 || split < 0 || p < split || (join >= 0 && p >= join))
    {
      gboolean whole = L->n_legs == 0 || split < 0;
      g_autoptr(GArray) seq = g_array_new (FALSE, FALSE, sizeof (int));

      /* the main token does not fly from the fan-out to the join */
      for (guint i = 0; i < L->main_seq->len; i++)
        {
          int s = g_array_index (L->main_seq, int, i);

          if (whole || (p < split && s <= split) || (p >= join && s >= join))
            g_array_append_val (seq, s);
        }
      if (token_on_seq (L, seq, p, &pt, &at))
        {
          int lm = seq->len ? g_array_index (seq, int, seq->len - 1) : last;

          /* done: the completion goes home to the guest while the rest cleans up */
          if ((whole || p >= join) && p > lm)
            {
              Route r;

              route_between (L, lm, -1, &r);
              pt = route_at (&r, ease (MIN (p - lm, 1.0)));
              if (p - lm >= 0.5)
                at = -1;
            }
          EMIT (pt, -1, 1.0, L->token_r);
        }

      /* late cleanup shows where it happens, with a smaller token */
      if (whole || p >= join)
        for (int e = N_LEGS_MAX; e >= 0; e--)
          {
            GArray *echo = L->echo_seq[e];
            int first;
            double alpha;

            if (echo->len == 0)
              continue;
            first = g_array_index (echo, int, 0);
            if (p < first - 0.5)
              continue;
            alpha = ease ((p - (first - 0.5)) / 0.5);
            token_on_seq (L, echo, p, &pt, &at);
            EMIT (pt, e - 1, alpha, 0.8 * L->token_r);
          }
      return n;
    }

  for (int leg = L->n_legs - 1; leg >= 0; leg--)
    if (token_on_seq (L, L->leg_seq[leg], p, &pt, &at))
      EMIT (pt, leg, 1.0, L->token_r);
#undef EMIT
  return n;
}

static const IopColor *
token_color (const IopPalette *pal,
             int               leg)
{
  return leg < 0 ? &pal->token : &pal->leg[MIN (leg, 1)];
}

static void
draw_token (cairo_t               *cr,
            const IopPalette      *pal,
            const IopPainterToken *t)
{
  const IopColor *c = token_color (pal, t->leg);
  cairo_pattern_t *glow;
  double r = t->radius;

  glow = cairo_pattern_create_radial (t->x, t->y, r * 0.6, t->x, t->y, r * 2.8);
  cairo_pattern_add_color_stop_rgba (glow, 0, c->red, c->green, c->blue, 0.45 * t->alpha);
  cairo_pattern_add_color_stop_rgba (glow, 0.45, c->red, c->green, c->blue, 0.16 * t->alpha);
  cairo_pattern_add_color_stop_rgba (glow, 1, c->red, c->green, c->blue, 0);
  cairo_set_source (cr, glow);
  cairo_arc (cr, t->x, t->y, r * 2.8, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pattern_destroy (glow);

  cairo_arc (cr, t->x, t->y, r + 1.5, 0, 2 * G_PI);
  set_ink (cr, &pal->card_bg, t->alpha);
  cairo_fill (cr);
  cairo_arc (cr, t->x, t->y, r, 0, 2 * G_PI);
  set_ink (cr, c, t->alpha);
  cairo_fill (cr);
}

/* ------------------------------------------------------------------ */
/* The dynamic layer                                                    */

static int
box_first_step (const Box *box)
{
  return box->steps->len ? g_array_index (box->steps, int, 0) : G_MAXINT;
}

static int
box_last_step (const Box *box)
{
  return box->steps->len ? g_array_index (box->steps, int, box->steps->len - 1) : -1;
}

static gboolean
box_has_step (const Box *box,
              int        step)
{
  for (guint i = 0; i < box->steps->len; i++)
    if (g_array_index (box->steps, int, i) == step)
      return TRUE;
  return FALSE;
}

static void
draw_pips (cairo_t          *cr,
           IopPainterLayout *L,
           const IopPalette *pal,
           const Box        *box,
           int               cur)
{
  double r = 0.21 * L->u;
  gboolean two = (box->leg_mask & 3) == 3;

  for (guint i = 0; i < box->steps->len; i++)
    {
      int s = g_array_index (box->steps, int, i);
      IopStep *st = iop_trace_step (L->trace, s);
      Pt a = L->anchor[s];
      const IopColor *zc = box_zone (pal, box);

      if (box->pub.kind == IOP_PAINTER_BOX_WIRE)
        continue;
      if (two && st->leg < 0)
        a.y = box->pip_y;
      cairo_arc (cr, a.x, a.y, two ? 0.8 * r : r, 0, 2 * G_PI);
      if (s < cur)
        {
          set_ink (cr, zc, 0.85);
          cairo_fill (cr);
        }
      else if (s == cur)
        {
          set_ink (cr, &pal->accent, 1.0);
          cairo_fill (cr);
        }
      else
        {
          set_ink (cr, zc, 0.6);
          cairo_set_line_width (cr, L->line_w);
          cairo_stroke (cr);
        }
      if (st->waited && s <= cur)
        {
          cairo_arc (cr, a.x, a.y, 1.9 * r, 0, 2 * G_PI);
          set_ink (cr, &pal->warning, 1.0);
          cairo_set_line_width (cr, 1.5 * L->line_w);
          cairo_stroke (cr);
        }
    }
}

static void
draw_gauge_level (IopPainterCache  *cache,
                  cairo_t          *cr,
                  IopPainterLayout *L,
                  const IopPalette *pal,
                  const GaugeSlot  *slot,
                  double            p,
                  gboolean          hover)
{
  IopGauge *g = g_ptr_array_index (L->trace->gauges, slot->gauge);
  int s = (int)floor (p);
  gint64 now = iop_trace_level (L->trace, s, slot->gauge);
  gint64 before = iop_trace_level (L->trace, s - 1, slot->gauge);
  gboolean changed = s >= 0 && now != before;
  double f = ease ((p - s) / 0.35);
  double shown = s >= 0 ? lerp (before, now, f) : now;
  double cap = MAX (g->capacity, 1);
  const cairo_rectangle_t *b = &slot->bar;
  const IopColor *zc = &pal->zone[g->place];
  double fill_w = b->width * CLAMP (shown / cap, 0, 1);
  double in_use_min = MAX (2.0, 0.2 * L->u);
  g_autofree char *num = format_level (now, g->capacity, slot->tier);

  /* level */
  if (fill_w > 0)
    {
      /* never let a huge pool's few taken objects vanish: keep a visible gap */
      if (shown < cap && b->width - fill_w < in_use_min)
        fill_w = MAX (b->width - in_use_min, 0);
      cairo_save (cr);
      rounded_rect (cr, b->x, b->y, b->width, b->height, b->height / 2);
      cairo_clip (cr);
      cairo_rectangle (cr, b->x, b->y, fill_w, b->height);
      set_ink (cr, zc, shown / cap < 0.1 ? 1.0 : 0.75);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  if (shown / cap < 0.1)
    {
      set_ink (cr, &pal->warning, 1.0);
      stroke_box (cr, b, b->height / 2, 1.0);
    }

  /* the change at this step: a tick at the level and the delta */
  if (changed)
    {
      double pulse = 1.0 - ease ((p - s) / 1.0) * 0.5;
      g_autofree char *delta = g_strdup_printf (now > before ? "+%" PRId64 : "−%" PRId64,
                                                ABS (now - before));
      double dw;

      set_ink (cr, &pal->accent, pulse);
      cairo_rectangle (cr, b->x + fill_w - 1, b->y - 0.2 * L->u, 2, b->height + 0.4 * L->u);
      cairo_fill (cr);

      measure (cache, L->fonts[FONT_BADGE], delta, &dw, NULL);
      show_text (cache, cr, L->fonts[FONT_BADGE], delta, slot->numbers.x - dw - 0.4 * L->u,
                 slot->numbers.y, dw + 1, PANGO_ALIGN_LEFT, &pal->accent, 1.0, TRUE);
    }

  show_text (cache, cr, L->fonts[FONT_NUMBERS], num, slot->numbers.x - 2, slot->numbers.y,
             slot->numbers.width + 2, PANGO_ALIGN_RIGHT, changed ? &pal->accent : &pal->dim_fg, 1.0, TRUE);

  if (hover || changed)
    {
      cairo_rectangle_t r = { slot->rect.x - 0.3 * L->u, slot->rect.y - 0.2 * L->u,
                              slot->rect.width + 0.6 * L->u, slot->rect.height + 0.4 * L->u };

      set_ink (cr, &pal->accent, hover ? 0.8 : 0.35);
      stroke_box (cr, &r, 0.6 * L->radius, L->line_w);
    }
}

static char *
step_where (IopTrace *trace,
            IopStep  *st)
{
  if (st->place == IOP_PLACE_NETWORK)
    return g_strdup (_("Network"));
  if (st->place == IOP_PLACE_STORAGE)
    {
      if (trace->scenario && trace->scenario->hosts[IOP_HOST_STORAGE].instances > 1)
        return g_strdup_printf (_("Storage node %c"), leg_letter (st->node));
      return g_strdup (iop_host_label (IOP_HOST_STORAGE));
    }
  return g_strdup (iop_host_label (IOP_HOST_BAREMETAL));
}

static void
draw_caption (IopPainterCache  *cache,
              cairo_t          *cr,
              IopPainterLayout *L,
              const IopPalette *pal,
              double            p)
{
  IopTrace *trace = L->trace;
  int n = trace->steps->len;
  int s = CLAMP ((int)floor (p), -1, n - 1);
  double u = L->u;
  g_autofree char *badge = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *t_text = NULL;
  g_autofree char *d_text = NULL;

  if (s < 0)
    {
      IopScenario *sc = trace->scenario;
      g_autofree char *size = g_format_size_full (sc ? sc->io_size : 0, G_FORMAT_SIZE_IEC_UNITS);

      badge = g_strdup (_("Ready"));
      title = g_strdup (_("The guest rings the doorbell"));
      /* TRANSLATORS: "one write of 4.0 KiB · 69 steps · 30.5 µs end to end" */
      detail = g_strdup_printf (_("One %s of %s · %d steps · %.1f µs end to end"),
                                sc && sc->op == IOP_OP_READ ? _("read") : _("write"),
                                size, n, trace->end_ns / 1000.0);
      /* TRANSLATORS: a time in microseconds */
      t_text = g_strdup_printf (_("%.2f µs"), 0.0);
    }
  else
    {
      IopStep *st = iop_trace_step (trace, s);
      g_autofree char *where = step_where (trace, st);
      GString *d = g_string_new (NULL);

      badge = g_strdup_printf (_("Step %d of %d"), s + 1, n);
      title = g_strdup (st->title ? st->title : st->key);
      if (st->function)
        g_string_append_printf (d, "%s()", st->function);
      if (st->thread)
        g_string_append_printf (d, "%s%s", d->len ? "  ·  " : "", st->thread);
      if (st->core >= 0)
        {
          g_autofree char *core = g_strdup_printf (_("core %d"), st->core);
          g_string_append_printf (d, "  ·  %s", core);
        }
      g_string_append_printf (d, "%s%s", d->len ? "  ·  " : "", where);
      if (st->leg >= 0)
        {
          g_autofree char *leg = g_strdup_printf (_("leg %c"), leg_letter (st->leg));
          g_string_append_printf (d, "  ·  %s", leg);
        }
      detail = g_string_free (d, FALSE);
      if (st->t_ns >= G_GINT64_CONSTANT (10000000))
        /* TRANSLATORS: a time in seconds, for steps of a fault that lasts */
        t_text = g_strdup_printf (_("%.3f s"), st->t_ns / 1e9);
      else
        t_text = iop_format_step_time (st->t_ns);
      if (st->dur_ns >= G_GINT64_CONSTANT (10000000))
        /* TRANSLATORS: how long a step takes, in seconds */
        d_text = g_strdup_printf (_("took %.3f s"), st->dur_ns / 1e9);
      else
        /* TRANSLATORS: how long a step takes, "took 0.12 µs" */
        d_text = g_strdup_printf (_("took %.2f µs"), st->dur_ns / 1000.0);
    }

  /* step badge */
  rounded_rect (cr, L->cap_badge.x, L->cap_badge.y, L->cap_badge.width, L->cap_badge.height, L->cap_badge.height / 2);
  set_ink (cr, &pal->accent, 0.15);
  cairo_fill (cr);
  show_text (cache, cr, L->fonts[FONT_BADGE], badge, L->cap_badge.x + 0.4 * u,
             L->cap_badge.y + (L->cap_badge.height - L->lh[FONT_BADGE]) / 2, L->cap_badge.width - 0.8 * u,
             PANGO_ALIGN_CENTER, &pal->fg, 1.0, TRUE);

  show_text (cache, cr, L->fonts[FONT_CAPTION_TITLE], title, L->cap_title.x, L->cap_title.y,
             L->cap_title.width, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
  show_text (cache, cr, L->fonts[FONT_CAPTION], detail, L->cap_detail.x, L->cap_detail.y,
             L->cap_detail.width, PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);

  show_text (cache, cr, L->fonts[FONT_CAPTION_TITLE], t_text, L->cap_time.x, L->cap_time.y,
             L->cap_time.width, PANGO_ALIGN_RIGHT, &pal->fg, 1.0, TRUE);
  if (d_text)
    show_text (cache, cr, L->fonts[FONT_CAPTION], d_text, L->cap_time.x,
               L->cap_time.y + L->lh[FONT_CAPTION_TITLE] + 0.2 * u, L->cap_time.width,
               PANGO_ALIGN_RIGHT, &pal->dim_fg, 1.0, TRUE);

  /* legend for the two legs */
  if (L->cap_legend.width > 0)
    {
      double lx = L->cap_legend.x, ly = L->cap_legend.y + L->cap_legend.height / 2;
      double half = (L->cap_legend.width - 0.4 * u) / 2;

      for (int leg = 0; leg < 2; leg++)
        {
          g_autofree char *name = g_strdup_printf (_("Replica %c"), leg_letter (leg));
          double x = lx + leg * (half + 0.4 * u);

          cairo_arc (cr, x + 0.5 * u, ly, 0.38 * u, 0, 2 * G_PI);
          set_ink (cr, &pal->leg[leg], 1.0);
          cairo_fill (cr);
          show_text (cache, cr, L->fonts[FONT_CAPTION], name, x + 1.2 * u, ly - L->lh[FONT_CAPTION] / 2,
                     half - 1.2 * u, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Faults: broken links, controllers, countdowns, a leg out of the array */

/* Virtual time at playhead P: between two steps it runs on, so countdowns move */
static gint64
time_at (IopTrace *trace,
         double    p)
{
  int n = trace->steps->len;
  int s = CLAMP ((int)floor (p), 0, n - 1);
  IopStep *a, *b;
  double f;

  if (n == 0)
    return 0;
  a = iop_trace_step (trace, s);
  if (p < 0 || s + 1 >= n)
    return p < 0 ? trace->start_ns : a->t_ns;
  b = iop_trace_step (trace, s + 1);
  f = CLAMP (p - s, 0.0, 1.0);
  return a->t_ns + (gint64)(f * (double)(b->t_ns - a->t_ns));
}

static char *
countdown (gint64 ns)
{
  if (ns >= G_GINT64_CONSTANT (10000000000))
    /* TRANSLATORS: a countdown in whole seconds */
    return g_strdup_printf (_("%.0f s"), ns / 1e9);
  /* TRANSLATORS: a countdown in seconds */
  return g_strdup_printf (_("%.1f s"), MAX (ns, 0) / 1e9);
}

static void
draw_break (cairo_t          *cr,
            IopPainterLayout *L,
            const IopPalette *pal,
            double            y,
            gboolean          all_paths)
{
  double u = L->u;
  double cx = L->network.x + L->network.width / 2;
  double r = (all_paths ? 0.75 : 0.55) * u;
  const double dash[] = { 0.4 * u, 0.3 * u };

  /* the link, broken in the middle */
  cairo_save (cr);
  set_ink (cr, &pal->warning, all_paths ? 0.9 : 0.6);
  cairo_set_line_width (cr, (all_paths ? 3 : 2) * L->line_w);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, L->network.x + 0.3 * u, y);
  cairo_line_to (cr, cx - 1.6 * r, y);
  cairo_move_to (cr, cx + 1.6 * r, y);
  cairo_line_to (cr, L->network.x + L->network.width - 0.3 * u, y);
  cairo_stroke (cr);
  cairo_restore (cr);
  /* and a cross where it broke */
  cairo_arc (cr, cx, y, r, 0, 2 * G_PI);
  set_ink (cr, &pal->card_bg, 1.0);
  cairo_fill_preserve (cr);
  set_ink (cr, &pal->warning, 1.0);
  cairo_set_line_width (cr, 2 * L->line_w);
  cairo_stroke (cr);
  cairo_move_to (cr, cx - 0.45 * r, y - 0.45 * r);
  cairo_line_to (cr, cx + 0.45 * r, y + 0.45 * r);
  cairo_move_to (cr, cx + 0.45 * r, y - 0.45 * r);
  cairo_line_to (cr, cx - 0.45 * r, y + 0.45 * r);
  cairo_stroke (cr);
}

static void
draw_faults (IopPainterCache  *cache,
             cairo_t          *cr,
             IopPainterLayout *L,
             const IopPalette *pal,
             double            p)
{
  IopTrace *trace = L->trace;
  IopScenario *sc = trace->scenario;
  double u = L->u;
  gint64 t = time_at (trace, p);
  double card_h, room;
  double x = L->network.x + 0.3 * u, w = L->network.width - 0.6 * u;
  double y;
  /* the network's title and subtitle end here */
  double title_bottom = L->network.y + 0.85 * u + L->lh[FONT_TITLE]
                        + (show_subtitles (L) ? 0.1 * u + L->lh[FONT_SUBTITLE] : 0);
  guint n_cards = 0, n_fit, n_drawn = 0;
  gboolean compact;

  if (!iop_trace_has_faults (trace) || L->network.width <= 0)
    return;

  /* The broken links first, under the cards; and count the cards: they
   * stack up from the bottom of the network zone */
  for (guint l = 0; l < sc->raid_legs; l++)
    {
      IopLegState ls;
      guint down = 0;
      int hi = 1 + (sc->hosts[IOP_HOST_STORAGE].instances > 1 ? (int)l : 0);

      iop_trace_leg_state_at (trace, l, t, &ls);
      n_cards += ls.held > 0;
      for (guint pa = 0; pa < sc->paths_per_leg; pa++)
        {
          IopPathState ps;
          if (!iop_trace_path_state_at (trace, l, pa, t, &ps))
            continue;
          down += !ps.link_up;
          if (!ps.link_up || ps.state != IOP_CTRLR_CONNECTED || !ps.qpair_up)
            n_cards++;
        }
      if (hi < (int)L->hosts->len && down > 0)
        {
          Host *node = g_ptr_array_index (L->hosts, hi);

          /* level with the node's title, above the wires' pills; under the
           * network's own title when the node's card starts as high */
          draw_break (cr, L, pal, MAX (node->rect.y + 1.5 * u, title_bottom + 1.0 * u),
                      down == sc->paths_per_leg);
        }
    }
  /* they stay under the network's title: on a short canvas they lose their
   * last two lines, and those that still do not fit are left out */
  room = L->network.y + L->network.height - title_bottom - 0.3 * u;
  compact = n_cards * (4 * L->lh[FONT_GAUGE] + 1.2 * u) > room;
  card_h = (compact ? 2 : 4) * L->lh[FONT_GAUGE] + 0.9 * u;
  n_fit = (guint)count_floor (room / (card_h + 0.3 * u), 0, (int)n_cards);
  y = L->network.y + L->network.height - 0.3 * u - n_fit * (card_h + 0.3 * u);

  for (guint l = 0; l < sc->raid_legs; l++)
    {
      IopLegState ls;
      Host *node = NULL;
      int hi = 1 + (sc->hosts[IOP_HOST_STORAGE].instances > 1 ? (int)l : 0);

      if (hi < (int)L->hosts->len)
        node = g_ptr_array_index (L->hosts, hi);
      iop_trace_leg_state_at (trace, l, t, &ls);

      for (guint pa = 0; pa < sc->paths_per_leg; pa++)
        {
          IopPathState ps;
          g_autofree char *head = NULL;
          g_autofree char *what = NULL;
          g_autofree char *when = NULL;
          gboolean bad;

          if (!iop_trace_path_state_at (trace, l, pa, t, &ps))
            continue;
          bad = !ps.link_up || ps.state != IOP_CTRLR_CONNECTED || !ps.qpair_up;
          if (!bad || n_drawn >= n_fit)
            continue;
          n_drawn++;
          /* TRANSLATORS: a path of a RAID replica, "Replica B · path 0" */
          head = g_strdup_printf (_("Replica %c · path %u"), leg_letter ((int)l), pa);
          what = g_strdup (ps.state == IOP_CTRLR_CONNECTED && !ps.qpair_up ? _("not noticed yet")
                           : iop_ctrlr_state_label (ps.state));
          if (ps.next_attempt_ns > t && ps.state == IOP_CTRLR_DELAYED)
            {
              g_autofree char *c = countdown (ps.next_attempt_ns - t);
              g_free (what);
              /* TRANSLATORS: waiting for the next reconnect attempt, with a countdown */
              what = g_strdup_printf (_("retry in %s"), c);
            }
          if (ps.state == IOP_CTRLR_DELETED)
            when = g_strdup (_("needs a new attach"));
          else if (ps.fast_fail_at_ns > t)
            {
              g_autofree char *c = countdown (ps.fast_fail_at_ns - t);
              /* TRANSLATORS: countdown to fast_io_fail_timeout_sec */
              when = g_strdup_printf (_("I/O fails in %s"), c);
            }
          else if (ps.loss_at_ns > t)
            {
              g_autofree char *c = countdown (ps.loss_at_ns - t);
              /* TRANSLATORS: countdown to ctrlr_loss_timeout_sec */
              when = g_strdup_printf (_("deleted in %s"), c);
            }
          rounded_rect (cr, x, y, w, card_h, L->radius);
          set_ink (cr, &pal->card_bg, 0.96);
          cairo_fill_preserve (cr);
          set_ink (cr, ps.state == IOP_CTRLR_DELETED ? &pal->dim_fg : &pal->warning, 0.9);
          cairo_set_line_width (cr, 1.5 * L->line_w);
          cairo_stroke (cr);
          show_text (cache, cr, L->fonts[FONT_SECTION], head, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
                     PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
          if (compact)
            show_text (cache, cr, L->fonts[FONT_GAUGE], what, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
                       PANGO_ALIGN_LEFT, ps.link_up ? &pal->dim_fg : &pal->warning, 1.0, FALSE);
          else
            {
              show_text (cache, cr, L->fonts[FONT_GAUGE], ps.link_up ? _("link up") : _("link down"),
                         x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE], w - 0.7 * u,
                         PANGO_ALIGN_LEFT, ps.link_up ? &pal->dim_fg : &pal->warning, 1.0, FALSE);
              show_text (cache, cr, L->fonts[FONT_GAUGE], what, x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE], w - 0.7 * u,
                         PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
              show_text (cache, cr, L->fonts[FONT_GAUGE], when, x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE], w - 0.7 * u,
                         PANGO_ALIGN_LEFT, &pal->fg, 1.0, TRUE);
            }
          y += card_h + 0.3 * u;
        }

      if (ls.held > 0 && n_drawn < n_fit)
        {
          /* TRANSLATORS: I/Os held in bdev_nvme's retry queue */
          g_autofree char *held = g_strdup_printf (ngettext ("%u I/O waits", "%u I/Os wait", ls.held), ls.held);
          /* TRANSLATORS: follows "3 I/Os wait" */
          g_autofree char *forr = g_strdup_printf (_("for replica %c"), leg_letter ((int)l));
          /* opaque, as the path cards: wires and pills stay under it */
          rounded_rect (cr, x, y, w, card_h, L->radius);
          set_ink (cr, &pal->card_bg, 0.96);
          cairo_fill_preserve (cr);
          set_ink (cr, &pal->warning, 0.16);
          cairo_fill (cr);
          show_text (cache, cr, L->fonts[FONT_SECTION], held, x + 0.35 * u, y + 0.3 * u, w - 0.7 * u,
                     PANGO_ALIGN_LEFT, &pal->fg, 1.0, TRUE);
          show_text (cache, cr, L->fonts[FONT_GAUGE], forr, x + 0.35 * u, y + 0.3 * u + L->lh[FONT_GAUGE],
                     w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->fg, 1.0, FALSE);
          if (!compact)
            {
              show_text (cache, cr, L->fonts[FONT_GAUGE], _("in the retry queue,"), x + 0.35 * u, y + 0.3 * u + 2 * L->lh[FONT_GAUGE],
                         w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
              show_text (cache, cr, L->fonts[FONT_GAUGE], _("retried every second"), x + 0.35 * u, y + 0.3 * u + 3 * L->lh[FONT_GAUGE],
                         w - 0.7 * u, PANGO_ALIGN_LEFT, &pal->dim_fg, 1.0, FALSE);
            }
          n_drawn++;
          y += card_h + 0.3 * u;
        }

      if (node != NULL && ls.removed)
        {
          const cairo_rectangle_t *r = &node->rect;
          double bh = 2.6 * L->lh[FONT_SECTION];

          rounded_rect (cr, r->x, r->y, r->width, r->height, 1.2 * L->radius);
          set_ink (cr, &pal->window_bg, 0.72);
          cairo_fill (cr);
          rounded_rect (cr, r->x + 0.5 * u, r->y + r->height / 2 - bh / 2, r->width - u, bh, L->radius);
          set_ink (cr, &pal->card_bg, 1.0);
          cairo_fill_preserve (cr);
          set_ink (cr, &pal->dim_fg, 0.8);
          cairo_set_line_width (cr, 1.5 * L->line_w);
          cairo_stroke (cr);
          {
            /* TRANSLATORS: shown over a storage node whose replica RAID1 dropped */
            g_autofree char *msg = g_strdup_printf (_("Replica %c is out of the array: RAID1 runs degraded"), leg_letter ((int)l));
            show_text (cache, cr, L->fonts[FONT_SECTION], msg, r->x + u, r->y + r->height / 2 - L->lh[FONT_SECTION],
                       r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->fg, 1.0, FALSE);
            show_text (cache, cr, L->fonts[FONT_GAUGE], _("writes go to the other replica only; this one needs a rebuild"),
                       r->x + u, r->y + r->height / 2 + 0.1 * u, r->width - 2 * u, PANGO_ALIGN_CENTER, &pal->dim_fg, 1.0, FALSE);
          }
        }
    }
}

void
iop_painter_draw_dynamic (cairo_t             *cr,
                          double               width,
                          double               height,
                          IopTrace            *trace,
                          const IopPaintState *state)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  IopPainterLayout *L;
  IopPainterToken tokens[8];
  guint n_tokens;
  double p;
  int cur;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);

  if (cache == NULL)
    cache = own = iop_painter_cache_new ();
  width = sane_side (width);
  height = sane_side (height);
  L = iop_painter_cache_get_layout (cache, trace, width, height, state);
  p = sane_position (trace, state->position);
  cur = (int)floor (p);

  cairo_save (cr);
  clip_unless_fits (cr, L);
  begin_text (cache, cr);
  n_tokens = compute_tokens (L, p, tokens, G_N_ELEMENTS (tokens));

  /* Boxes: pips, then finished ones veiled, the current one lit */
  for (guint b = 0; b < L->boxes->len; b++)
    {
      Box *box = g_ptr_array_index (L->boxes, b);
      const cairo_rectangle_t *r = &box->pub.rect;
      double radius = box->pub.kind == IOP_PAINTER_BOX_WIRE ? r->height / 2 : L->radius;
      gboolean current = box_has_step (box, cur);
      gboolean done = box->steps->len > 0 && box_last_step (box) < cur;
      gboolean hover = state->hover_step >= 0 && box_has_step (box, state->hover_step);
      const IopPainterToken *holder = NULL;

      for (guint t = 0; t < n_tokens; t++)
        if (tokens[t].alpha > 0.5 && tokens[t].step >= 0 && L->step_box[tokens[t].step] == (int)b)
          holder = &tokens[t];
      if (holder == NULL && box->pub.kind == IOP_PAINTER_BOX_GUEST && n_tokens > 0 && tokens[0].step < 0)
        holder = &tokens[0];

      if (r->width <= 0)
        continue;
      draw_pips (cr, L, pal, box, cur);

      if (done)
        {
          rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, &pal->card_bg, 0.5);
          cairo_fill (cr);
        }
      if (current)
        {
          rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, &pal->accent, state->dark ? 0.18 : 0.12);
          cairo_fill (cr);
          set_ink (cr, &pal->accent, 1.0);
          stroke_box (cr, r, radius, 2 * L->line_w);
        }
      else if (holder != NULL)
        {
          /* where the other leg is */
          const IopColor *tc = token_color (pal, holder->leg);

          rounded_rect (cr, r->x, r->y, r->width, r->height, radius);
          set_ink (cr, tc, state->dark ? 0.14 : 0.09);
          cairo_fill (cr);
          set_ink (cr, tc, 0.9);
          stroke_box (cr, r, radius, 2 * L->line_w);
        }
      else if (hover)
        {
          set_ink (cr, &pal->accent, 0.6);
          stroke_box (cr, r, radius, L->line_w);
        }
    }

  /* Gauges */
  for (guint i = 0; i < L->gauges->len; i++)
    {
      GaugeSlot *slot = &g_array_index (L->gauges, GaugeSlot, i);

      draw_gauge_level (cache, cr, L, pal, slot, p, (int)slot->gauge == state->hover_gauge);
    }

  draw_faults (cache, cr, L, pal, p);
  draw_caption (cache, cr, L, pal, p);

  /* Tokens last, on top of everything */
  for (guint i = 0; i < n_tokens; i++)
    draw_token (cr, pal, &tokens[i]);

  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* Public API                                                           */

void
iop_painter_draw (cairo_t             *cr,
                  double               width,
                  double               height,
                  IopTrace            *trace,
                  const IopPaintState *state)
{
  IopPainterCache *cache = state->cache;
  const IopPalette *pal = state->palette ? state->palette : iop_palette_get (state->dark);
  cairo_surface_t *target;
  double scale;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (trace != NULL);
  g_return_if_fail (state != NULL);

  target = cairo_get_target (cr);
  width = sane_side (width);
  height = sane_side (height);
  /* as many pixels as the target has per unit: HiDPI and any cairo_scale () */
  scale = device_scale (cr);
  if (cache == NULL || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      !(width * scale <= 32767 && height * scale <= 32767))
    {
      /* vector output, no cache, or a layer too big to keep: everything in one go */
      iop_painter_draw_static (cr, width, height, trace, state);
      iop_painter_draw_dynamic (cr, width, height, trace, state);
      return;
    }

  iop_painter_cache_get_layout (cache, trace, width, height, state);
  if (cache->static_surface == NULL || cache->static_palette != pal || cache->static_scale != scale)
    {
      cairo_t *scr;

      g_clear_pointer (&cache->static_surface, cairo_surface_destroy);
      cache->static_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                          (int)ceil (width * scale),
                                                          (int)ceil (height * scale));
      cairo_surface_set_device_scale (cache->static_surface, scale, scale);
      scr = cairo_create (cache->static_surface);
      iop_painter_draw_static (scr, width, height, trace, state);
      cairo_destroy (scr);
      cache->static_palette = pal;
      cache->static_scale = scale;
    }

  cairo_save (cr);
  cairo_set_source_surface (cr, cache->static_surface, 0, 0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
  iop_painter_draw_dynamic (cr, width, height, trace, state);
}

static IopPainterLayout *
layout_for (IopTrace            *trace,
            double               width,
            double               height,
            const IopPaintState *state,
            IopPainterCache    **own)
{
  IopPainterCache *cache = state->cache;

  if (cache == NULL)
    cache = *own = iop_painter_cache_new ();
  return iop_painter_cache_get_layout (cache, trace, width, height, state);
}

static int
hit_box (IopPainterLayout *L,
         double            x,
         double            y)
{
  /* pills and stage boxes never overlap; walk backwards so pills win over wires */
  for (int b = L->boxes->len - 1; b >= 0; b--)
    {
      Box *box = g_ptr_array_index (L->boxes, b);

      if (rect_contains (&box->pub.rect, x, y))
        return b;
    }
  return -1;
}

int
iop_painter_hit_step (IopTrace            *trace,
                      double               width,
                      double               height,
                      const IopPaintState *state,
                      double               x,
                      double               y)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);
  Box *box = box_at (L, hit_box (L, x, y));
  int cur = (int)floor (sane_position (trace, state->position));

  if (box == NULL || box->steps->len == 0)
    return -1;
  for (guint i = 0; i < box->steps->len; i++)
    if (g_array_index (box->steps, int, i) > cur)
      return g_array_index (box->steps, int, i);
  return g_array_index (box->steps, int, 0);
}

static int
hit_gauge (IopPainterLayout *L,
           double            x,
           double            y)
{
  for (guint i = 0; i < L->gauges->len; i++)
    {
      GaugeSlot *slot = &g_array_index (L->gauges, GaugeSlot, i);
      cairo_rectangle_t r = { slot->rect.x - 0.3 * L->u, slot->rect.y - 0.25 * L->u,
                              slot->rect.width + 0.6 * L->u, slot->rect.height + 0.5 * L->u };

      if (rect_contains (&r, x, y))
        return slot->gauge;
    }
  return -1;
}

int
iop_painter_hit_gauge (IopTrace            *trace,
                       double               width,
                       double               height,
                       const IopPaintState *state,
                       double               x,
                       double               y)
{
  g_autoptr(IopPainterCache) own = NULL;

  return hit_gauge (layout_for (trace, width, height, state, &own), x, y);
}

static const char *
gauge_kind_label (IopGaugeKind kind)
{
  switch (kind)
    {
    case IOP_GAUGE_CENTRAL: return _("Central iobuf pool: buffers shared by every thread");
    case IOP_GAUGE_CACHE: return _("Per-thread cache: served without touching the central pool");
    case IOP_GAUGE_MEMPOOL: return _("Global mempool");
    case IOP_GAUGE_SLOTS: return _("Bounded request slots");
    default: return "";
    }
}

char *
iop_painter_describe (IopTrace            *trace,
                      double               width,
                      double               height,
                      const IopPaintState *state,
                      double               x,
                      double               y,
                      cairo_rectangle_t   *area)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);
  int cur = CLAMP ((int)floor (sane_position (trace, state->position)), -1, (int)trace->steps->len - 1);
  int gauge = hit_gauge (L, x, y);
  Box *box;
  GString *s;

  if (gauge >= 0)
    {
      IopGauge *g = g_ptr_array_index (trace->gauges, gauge);
      gint64 level = iop_trace_level (trace, cur, gauge);
      g_autofree char *lv = format_level (level, g->capacity, 0);
      g_autofree char *used = iop_format_count (g->capacity - level);
      int slot = L->gauge_slot[gauge];

      s = g_string_new (g->label);
      if (g->owner)
        g_string_append_printf (s, " — %s", g->owner);
      g_string_append_printf (s, "\n%s", gauge_kind_label (g->kind));
      if (cur >= 0)
        /* TRANSLATORS: "Available after step 12: 125 / 128 (3 in use)" */
        g_string_append_printf (s, _("\nAvailable after step %d: %s (%s in use)"), cur + 1, lv, used);
      else
        g_string_append_printf (s, _("\nAvailable before the I/O: %s (%s in use)"), lv, used);
      if (g->knob)
        g_string_append_printf (s, _("\nSized by %s"), g->knob);
      if (area && slot >= 0)
        *area = g_array_index (L->gauges, GaugeSlot, slot).rect;
      return g_string_free (s, FALSE);
    }

  box = box_at (L, hit_box (L, x, y));
  if (box == NULL)
    return NULL;
  if (area)
    *area = box->pub.rect;

  if (box->pub.kind == IOP_PAINTER_BOX_GUEST)
    return g_strdup (_("Guest VM\nIts NVMe driver writes the command into a submission queue in shared memory and rings the doorbell; the completion comes back the same way."));

  s = g_string_new (box->label);
  {
    IopStep *first = iop_trace_step (trace, box_first_step (box));
    g_autofree char *where = step_where (trace, first);

    g_string_append_printf (s, " — %s", where);
    if (first->thread)
      {
        if (first->core >= 0)
          g_string_append_printf (s, _("\n%s · core %d"), first->thread, first->core);
        else
          g_string_append_printf (s, "\n%s", first->thread);
      }
  }
  for (guint i = 0; i < box->steps->len; i++)
    {
      int si = g_array_index (box->steps, int, i);
      IopStep *st = iop_trace_step (trace, si);

      g_string_append_printf (s, "\n%s %d. %s", si == cur ? "▸" : "  ", si + 1, st->title ? st->title : st->key);
      if (st->function)
        g_string_append_printf (s, " — %s()", st->function);
      if (st->leg >= 0)
        g_string_append_printf (s, " [%c]", leg_letter (st->leg));
      for (guint a = 0; a < st->allocs->len; a++)
        {
          IopObjectEvent *ev = &g_array_index (st->allocs, IopObjectEvent, a);

          if (ev->gauge >= 0 && ev->gauge < (int)trace->gauges->len)
            {
              IopGauge *g = g_ptr_array_index (trace->gauges, ev->gauge);
              g_autofree char *lv = format_level (ev->after, g->capacity, 0);

              g_string_append_printf (s, _("\n      takes from %s: %s"), g->label, lv);
            }
        }
      for (guint a = 0; a < st->frees->len; a++)
        {
          IopObjectEvent *ev = &g_array_index (st->frees, IopObjectEvent, a);

          if (ev->gauge >= 0 && ev->gauge < (int)trace->gauges->len)
            {
              IopGauge *g = g_ptr_array_index (trace->gauges, ev->gauge);
              g_autofree char *lv = format_level (ev->after, g->capacity, 0);

              g_string_append_printf (s, _("\n      returns to %s: %s"), g->label, lv);
            }
        }
    }
  return g_string_free (s, FALSE);
}

guint
iop_painter_token_positions (IopTrace            *trace,
                             double               width,
                             double               height,
                             const IopPaintState *state,
                             IopPainterToken     *tokens,
                             guint                n_max)
{
  g_autoptr(IopPainterCache) own = NULL;
  IopPainterLayout *L = layout_for (trace, width, height, state, &own);

  return compute_tokens (L, sane_position (trace, state->position), tokens, n_max);
}

double
iop_painter_layout_get_unit (const IopPainterLayout *layout)
{
  return layout->u;
}

double
iop_painter_layout_get_min_font_size (const IopPainterLayout *layout)
{
  double px = G_MAXDOUBLE;

  for (guint i = 0; i < N_FONTS; i++)
    px = MIN (px, pango_font_description_get_size (layout->fonts[i]) / (double)PANGO_SCALE);
  return px;
}

guint
iop_painter_layout_get_n_boxes (const IopPainterLayout *layout)
{
  return layout->boxes->len;
}

const IopPainterBox *
iop_painter_layout_get_box (const IopPainterLayout *layout,
                            guint                   i)
{
  g_return_val_if_fail (i < layout->boxes->len, NULL);
  return &((Box *)g_ptr_array_index (layout->boxes, i))->pub;
}

int
iop_painter_layout_get_step_box (const IopPainterLayout *layout,
                                 int                     step)
{
  if (step < 0 || step >= (int)layout->trace->steps->len)
    return -1;
  return layout->step_box[step];
}

gboolean
iop_painter_layout_get_zone (const IopPainterLayout *layout,
                             IopPlace                place,
                             int                     node,
                             cairo_rectangle_t      *rect)
{
  if (place == IOP_PLACE_NETWORK)
    {
      *rect = layout->network;
      return layout->network.width > 0;
    }
  for (guint h = 0; h < layout->hosts->len; h++)
    {
      Host *host = g_ptr_array_index (layout->hosts, h);

      if (host->place == place && (place == IOP_PLACE_BAREMETAL || host->node == node))
        {
          *rect = host->rect;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
iop_painter_layout_get_gauge_rect (const IopPainterLayout *layout,
                                   guint                   gauge,
                                   cairo_rectangle_t      *rect)
{
  if (gauge >= layout->trace->gauges->len || layout->gauge_slot[gauge] < 0)
    return FALSE;
  *rect = g_array_index (layout->gauges, GaugeSlot, layout->gauge_slot[gauge]).rect;
  return TRUE;
}

GArray *
iop_painter_layout_get_rects (const IopPainterLayout *layout,
                              IopPainterRectKind      kind)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));

  switch (kind)
    {
    case IOP_PAINTER_RECT_ZONE:
      for (guint h = 0; h < layout->hosts->len; h++)
        g_array_append_val (a, ((Host *)g_ptr_array_index (layout->hosts, h))->rect);
      if (layout->network.width > 0)
        g_array_append_val (a, layout->network);
      break;
    case IOP_PAINTER_RECT_LANE:
      for (guint i = 0; i < layout->lanes->len; i++)
        g_array_append_val (a, ((Lane *)g_ptr_array_index (layout->lanes, i))->rect);
      break;
    case IOP_PAINTER_RECT_BOX:
      for (guint i = 0; i < layout->boxes->len; i++)
        g_array_append_val (a, ((Box *)g_ptr_array_index (layout->boxes, i))->pub.rect);
      break;
    case IOP_PAINTER_RECT_GAUGE:
      for (guint i = 0; i < layout->gauges->len; i++)
        g_array_append_val (a, g_array_index (layout->gauges, GaugeSlot, i).rect);
      break;
    case IOP_PAINTER_RECT_TEXT:
      for (guint i = 0; i < layout->texts->len; i++)
        g_array_append_val (a, g_array_index (layout->texts, TextItem, i).rect);
      for (guint i = 0; i < layout->gauges->len; i++)
        g_array_append_val (a, g_array_index (layout->gauges, GaugeSlot, i).numbers);
      break;
    case IOP_PAINTER_RECT_CAPTION:
      g_array_append_val (a, layout->caption);
      break;
    case IOP_PAINTER_RECT_CAPTION_PARTS:
      g_array_append_val (a, layout->cap_badge);
      g_array_append_val (a, layout->cap_title);
      g_array_append_val (a, layout->cap_detail);
      g_array_append_val (a, layout->cap_time);
      if (layout->cap_legend.width > 0)
        g_array_append_val (a, layout->cap_legend);
      break;
    default:
      break;
    }
  return a;
}
