/* iop-video.c: the playback as a WebM (VP9) or MP4 (H.264) file through
 * GStreamer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * iop_video_encode() takes any sequence of frames: a draw function paints
 * each straight into the buffers an appsrc hands to
 * videoconvert ! ENCODER ! MUXER ! filesink. A trace's frames are the
 * painter's, drawn at the positions the app's canvas passes through at the
 * same speed (iop-video-captions.c has the timing), ending on the outcome
 * card; a lesson's come from its plan (iop-lesson-video.c). The file is
 * written under a temporary name beside its destination and moved into
 * place once the muxer has finished it; an error or a cancel removes it.
 *
 * Chapters go into a WebM as a Matroska Chapters element: the muxer
 * (matroskamux, of which webmmux is a subclass) is a GstTocSetter and
 * writes the table of contents it is given before the first frame. MP4's
 * muxer takes none, so an MP4 has its chapters only in the WebVTT file.
 *
 * The feeding loop never blocks on a full queue: it waits for the queue to
 * drain while watching the bus, so an error downstream (a full disk) ends the
 * export instead of hanging it.
 */
#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>

#include "iop-painter.h"
#include "iop-video.h"

#define MAX_FRAMES 100000
/* Frames waiting for the encoder: a few, enough to keep it busy */
#define QUEUE_FRAMES 4

static gboolean
init_gstreamer (GError **error)
{
  g_autoptr(GError) local = NULL;

  if (gst_init_check (NULL, NULL, &local))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("GStreamer could not start, so no video can be written: %s"), local->message);
  return FALSE;
}

static gboolean
have_element (const char *name)
{
  g_autoptr(GstElementFactory) f = gst_element_factory_find (name);

  return f != NULL;
}

/* The H.264 encoder installed, or NULL: x264 (gstreamer1.0-plugins-ugly)
 * or Cisco's OpenH264 (gstreamer1.0-plugins-bad, or the Flatpak runtime's
 * extension) */
static const char *
h264_encoder (void)
{
  if (have_element ("x264enc"))
    return "x264enc";
  if (have_element ("openh264enc") && have_element ("h264parse"))
    return "openh264enc";
  return NULL;
}

gboolean
iop_video_can_encode (IopVideoFormat   format,
                      GError         **error)
{
  static const char *const common[] = { "appsrc", "videoconvert", "filesink" };

  if (!init_gstreamer (error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (common); i++)
    if (!have_element (common[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("GStreamer has no “%s” element: install GStreamer’s base plugins (Debian: gstreamer1.0-plugins-base)"),
                     common[i]);
        return FALSE;
      }
  if (format == IOP_VIDEO_WEBM && !(have_element ("vp9enc") && have_element ("webmmux")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("GStreamer has no VP9 encoder or WebM muxer (vp9enc, webmmux): install GStreamer’s good plugins (Debian: gstreamer1.0-plugins-good)"));
      return FALSE;
    }
  if (format == IOP_VIDEO_MP4 && (h264_encoder () == NULL || !have_element ("mp4mux")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("No H.264 encoder is installed for GStreamer (x264enc or openh264enc), so no MP4 can be written: write a WebM video (.webm) instead, or install one (Debian: gstreamer1.0-plugins-ugly)"));
      return FALSE;
    }
  return TRUE;
}

static GstElement *
make_pipeline (IopVideoFormat format,
               GError       **error)
{
  const char *desc;

  if (format == IOP_VIDEO_WEBM)
    desc = "appsrc name=src format=time ! videoconvert ! video/x-raw,format=I420"
           " ! vp9enc name=enc ! webmmux name=mux ! filesink name=sink";
  else if (g_strcmp0 (h264_encoder (), "x264enc") == 0)
    desc = "appsrc name=src format=time ! videoconvert ! video/x-raw,format=I420"
           " ! x264enc name=enc ! video/x-h264,profile=high ! mp4mux name=mux ! filesink name=sink";
  else
    desc = "appsrc name=src format=time ! videoconvert ! video/x-raw,format=I420"
           " ! openh264enc name=enc ! h264parse ! mp4mux name=mux ! filesink name=sink";
  return gst_parse_launch (desc, error);
}

gboolean
iop_video_has_chapters (IopVideoFormat format)
{
  g_autoptr(GstElementFactory) f = NULL;

  if (format != IOP_VIDEO_WEBM || !gst_init_check (NULL, NULL, NULL))
    return FALSE;
  f = gst_element_factory_find ("webmmux");
  return f != NULL && gst_element_factory_has_interface (f, "GstTocSetter");
}

/* The chapters as the muxer's table of contents: one edition holding a
 * chapter entry per cue, with its start, end and title */
static void
set_chapters (GstElement *mux,
              GPtrArray  *chapters)
{
  GstToc *toc;
  GstTocEntry *edition;

  if (chapters == NULL || chapters->len == 0 || !GST_IS_TOC_SETTER (mux))
    return;
  toc = gst_toc_new (GST_TOC_SCOPE_GLOBAL);
  edition = gst_toc_entry_new (GST_TOC_ENTRY_TYPE_EDITION, "edition-1");
  for (guint i = 0; i < chapters->len; i++)
    {
      const IopCaptionCue *c = g_ptr_array_index (chapters, i);
      g_autofree char *uid = g_strdup_printf ("chapter-%u", i + 1);
      GstTocEntry *entry = gst_toc_entry_new (GST_TOC_ENTRY_TYPE_CHAPTER, uid);

      gst_toc_entry_set_start_stop_times (entry, (gint64)llround (c->start * GST_SECOND),
                                          (gint64)llround (c->end * GST_SECOND));
      gst_toc_entry_set_tags (entry, gst_tag_list_new (GST_TAG_TITLE, c->text, NULL));
      gst_toc_entry_append_sub_entry (edition, entry);
    }
  gst_toc_append_entry (toc, edition);
  gst_toc_setter_set_toc (GST_TOC_SETTER (mux), toc);
  gst_toc_unref (toc);
}

/* Settings for pictures of text and lines that change a little each frame:
 * the fast real-time modes, and a quality rather than a bit rate */
static void
tune_encoder (GstElement     *enc,
              IopVideoFormat  format,
              int             fps)
{
  int threads = CLAMP ((int)g_get_num_processors (), 1, 8);

  if (format == IOP_VIDEO_WEBM)
    {
      g_object_set (enc, "deadline", (gint64)1, "cpu-used", 8, "threads", threads,
                    "row-mt", TRUE, "cq-level", 16, "keyframe-max-dist", 10 * fps, NULL);
      gst_util_set_object_arg (G_OBJECT (enc), "end-usage", "q");
    }
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (enc), "speed-preset") != NULL)
    {
      gst_util_set_object_arg (G_OBJECT (enc), "speed-preset", "veryfast");
      gst_util_set_object_arg (G_OBJECT (enc), "tune", "stillimage");
      gst_util_set_object_arg (G_OBJECT (enc), "pass", "quant");
      g_object_set (enc, "quantizer", 20, "key-int-max", 10 * fps, NULL);
    }
}

static void
set_bus_error (GstMessage *msg,
               GError    **error)
{
  g_autoptr(GError) gerr = NULL;
  g_autofree char *debug = NULL;

  gst_message_parse_error (msg, &gerr, &debug);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not encode the video: %s"),
               gerr ? gerr->message : "?");
}

/* Waits up to TIMEOUT for an error or the end of the stream: TRUE and
 * *EOS set when the stream ended, FALSE on an error */
static gboolean
poll_bus (GstBus       *bus,
          GstClockTime  timeout,
          gboolean     *eos,
          GError      **error)
{
  g_autoptr(GstMessage) msg = gst_bus_timed_pop_filtered (bus, timeout, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);

  if (msg == NULL)
    return TRUE;
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR)
    {
      set_bus_error (msg, error);
      return FALSE;
    }
  *eos = TRUE;
  return TRUE;
}

typedef struct
{
  const IopVideoOpts *o;
  IopVideoDrawFunc    draw;
  gpointer            data;
} Frames;

static GstBuffer *
draw_frame (const Frames *fr,
            guint         k)
{
  const IopExportOpts *p = &fr->o->picture;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, p->width);
  GstBuffer *buf = gst_buffer_new_allocate (NULL, (gsize)stride * p->height, NULL);
  const IopColor *bg = &iop_palette_get (p->dark)->window_bg;
  GstMapInfo map;
  cairo_surface_t *surface;
  cairo_t *cr;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  surface = cairo_image_surface_create_for_data (map.data, CAIRO_FORMAT_RGB24, p->width, p->height, stride);
  cr = cairo_create (surface);
  /* the window's background, which the canvas draws on */
  cairo_set_source_rgb (cr, bg->red, bg->green, bg->blue);
  cairo_paint (cr);
  fr->draw (cr, k, fr->data);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = gst_util_uint64_scale_int (k, GST_SECOND, fr->o->fps);
  GST_BUFFER_DURATION (buf) = gst_util_uint64_scale_int (k + 1, GST_SECOND, fr->o->fps) - GST_BUFFER_PTS (buf);
  return buf;
}

static gboolean
cancelled (GCancellable *cancellable,
           GError      **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Feeds every frame, then waits for the muxer to finish the file */
static gboolean
run_pipeline (GstElement            *pipeline,
              const Frames          *fr,
              guint                  n,
              GCancellable          *cancellable,
              IopVideoProgressFunc   progress,
              gpointer               user_data,
              GError               **error)
{
  g_autoptr(GstElement) src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  guint64 frame_bytes = (guint64)cairo_format_stride_for_width (CAIRO_FORMAT_RGB24, fr->o->picture.width) * fr->o->picture.height;
  gboolean eos = FALSE;

  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (!poll_bus (bus, 0, &eos, error))
        return FALSE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not start the video encoder"));
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      if (cancelled (cancellable, error) || !poll_bus (bus, 0, &eos, error))
        return FALSE;
      while (gst_app_src_get_current_level_bytes (GST_APP_SRC (src)) >= QUEUE_FRAMES * frame_bytes)
        if (cancelled (cancellable, error) || !poll_bus (bus, 2 * GST_MSECOND, &eos, error))
          return FALSE;
      if (gst_app_src_push_buffer (GST_APP_SRC (src), draw_frame (fr, k)) != GST_FLOW_OK)
        {
          if (!poll_bus (bus, GST_SECOND, &eos, error))
            return FALSE;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The video encoder stopped taking frames"));
          return FALSE;
        }
      if (progress != NULL)
        progress (k + 1, n, user_data);
    }
  gst_app_src_end_of_stream (GST_APP_SRC (src));
  while (!eos)
    if (cancelled (cancellable, error) || !poll_bus (bus, 100 * GST_MSECOND, &eos, error))
      return FALSE;
  return TRUE;
}

gboolean
iop_video_encode (const IopVideoOpts    *o,
                  guint                  n,
                  IopVideoDrawFunc       draw,
                  gpointer               draw_data,
                  GPtrArray             *chapters,
                  const char            *output,
                  GCancellable          *cancellable,
                  IopVideoProgressFunc   progress,
                  gpointer               user_data,
                  GError               **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) enc = NULL;
  g_autoptr(GstElement) mux = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autofree char *tmp = NULL;
  Frames fr = { o, draw, draw_data };
  IopVideoFormat format;
  gboolean ok;

  if (!iop_video_format_for (output, &format, error))
    return FALSE;
  if (!(o->fps >= 1 && o->fps <= 120))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("A video takes 1 to 120 frames a second"));
      return FALSE;
    }
  if (n == 0 || n > MAX_FRAMES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("That would be %u frames; Iopath writes at most %d per run"), n, MAX_FRAMES);
      return FALSE;
    }
  if (o->picture.width % 2 != 0 || o->picture.height % 2 != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("A video’s width and height must be even, not %d×%d"), o->picture.width, o->picture.height);
      return FALSE;
    }
  if (!iop_video_can_encode (format, error))
    return FALSE;
  pipeline = make_pipeline (format, error);
  if (pipeline == NULL)
    return FALSE;
  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  enc = gst_bin_get_by_name (GST_BIN (pipeline), "enc");
  mux = gst_bin_get_by_name (GST_BIN (pipeline), "mux");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  /* cairo's RGB24 is a 32-bit word per pixel, 0xXXRRGGBB, in the machine's order */
  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, o->picture.width,
                              "height", G_TYPE_INT, o->picture.height,
                              "framerate", GST_TYPE_FRACTION, o->fps, 1,
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_object_set (src, "caps", caps, "is-live", FALSE, NULL);
  tune_encoder (enc, format, o->fps);
  set_chapters (mux, chapters);

  tmp = iop_export_begin_file (output, o->picture.force, error);
  if (tmp == NULL)
    return FALSE;
  g_object_set (sink, "location", tmp, NULL);
  ok = run_pipeline (pipeline, &fr, n, cancellable, progress, user_data, error);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  if (!ok)
    {
      iop_export_discard_file (tmp);
      return FALSE;
    }
  return iop_export_commit_file (tmp, output, o->picture.force, error);
}

typedef struct
{
  IopTrace           *trace;
  const IopVideoOpts *o;
  IopPainterCache    *cache;
} TraceFrames;

/* The canvas at the playhead the app has K frames into its playback; held
 * on the last step, with the outcome card, to the end */
static void
draw_trace_frame (cairo_t  *cr,
                  guint     k,
                  gpointer  user_data)
{
  TraceFrames *tf = user_data;
  const IopExportOpts *p = &tf->o->picture;
  IopPaintState st = IOP_PAINT_STATE_INIT;
  double end = MAX ((double)tf->trace->steps->len - 1, 0.0);

  st.position = MIN (-1.0 + (double)k * tf->o->speed / tf->o->fps + 1e-9, end);
  st.dark = p->dark;
  st.presentation = p->presentation;
  st.cache = tf->cache;
  st.outcome = TRUE;
  iop_painter_draw (cr, p->width, p->height, tf->trace, &st);
}

gboolean
iop_video_export (IopTrace              *trace,
                  const IopVideoOpts    *o,
                  const char            *output,
                  GCancellable          *cancellable,
                  IopVideoProgressFunc   progress,
                  gpointer               user_data,
                  GError               **error)
{
  g_autoptr(IopPainterCache) cache = iop_painter_cache_new ();
  TraceFrames tf = { trace, o, cache };

  if (!(o->fps >= 1 && o->fps <= 120 && o->speed > 0 && o->speed <= 100 && o->hold >= 0 && o->hold <= 60))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("A video takes 1 to 120 frames a second, more than 0 to 100 steps a second and holds its end 0 to 60 seconds"));
      return FALSE;
    }
  return iop_video_encode (o, iop_video_n_frames (trace, o->fps, o->speed, o->hold), draw_trace_frame, &tf, NULL,
                           output, cancellable, progress, user_data, error);
}
