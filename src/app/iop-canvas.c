/* iop-canvas.c: the animated path (a GtkWidget drawing with IopPainter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The static layer (zones, lanes, boxes, labels) is rendered once per size,
 * trace and style into a GdkTexture; every frame appends it and draws the
 * moving parts with cairo on top. The playhead belongs to an IopSession
 * (the window's, or the canvas's own): the canvas draws it and, while the
 * session animates and the widget is mapped, ticks it on the frame clock.
 *
 * The first frame would lay the scene out with cold fonts: the painter tries
 * a dozen type sizes per unit it tries, and each new size costs fontconfig,
 * FreeType and glyph work the first time in a process (the static layer took
 * ~17 ms of CPU in the first frame, ~4 ms warm). So when the canvas gets its
 * first trace, a thread paints it (read only: the trace's reference count
 * is atomic) into a painter cache of its own, at the size the window is
 * expected to give the canvas, while the window is still being built; the
 * first frame takes that cache (waiting for the thread if it has not
 * finished) and finds the fonts and glyphs ready, and the layout too when
 * the guess was right. What is drawn is the same either way.
 */
#define G_LOG_DOMAIN "Iopath-Canvas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "iop-canvas.h"
#include "iop-painter.h"

struct _IopCanvas
{
  GtkWidget        parent_instance;

  IopSession      *session;
  IopTrace        *trace;            /* the session's, while it shows one */
  IopPainterCache *cache;
  GThread         *warm_up;          /* returns the IopPainterCache it warmed */
  IopTrace        *warm_up_trace;    /* the trace it paints, until it is done */

  gboolean         presentation;
  gboolean         compact;         /* asks only the painter's smallest size */
  gboolean         pointer_in;      /* for the pointer highlight in presentation mode */
  double           pointer_x;
  double           pointer_y;

  guint            tick_id;

  int              hover_step;
  int              hover_gauge;

  /* the static layer, and what it was drawn for */
  GdkTexture      *texture;
  IopTrace        *texture_trace;
  int              texture_width;
  int              texture_height;
  int              texture_scale;
  gboolean         texture_dark;
  gboolean         texture_presentation;
  double           texture_text_scale;
  char            *texture_font;

  /* what the last snapshot drew, for tests */
  guint            n_frames;
  int              frame_width;
  int              frame_height;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PRESENTATION,
  N_PROPS
};

enum {
  STEP_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (IopCanvas, iop_canvas, GTK_TYPE_WIDGET)

static void iop_canvas_update_tick (IopCanvas *self);

static gboolean
animations_enabled (IopCanvas *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

/* Dark when the theme's text is light: works with any theme, no libadwaita needed */
static gboolean
style_is_dark (IopCanvas *self)
{
  GdkRGBA fg;

#if GTK_CHECK_VERSION (4, 10, 0) && defined (GDK_VERSION_4_10) && GDK_VERSION_MAX_ALLOWED >= GDK_VERSION_4_10
  gtk_widget_get_color (GTK_WIDGET (self), &fg);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
#endif
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static double
text_scale (IopCanvas *self)
{
  int dpi = 0;

  /* the "Large Text" setting arrives as a higher Xft DPI */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / 1024.0 / 96.0, 0.75, 2.0) : 1.0;
}

/* --- The first frame's fonts, warmed in a thread --------------------------- */

typedef struct
{
  IopTrace    *trace;         /* the canvas's: read only; its reference is
                               * dropped on the main thread, after the join */
  int          width;
  int          height;
  gboolean     dark;
  gboolean     presentation;
  double       text_scale;
  char        *font_family;
} WarmUp;

static gpointer
warm_up_thread (gpointer data)
{
  WarmUp *w = data;
  IopPainterCache *cache = iop_painter_cache_new ();
  IopPaintState state = IOP_PAINT_STATE_INIT;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w->width, w->height + 1);
  cairo_t *cr = cairo_create (surface);

  state.dark = w->dark;
  state.presentation = w->presentation;
  state.text_scale = w->text_scale;
  state.font_family = w->font_family;
  state.cache = cache;
  /* a pixel taller first, then the expected size: the second layout finds
   * the pango context as drawing leaves it, which is how the canvas will
   * find it, and stays in the cache for the canvas if its size is that one */
  iop_painter_draw_static (cr, w->width, w->height + 1, w->trace, &state);
  iop_painter_draw_static (cr, w->width, w->height, w->trace, &state);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_free (w->font_family);
  g_free (w);
  return cache;
}

/* Takes the warmed cache, once the thread is done */
static void
warm_up_join (IopCanvas *self)
{
  IopPainterCache *cache;

  if (self->warm_up == NULL)
    return;
  cache = g_thread_join (g_steal_pointer (&self->warm_up));
  g_clear_pointer (&self->warm_up_trace, iop_trace_unref);
  iop_painter_cache_free (self->cache);
  self->cache = cache;
}

static void fill_state (IopCanvas *self, IopPaintState *state);

/* Once in the process, for the first canvas to get a trace (the window's,
 * while it is being built), before it has a size: the size the window's
 * default size gives it (the canvas takes two thirds of the width, the
 * header, step strip and time ruler ~225 px of the height). A size a little
 * off still warms the type sizes the layout will try. */
static void
warm_up_start (IopCanvas *self)
{
  static gboolean started;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  IopPaintState state = IOP_PAINT_STATE_INIT;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  WarmUp *w;

  if (started || self->trace == NULL || self->texture != NULL || self->n_frames > 0)
    return;
  started = TRUE;
  if ((width <= 0 || height <= 0) && GTK_IS_WINDOW (root))
    {
      int ww, wh;

      gtk_window_get_default_size (GTK_WINDOW (root), &ww, &wh);
      width = (int)(ww * 0.66);
      height = wh - 225;
    }
  if (width < IOP_PAINTER_MIN_WIDTH || height < IOP_PAINTER_MIN_HEIGHT)
    return;

  fill_state (self, &state);
  w = g_new0 (WarmUp, 1);
  w->trace = self->warm_up_trace = iop_trace_ref (self->trace);
  w->width = width;
  w->height = height;
  w->dark = state.dark;
  w->presentation = state.presentation;
  w->text_scale = state.text_scale;
  w->font_family = g_strdup (state.font_family);
  self->warm_up = g_thread_try_new ("iop-fonts", warm_up_thread, w, NULL);
  if (self->warm_up == NULL)
    {
      g_clear_pointer (&self->warm_up_trace, iop_trace_unref);
      g_free (w->font_family);
      g_free (w);
    }
}

static void
fill_state (IopCanvas     *self,
            IopPaintState *state)
{
  const PangoFontDescription *font;

  warm_up_join (self);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  state->position = iop_session_get_position (self->session);
  state->dark = style_is_dark (self);
  state->presentation = self->presentation;
  state->text_scale = text_scale (self);
  state->hover_step = self->hover_step;
  state->hover_gauge = self->hover_gauge;
  state->palette = NULL;
  state->font_family = font ? pango_font_description_get_family (font) : NULL;
  state->cache = self->cache;
  /* the outcome card at the last step, when the playback ends */
  state->outcome = TRUE;
}

static void
update_accessible_label (IopCanvas *self)
{
  const char *label = _("I/O path");
  int step = self->session ? iop_session_get_current_step (self->session) : -1;

  if (self->trace && step >= 0 && (guint)step < self->trace->steps->len)
    label = iop_trace_step (self->trace, step)->title;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data G_GNUC_UNUSED)
{
  IopCanvas *self = IOP_CANVAS (widget);

  if (iop_session_tick (self->session, gdk_frame_clock_get_frame_time (frame_clock)))
    return G_SOURCE_CONTINUE;
  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* One tick callback, only while the session animates and we are on screen;
 * the session knows whether anyone ticks it (a seek eases only then) */
static void
iop_canvas_update_tick (IopCanvas *self)
{
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self));
  gboolean wanted;

  iop_session_set_ticker (self->session, mapped, animations_enabled (self));
  wanted = mapped && iop_session_get_animating (self->session);
  if (wanted && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!wanted && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
invalidate_static (IopCanvas *self)
{
  g_clear_object (&self->texture);
  self->texture_trace = NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The static layer as a texture: uploaded once, drawn every frame for free */
static GdkTexture *
ensure_texture (IopCanvas           *self,
                int                  width,
                int                  height,
                int                  scale,
                const IopPaintState *state)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

  if (self->texture != NULL &&
      self->texture_trace == self->trace &&
      self->texture_width == width &&
      self->texture_height == height &&
      self->texture_scale == scale &&
      self->texture_dark == state->dark &&
      self->texture_presentation == state->presentation &&
      self->texture_text_scale == state->text_scale &&
      g_strcmp0 (self->texture_font, state->font_family) == 0)
    return self->texture;

  g_clear_object (&self->texture);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  iop_painter_draw_static (cr, width, height, self->trace, state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* CAIRO_FORMAT_ARGB32 is GDK_MEMORY_DEFAULT; the texture keeps the
   * surface's pixels rather than a copy of them */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize)cairo_image_surface_get_stride (surface) * height * scale,
                                      (GDestroyNotify)cairo_surface_destroy, surface);
  self->texture = gdk_memory_texture_new (width * scale, height * scale, GDK_MEMORY_DEFAULT,
                                          bytes, cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);

  self->texture_trace = self->trace;
  self->texture_width = width;
  self->texture_height = height;
  self->texture_scale = scale;
  self->texture_dark = state->dark;
  self->texture_presentation = state->presentation;
  self->texture_text_scale = state->text_scale;
  g_free (self->texture_font);
  self->texture_font = g_strdup (state->font_family);

  return self->texture;
}

/* Tests slow every frame down by this much (IOPATH_TEST_FRAME_DELAY_MS) to
 * check that playback keeps the wall clock's pace */
static gulong test_frame_delay_us;
/* bench-startup.py asks for the first frames' draw times
 * (IOPATH_BENCH_FRAMES=N prints the first N to stderr) */
static guint bench_frames;

static void
iop_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  IopCanvas *self = IOP_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  graphene_rect_t bounds;
  cairo_t *cr;
  gint64 t0 = 0;

  if (test_frame_delay_us > 0)
    g_usleep (test_frame_delay_us);

  if (self->trace == NULL || width <= 0 || height <= 0)
    return;

  if (bench_frames > 0)
    t0 = g_get_monotonic_time ();
  fill_state (self, &state);
  graphene_rect_init (&bounds, 0, 0, width, height);

  gtk_snapshot_append_texture (snapshot,
                               ensure_texture (self, width, height, gtk_widget_get_scale_factor (widget), &state),
                               &bounds);

  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  iop_painter_draw_dynamic (cr, width, height, self->trace, &state);
  if (cairo_status (cr) == CAIRO_STATUS_SUCCESS)
    {
      self->n_frames++;
      self->frame_width = width;
      self->frame_height = height;
    }
  /* Presentation mode: a soft ring around the pointer, so viewers of a
   * screencast see what the trainer points at */
  if (self->presentation && self->pointer_in)
    {
      const IopColor *a = &iop_palette_get (state.dark)->accent;

      cairo_new_path (cr);
      cairo_arc (cr, self->pointer_x, self->pointer_y, 22, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, a->red, a->green, a->blue, 0.18);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, a->red, a->green, a->blue, 0.65);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  if (bench_frames > 0)
    {
      bench_frames--;
      g_printerr ("iopath-bench: frame %u drawn in %.2f ms (%dx%d)\n", self->n_frames,
                  (g_get_monotonic_time () - t0) / 1000.0, width, height);
    }
}

/* Compact (two canvases side by side in the Compare view): a little under
 * the painter's smallest size, where it still names every box with smaller
 * text, so two fit beside the side column at 1920x1080 and in a 1280x720
 * window without it */
#define COMPACT_MIN_WIDTH  560
#define COMPACT_MIN_HEIGHT 315

static void
iop_canvas_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size G_GNUC_UNUSED,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline G_GNUC_UNUSED,
                    int            *natural_baseline G_GNUC_UNUSED)
{
  /* the painter is designed from 1024x640 up; below that it shortens labels
   * and leaves details out, and it draws down to its smallest size */
  G_STATIC_ASSERT (720 >= IOP_PAINTER_MIN_WIDTH && 450 >= IOP_PAINTER_MIN_HEIGHT);
  if (IOP_CANVAS (widget)->compact)
    {
      *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? COMPACT_MIN_WIDTH : COMPACT_MIN_HEIGHT;
      *natural = *minimum;
      return;
    }
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 720;
      *natural = 1280;
    }
  else
    {
      *minimum = 450;
      *natural = 800;
    }
}

static void
iop_canvas_css_changed (GtkWidget         *widget,
                        GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (iop_canvas_parent_class)->css_changed (widget, change);

  /* dark/light or font: the texture key notices, just redraw */
  gtk_widget_queue_draw (widget);
}

static void
iop_canvas_size_allocate (GtkWidget *widget,
                          int        width G_GNUC_UNUSED,
                          int        height G_GNUC_UNUSED,
                          int        baseline G_GNUC_UNUSED)
{
  /* the texture key holds the size: nothing to drop here */
  gtk_widget_queue_draw (widget);
}

static void
iop_canvas_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_canvas_parent_class)->map (widget);
  iop_canvas_update_tick (IOP_CANVAS (widget));
}

/* Not on screen: nothing ticks, and a glide in progress lands at once */
static void
iop_canvas_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (iop_canvas_parent_class)->unmap (widget);
  iop_canvas_update_tick (IOP_CANVAS (widget));
}

static void
set_hover (IopCanvas *self,
           int        step,
           int        gauge)
{
  if (step == self->hover_step && gauge == self->hover_gauge)
    return;
  self->hover_step = step;
  self->hover_gauge = gauge;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), step >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *motion G_GNUC_UNUSED,
           double                    x,
           double                    y,
           IopCanvas                *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  self->pointer_in = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->presentation)
    gtk_widget_queue_draw (widget);
  if (self->trace == NULL)
    return;
  fill_state (self, &state);
  set_hover (self,
             iop_painter_hit_step (self->trace, width, height, &state, x, y),
             iop_painter_hit_gauge (self->trace, width, height, &state, x, y));
}

static void
leave_cb (GtkEventControllerMotion *motion G_GNUC_UNUSED,
          IopCanvas                *self)
{
  self->pointer_in = FALSE;
  if (self->presentation)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  set_hover (self, -1, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             IopCanvas       *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  int step;

  /* a click on the diagram takes the keyboard back from a panel: Space plays */
  gtk_widget_grab_focus (widget);
  if (self->trace == NULL || n_press != 1)
    return;
  fill_state (self, &state);
  step = iop_painter_hit_step (self->trace, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                               &state, x, y);
  if (step >= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[STEP_ACTIVATED], 0, (guint)step);
    }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data G_GNUC_UNUSED)
{
  IopCanvas *self = IOP_CANVAS (widget);
  IopPaintState state = IOP_PAINT_STATE_INIT;
  cairo_rectangle_t area = { 0, };
  g_autofree char *text = NULL;

  if (self->trace == NULL || keyboard_mode)
    return FALSE;
  fill_state (self, &state);
  text = iop_painter_describe (self->trace, gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                               &state, x, y, &area);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  /* a new tooltip as soon as the pointer leaves this box or gauge */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int)floor (area.x), (int)floor (area.y),
                              (int)ceil (area.width), (int)ceil (area.height) });
  return TRUE;
}

static void
iop_canvas_dispose (GObject *object)
{
  IopCanvas *self = IOP_CANVAS (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      iop_session_set_ticker (self->session, FALSE, TRUE);
      g_clear_object (&self->session);
    }
  g_clear_object (&self->texture);
  self->texture_trace = NULL;
  g_clear_pointer (&self->texture_font, g_free);
  warm_up_join (self);
  g_clear_pointer (&self->cache, iop_painter_cache_free);
  g_clear_pointer (&self->trace, iop_trace_unref);

  G_OBJECT_CLASS (iop_canvas_parent_class)->dispose (object);
}

static void
iop_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  IopCanvas *self = IOP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  IopCanvas *self = IOP_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      iop_canvas_set_session (self, g_value_get_object (value));
      break;

    case PROP_PRESENTATION:
      iop_canvas_set_presentation (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_canvas_class_init (IopCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_canvas_dispose;
  object_class->get_property = iop_canvas_get_property;
  object_class->set_property = iop_canvas_set_property;

  widget_class->snapshot = iop_canvas_snapshot;
  if (g_getenv ("IOPATH_TEST_FRAME_DELAY_MS") != NULL)
    test_frame_delay_us = 1000 * (gulong)MIN (g_ascii_strtoull (g_getenv ("IOPATH_TEST_FRAME_DELAY_MS"), NULL, 10), 2000);
  if (g_getenv ("IOPATH_BENCH_FRAMES") != NULL)
    bench_frames = (guint)MIN (g_ascii_strtoull (g_getenv ("IOPATH_BENCH_FRAMES"), NULL, 10), 1000);
  widget_class->measure = iop_canvas_measure;
  widget_class->css_changed = iop_canvas_css_changed;
  widget_class->size_allocate = iop_canvas_size_allocate;
  widget_class->map = iop_canvas_map;
  widget_class->unmap = iop_canvas_unmap;

  /* The IopSession whose trace and playhead the canvas shows */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, IOP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STEP_ACTIVATED] =
    g_signal_new ("step-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  g_cclosure_marshal_VOID__UINT,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "iopcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
iop_canvas_init (IopCanvas *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->cache = iop_painter_cache_new ();
  self->hover_step = -1;
  self->hover_gauge = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* a canvas of its own until it is given one to share */
  iop_canvas_set_session (self, NULL);
}

GtkWidget *
iop_canvas_new (void)
{
  return g_object_new (IOP_TYPE_CANVAS, NULL);
}

static void
session_trace_cb (IopCanvas  *self,
                  GParamSpec *pspec,
                  IopSession *session)
{
  IopTrace *trace = iop_session_get_trace (session);

  if (trace != self->trace)
    {
      if (trace != NULL)
        iop_trace_ref (trace);
      g_clear_pointer (&self->trace, iop_trace_unref);
      self->trace = trace;
      self->hover_step = self->hover_gauge = -1;
      invalidate_static (self);
      warm_up_start (self);
    }
  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
session_position_cb (IopCanvas  *self,
                     GParamSpec *pspec,
                     IopSession *session)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
session_step_cb (IopCanvas  *self,
                 GParamSpec *pspec,
                 IopSession *session)
{
  update_accessible_label (self);
}

static void
session_animating_cb (IopCanvas  *self,
                      GParamSpec *pspec,
                      IopSession *session)
{
  iop_canvas_update_tick (self);
}

void
iop_canvas_set_session (IopCanvas  *self,
                        IopSession *session)
{
  g_autoptr(IopSession) own = NULL;

  g_return_if_fail (IOP_IS_CANVAS (self));
  g_return_if_fail (session == NULL || IOP_IS_SESSION (session));

  if (session == NULL)
    session = own = iop_session_new ();
  if (session == self->session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      iop_session_set_ticker (self->session, FALSE, TRUE);
    }
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::trace", G_CALLBACK (session_trace_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::position", G_CALLBACK (session_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::current-step", G_CALLBACK (session_step_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::animating", G_CALLBACK (session_animating_cb), self, G_CONNECT_SWAPPED);
  session_trace_cb (self, NULL, session);
  iop_canvas_update_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

IopSession *
iop_canvas_get_session (IopCanvas *self)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), NULL);

  return self->session;
}

void
iop_canvas_set_trace (IopCanvas *self,
                      IopTrace  *trace)
{
  g_return_if_fail (IOP_IS_CANVAS (self));

  iop_session_show_trace (self->session, trace);
}

IopTrace *
iop_canvas_get_trace (IopCanvas *self)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), NULL);

  return self->trace;
}

double
iop_canvas_get_position (IopCanvas *self)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), -1.0);

  return iop_session_get_position (self->session);
}

void
iop_canvas_seek (IopCanvas *self,
                 double     position,
                 gboolean   animate)
{
  g_return_if_fail (IOP_IS_CANVAS (self));

  iop_session_seek (self->session, position, animate);
}

int
iop_canvas_get_current_step (IopCanvas *self)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), -1);

  return iop_session_get_current_step (self->session);
}

void
iop_canvas_set_compact (IopCanvas *self,
                        gboolean   compact)
{
  g_return_if_fail (IOP_IS_CANVAS (self));
  self->compact = !!compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
iop_canvas_set_presentation (IopCanvas *self,
                             gboolean   presentation)
{
  g_return_if_fail (IOP_IS_CANVAS (self));

  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  self->presentation = presentation;
  invalidate_static (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

gboolean
iop_canvas_get_presentation (IopCanvas *self)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), FALSE);

  return self->presentation;
}

/* For tests: how many frames the canvas drew (with cairo in good health),
 * and the size of the last one */
guint
iop_canvas_get_n_frames (IopCanvas *self,
                         int       *width,
                         int       *height)
{
  g_return_val_if_fail (IOP_IS_CANVAS (self), 0);

  if (width)
    *width = self->frame_width;
  if (height)
    *height = self->frame_height;
  return self->n_frames;
}
