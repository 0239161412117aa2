/* iop-lesson.c: reading and checking a lesson
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "iop-error.h"
#include "iop-json-check.h"
#include "iop-json-util.h"
#include "iop-lesson.h"
#include "iop-sim.h"

#define RESOURCE_BASE "/io/github/iopath/Iopath/lessons/"
#define KIND "iopath-lesson"

static void
chapter_free (gpointer data)
{
  IopLessonChapter *c = data;

  g_free (c->title);
  g_free (c->intro);
  for (guint i = 0; i < c->sets->len; i++)
    g_free (g_array_index (c->sets, IopLessonSet, i).assignment);
  g_array_unref (c->sets);
  g_array_unref (c->faults);
  for (guint i = 0; i < c->pauses->len; i++)
    {
      g_free (g_array_index (c->pauses, IopLessonPause, i).note);
      g_free (g_array_index (c->pauses, IopLessonPause, i).key);
    }
  g_array_unref (c->pauses);
  g_free (c);
}

static IopLesson *
lesson_alloc (void)
{
  IopLesson *self = g_new0 (IopLesson, 1);

  g_ref_count_init (&self->ref_count);
  self->chapters = g_ptr_array_new_with_free_func (chapter_free);
  return self;
}

IopLesson *
iop_lesson_ref (IopLesson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_lesson_unref (IopLesson *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->scenario);
  g_free (self->source);
  g_ptr_array_unref (self->chapters);
  g_free (self);
}

/* A text member: a string of at most IOP_LESSON_MAX_TEXT characters, no
 * control characters but newlines */
static gboolean
check_text (const char  *source,
            JsonObject  *obj,
            const char  *member,
            const char  *where,
            gboolean     required,
            char       **out,
            GError     **error)
{
  g_autofree char *place = g_strdup_printf ("%s%s%s", where, *where ? "." : "", member);

  if (!json_object_has_member (obj, member))
    {
      if (required)
        return iop_json_check_fail (source, error, place, _("is required"));
      return TRUE;
    }
  if (!iop_json_check_string (source, obj, member, *where ? where : "(top level)", out, error))
    return FALSE;
  if (g_utf8_strlen (*out, -1) > IOP_LESSON_MAX_TEXT)
    return iop_json_check_fail (source, error, place, _("is longer than %d characters"), IOP_LESSON_MAX_TEXT);
  if (**out == '\0' && required)
    return iop_json_check_fail (source, error, place, _("is empty"));
  for (const char *p = *out; *p; p++)
    if ((guchar)*p < 0x20 && *p != '\n')
      return iop_json_check_fail (source, error, place, _("holds a control character"));
  return TRUE;
}

static gboolean
check_members (const char         *source,
               JsonObject         *obj,
               const char         *where,
               const char * const *known,
               GError            **error)
{
  const char *unknown = iop_json_first_unknown_member (obj, known);

  if (unknown != NULL)
    {
      g_autofree char *place = g_strdup_printf ("%s%s%s", where, *where ? "." : "", unknown);
      return iop_json_check_fail (source, error, place, _("unknown member (a typo?)"));
    }
  return TRUE;
}

/* "storage:bdev_set_options.bdev_io_cache_size=2", or
 * {"host": "storage", "knob": "bdev_set_options.bdev_io_cache_size", "value": 2} */
static gboolean
parse_set (const char       *source,
           JsonNode         *node,
           const char       *place,
           IopLessonSet     *out,
           GError          **error)
{
  g_autoptr(GError) local = NULL;
  const char *text, *colon, *eq;

  out->host = IOP_HOST_BAREMETAL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      static const char * const known[] = { "host", "knob", "value", NULL };
      JsonObject *o = json_node_get_object (node);
      g_autofree char *host = NULL, *knob = NULL, *value = NULL;
      JsonNode *v = json_object_get_member (o, "value");

      if (!check_members (source, o, place, known, error) ||
          !check_text (source, o, "host", place, FALSE, &host, error) ||
          !check_text (source, o, "knob", place, TRUE, &knob, error))
        return FALSE;
      if (host != NULL && !iop_host_parse (host, &out->host, &local))
        {
          g_autofree char *p = g_strdup_printf ("%s.host", place);
          return iop_json_check_fail (source, error, p, "%s", local->message);
        }
      if (iop_json_node_holds (v, G_TYPE_INT64))
        value = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (v));
      else if (iop_json_node_holds (v, G_TYPE_BOOLEAN))
        value = g_strdup (json_node_get_boolean (v) ? "true" : "false");
      else if (iop_json_node_holds (v, G_TYPE_STRING))
        value = g_strdup (json_node_get_string (v));
      else
        {
          g_autofree char *p = g_strdup_printf ("%s.value", place);
          return iop_json_check_fail (source, error, p, _("a knob's value is a whole number, true, false or a string"));
        }
      if (strchr (knob, '=') != NULL || strchr (knob, ':') != NULL)
        return iop_json_check_fail (source, error, place, _("“%s” is not a knob name (METHOD.PARAM)"), knob);
      out->assignment = g_strdup_printf ("%s=%s", knob, value);
      return TRUE;
    }
  if (!iop_json_node_holds (node, G_TYPE_STRING))
    return iop_json_check_fail (source, error, place, _("a knob change is \"[HOST:]METHOD.PARAM=VALUE\" or an object"));
  text = json_node_get_string (node);
  if (strlen (text) > 512)
    return iop_json_check_fail (source, error, place, _("is longer than %d characters"), 512);
  colon = strchr (text, ':');
  eq = strchr (text, '=');
  if (eq == NULL)
    return iop_json_check_fail (source, error, place, _("“%s” has no “=”: a knob change is [HOST:]METHOD.PARAM=VALUE"), text);
  if (colon != NULL && colon < eq)
    {
      g_autofree char *h = g_strndup (text, colon - text);

      if (!iop_host_parse (h, &out->host, &local))
        return iop_json_check_fail (source, error, place, "%s", local->message);
      text = colon + 1;
    }
  out->assignment = g_strdup (text);
  return TRUE;
}

/* "replica-b-down@5ms" or {"spec": "...", "until": "35s", "period": "2s"} */
static gboolean
parse_fault (const char *source,
             JsonNode   *node,
             const char *place,
             IopFault   *out,
             GError    **error)
{
  static const char * const known[] = { "spec", "until", "period", NULL };
  g_autoptr(GError) local = NULL;
  g_autofree char *spec = NULL, *until = NULL, *period = NULL;
  JsonObject *o;

  if (iop_json_node_holds (node, G_TYPE_STRING))
    {
      if (!iop_fault_parse (json_node_get_string (node), out, &local))
        return iop_json_check_fail (source, error, place, "%s", local->message);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return iop_json_check_fail (source, error, place, _("a fault is a spec such as \"replica-b-down@5ms\" or an object"));
  o = json_node_get_object (node);
  if (!check_members (source, o, place, known, error) ||
      !check_text (source, o, "spec", place, TRUE, &spec, error) ||
      !check_text (source, o, "until", place, FALSE, &until, error) ||
      !check_text (source, o, "period", place, FALSE, &period, error))
    return FALSE;
  if (!iop_fault_parse (spec, out, &local))
    {
      g_autofree char *p = g_strdup_printf ("%s.spec", place);
      return iop_json_check_fail (source, error, p, "%s", local->message);
    }
  if (until != NULL && !iop_duration_parse (until, &out->until_ns, &local))
    {
      g_autofree char *p = g_strdup_printf ("%s.until", place);
      return iop_json_check_fail (source, error, p, "%s", local->message);
    }
  if (period != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.period", place);

      if (out->kind != IOP_FAULT_PATH_FLAP)
        return iop_json_check_fail (source, error, p, _("only a flapping path (replica-X-pathN-flap) has a period"));
      if (!iop_duration_parse (period, &out->period_ns, &local))
        return iop_json_check_fail (source, error, p, "%s", local->message);
    }
  return TRUE;
}

static JsonArray *
check_array (const char *source,
             JsonObject *obj,
             const char *member,
             const char *where,
             guint       max,
             GError    **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autofree char *place = g_strdup_printf ("%s%s%s", where, *where ? "." : "", member);
  JsonArray *a;

  if (n == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (n))
    {
      iop_json_check_fail (source, error, place, _("is a list ([…])"));
      return NULL;
    }
  a = json_node_get_array (n);
  if (json_array_get_length (a) > max)
    {
      iop_json_check_fail (source, error, place, _("has %u entries; a lesson allows at most %u"),
                           json_array_get_length (a), max);
      return NULL;
    }
  return a;
}

static gboolean
parse_io (const char       *source,
          JsonObject       *obj,
          const char       *where,
          IopLessonChapter *c,
          GError          **error)
{
  static const char * const known[] = { "op", "size", "spdk_version", "inflight", NULL };
  g_autoptr(GError) local = NULL;
  g_autofree char *place = g_strdup_printf ("%s.io", where);
  JsonObject *io = iop_json_check_object (source, obj, "io", where, FALSE, error);
  g_autofree char *op = NULL, *version = NULL;
  gint64 size = 0;
  guint inflight = 0;

  if (io == NULL)
    return !(error && *error);
  if (!check_members (source, io, place, known, error) ||
      !check_text (source, io, "op", place, FALSE, &op, error) ||
      !check_text (source, io, "spdk_version", place, FALSE, &version, error) ||
      !iop_json_check_int (source, io, "size", place, 512, 16 * 1024 * 1024, &size, error) ||
      !iop_json_check_uint (source, io, "inflight", place, 0, 65536, &inflight, error))
    return FALSE;
  if (json_object_has_member (io, "inflight"))
    {
      c->inflight = inflight;
      c->has_inflight = TRUE;
    }
  if (op != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.op", place);

      if (!iop_op_parse (op, &c->op, &local))
        return iop_json_check_fail (source, error, p, "%s", local->message);
      c->has_op = TRUE;
    }
  if (version != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%s.spdk_version", place);

      if (!iop_spdk_version_parse (version, &c->version, &local))
        return iop_json_check_fail (source, error, p, "%s", local->message);
      c->has_version = TRUE;
    }
  if (json_object_has_member (io, "size"))
    {
      c->size = size;
      c->has_size = TRUE;
    }
  return TRUE;
}

/* "step": a whole number, or an object giving the step at every SPDK tag
 * ({"v26.01": 60, "v26.05": 61}) for a chapter whose steps move between
 * releases; the latter needs the chapter's io.spdk_version */
static gboolean
parse_pause_step (const char             *source,
                  JsonObject             *o,
                  const char             *place,
                  const IopLessonChapter *c,
                  IopLessonPause         *p,
                  guint                  *step,
                  GError                **error)
{
  g_autofree char *ps = g_strdup_printf ("%s.step", place);
  JsonNode *n = json_object_get_member (o, "step");
  JsonObject *by;

  if (!JSON_NODE_HOLDS_OBJECT (n))
    return iop_json_check_uint (source, o, "step", place, 0, 100000, step, error);
  if (!c->has_version)
    return iop_json_check_fail (source, error, ps, _("a step per SPDK version needs the chapter's io.spdk_version"));
  by = json_node_get_object (n);
  if (json_object_get_size (by) != IOP_SPDK_N_VERSIONS)
    {
      g_autofree char *tags = iop_spdk_version_list ();
      return iop_json_check_fail (source, error, ps, _("a step per SPDK version gives one for each of %s"), tags);
    }
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      const char *tag = iop_spdk_version_tag (v);

      if (!json_object_has_member (by, tag))
        {
          g_autofree char *tags = iop_spdk_version_list ();
          return iop_json_check_fail (source, error, ps, _("a step per SPDK version gives one for each of %s"), tags);
        }
      if (!iop_json_check_uint (source, by, tag, ps, 0, 100000, &p->steps[v], error))
        return FALSE;
    }
  p->per_version = TRUE;
  *step = p->steps[c->version];
  return TRUE;
}

guint
iop_lesson_pause_step_at (const IopLessonPause *pause,
                          IopSpdkVersion        version)
{
  g_return_val_if_fail (version < IOP_SPDK_N_VERSIONS, pause->step);
  return pause->per_version ? pause->steps[version] : pause->step;
}

static gboolean
parse_pauses (const char       *source,
              JsonObject       *obj,
              const char       *where,
              IopLessonChapter *c,
              GError          **error)
{
  static const char * const known[] = { "step", "key", "note", NULL };
  JsonArray *a = check_array (source, obj, "pauses", where, IOP_LESSON_MAX_PAUSES, error);

  if (a == NULL)
    return !(error && *error);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s.pauses[%u]", where, i);
      JsonNode *n = json_array_get_element (a, i);
      IopLessonPause p = { 0, NULL, NULL, FALSE, { 0 } };
      guint step = 0;
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return iop_json_check_fail (source, error, place, _("a pause is an object with a step and a note"));
      o = json_node_get_object (n);
      if (!check_members (source, o, place, known, error))
        return FALSE;
      if (!json_object_has_member (o, "step"))
        {
          g_autofree char *ps = g_strdup_printf ("%s.step", place);
          return iop_json_check_fail (source, error, ps, _("is required"));
        }
      if (!parse_pause_step (source, o, place, c, &p, &step, error) ||
          !check_text (source, o, "note", place, TRUE, &p.note, error) ||
          !check_text (source, o, "key", place, FALSE, &p.key, error))
        {
          g_free (p.note);
          g_free (p.key);
          return FALSE;
        }
      p.step = step;
      if (c->pauses->len > 0 && g_array_index (c->pauses, IopLessonPause, c->pauses->len - 1).step >= step)
        {
          g_autofree char *ps = g_strdup_printf ("%s.step", place);
          g_free (p.note);
          g_free (p.key);
          return iop_json_check_fail (source, error, ps, _("pauses go in order of their steps: step %u comes after step %u"),
                                      step, g_array_index (c->pauses, IopLessonPause, c->pauses->len - 1).step);
        }
      g_array_append_val (c->pauses, p);
    }
  return TRUE;
}

static gboolean
parse_chapter (const char       *source,
               JsonNode         *node,
               const char       *where,
               IopLessonChapter *c,
               GError          **error)
{
  static const char * const known[] = { "title", "intro", "io", "set", "faults", "pauses", NULL };
  JsonObject *obj;
  JsonArray *a;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return iop_json_check_fail (source, error, where, _("a chapter is an object"));
  obj = json_node_get_object (node);
  if (!check_members (source, obj, where, known, error) ||
      !check_text (source, obj, "title", where, TRUE, &c->title, error) ||
      !check_text (source, obj, "intro", where, FALSE, &c->intro, error) ||
      !parse_io (source, obj, where, c, error))
    return FALSE;
  a = check_array (source, obj, "set", where, IOP_LESSON_MAX_SETS, error);
  if (a == NULL && error && *error)
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s.set[%u]", where, i);
      IopLessonSet s = { 0, NULL };

      if (!parse_set (source, json_array_get_element (a, i), place, &s, error))
        return FALSE;
      g_array_append_val (c->sets, s);
    }
  a = check_array (source, obj, "faults", where, 16, error);
  if (a == NULL && error && *error)
    return FALSE;
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s.faults[%u]", where, i);
      IopFault f;

      memset (&f, 0, sizeof f);
      if (!parse_fault (source, json_array_get_element (a, i), place, &f, error))
        return FALSE;
      g_array_append_val (c->faults, f);
    }
  return parse_pauses (source, obj, where, c, error);
}

static gboolean
parse_header (const char *source,
              IopLesson  *self,
              JsonObject *obj,
              GError    **error)
{
  static const char * const known[] = { "format", "kind", "id", "title", "description", "scenario", "chapters", NULL };
  g_autofree char *kind = NULL;
  guint format = 0;

  if (!check_members (source, obj, "", known, error))
    return FALSE;
  if (!json_object_has_member (obj, "format"))
    return iop_json_check_fail (source, error, "format", _("is required (1)"));
  if (!iop_json_check_uint (source, obj, "format", "(top level)", 1, 1, &format, error) ||
      !check_text (source, obj, "kind", "", TRUE, &kind, error))
    return FALSE;
  if (!g_str_equal (kind, KIND))
    return iop_json_check_fail (source, error, "kind", _("is “%s”; a lesson's kind is “%s”"), kind, KIND);
  if (!check_text (source, obj, "id", "", TRUE, &self->id, error) ||
      !check_text (source, obj, "title", "", TRUE, &self->title, error) ||
      !check_text (source, obj, "description", "", FALSE, &self->description, error) ||
      !check_text (source, obj, "scenario", "", TRUE, &self->scenario, error))
    return FALSE;
  for (const char *p = self->id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return iop_json_check_fail (source, error, "id", _("“%s” is not a short name (letters, digits, - and _)"), self->id);
  return TRUE;
}

IopLesson *
iop_lesson_new_from_data (const char *data,
                          gssize      len,
                          const char *source,
                          GError    **error)
{
  g_autoptr(IopLesson) self = lesson_alloc ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonArray *a;

  if (source == NULL)
    source = "<lesson>";
  if (len < 0)
    len = strlen (data);
  if (len > IOP_LESSON_MAX_BYTES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: the file is %zd bytes; a lesson is at most %d bytes"), source, len, IOP_LESSON_MAX_BYTES);
      return NULL;
    }
  root = iop_json_parse_document (data, len, source, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      iop_json_check_fail (source, error, "(top level)", _("a lesson is a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  self->source = g_strdup (source);
  if (!parse_header (source, self, obj, error))
    return NULL;
  if (!json_object_has_member (obj, "chapters"))
    {
      iop_json_check_fail (source, error, "chapters", _("is required: a lesson has at least one chapter"));
      return NULL;
    }
  a = check_array (source, obj, "chapters", "", IOP_LESSON_MAX_CHAPTERS, error);
  if (a == NULL)
    return NULL;
  if (json_array_get_length (a) == 0)
    {
      iop_json_check_fail (source, error, "chapters", _("is empty: a lesson has at least one chapter"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *where = g_strdup_printf ("chapters[%u]", i);
      IopLessonChapter *c = g_new0 (IopLessonChapter, 1);

      c->sets = g_array_new (FALSE, TRUE, sizeof (IopLessonSet));
      c->faults = g_array_new (FALSE, TRUE, sizeof (IopFault));
      c->pauses = g_array_new (FALSE, TRUE, sizeof (IopLessonPause));
      g_ptr_array_add (self->chapters, c);
      if (!parse_chapter (source, json_array_get_element (a, i), where, c, error))
        return NULL;
    }
  return g_steal_pointer (&self);
}

IopLesson *
iop_lesson_new_from_file (const char *path,
                          GError    **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_LESSON_MAX_BYTES, &data, &len, error))
    return NULL;
  return iop_lesson_new_from_data (data, len, path, error);
}

IopLesson *
iop_lesson_new_builtin (const char *id,
                        GError    **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "%s.json", id);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *source = NULL;

  if (bytes == NULL)
    {
      g_auto(GStrv) ids = iop_lesson_list_builtin ();
      g_autofree char *list = g_strjoinv (", ", ids);

      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("No lesson “%s”: the built-in lessons are %s, or give a path to a .json file"), id, list);
      return NULL;
    }
  source = g_strdup_printf ("%s.json", id);
  return iop_lesson_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), source, error);
}

char **
iop_lesson_list_builtin (void)
{
  return iop_json_resource_ids (RESOURCE_BASE);
}

IopLesson *
iop_lesson_load (const char *id_or_path,
                 GError    **error)
{
  if (strchr (id_or_path, '/') == NULL && !g_str_has_suffix (id_or_path, ".json"))
    return iop_lesson_new_builtin (id_or_path, error);
  return iop_lesson_new_from_file (id_or_path, error);
}

gboolean
iop_lesson_data_is_lesson (const char *data)
{
  return data != NULL && strstr (data, "\"" KIND "\"") != NULL && strstr (data, "\"chapters\"") != NULL;
}

guint
iop_lesson_get_n_chapters (const IopLesson *self)
{
  return self->chapters->len;
}

const IopLessonChapter *
iop_lesson_get_chapter (const IopLesson *self,
                        guint            index)
{
  g_return_val_if_fail (index < self->chapters->len, NULL);
  return g_ptr_array_index (self->chapters, index);
}

const char *
iop_lesson_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* For the comparison reader (iop-abfile.c): the same members, the same
 * messages (iop-lesson-private.h) */
gboolean
iop_lesson_check_text (const char  *source,
                       JsonObject  *obj,
                       const char  *member,
                       const char  *where,
                       gboolean     required,
                       char       **out,
                       GError     **error)
{
  return check_text (source, obj, member, where, required, out, error);
}

gboolean
iop_lesson_check_members (const char         *source,
                          JsonObject         *obj,
                          const char         *where,
                          const char * const *known,
                          GError            **error)
{
  return check_members (source, obj, where, known, error);
}

gboolean
iop_lesson_parse_set (const char   *source,
                      JsonNode     *node,
                      const char   *place,
                      IopLessonSet *out,
                      GError      **error)
{
  return parse_set (source, node, place, out, error);
}

gboolean
iop_lesson_parse_fault (const char *source,
                        JsonNode   *node,
                        const char *place,
                        IopFault   *out,
                        GError    **error)
{
  return parse_fault (source, node, place, out, error);
}
