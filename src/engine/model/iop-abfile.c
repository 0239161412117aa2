/* iop-abfile.c: reading, building and writing an A/B comparison file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "iop-abfile.h"
#include "iop-error.h"
#include "iop-json-check.h"
#include "iop-json-util.h"
#include "iop-lesson-private.h"

#define RESOURCE_BASE "/io/github/iopath/Iopath/comparisons/"

/* The texts of the comparisons in data/comparisons, for xgettext: they stay
 * English in the files and are translated when shown (test-compare.py
 * checks that every shipped title and description is here) */
static const char *const shipped_strings[] G_GNUC_UNUSED = {
  /* TRANSLATORS: comparison small-bdev-io-cache: title */
  N_("A bdev_io cache of two: where leg B's bdev_io comes from"),
  /* TRANSLATORS: comparison small-bdev-io-cache: description */
  N_("The raid270 4 KiB write with the scenario's bdev_io cache (A) and with bdev_io_cache_size 2 (B). The parent bdev_io and leg A's take the poll group's last two cached bdev_io, so leg B's comes from the global mempool: the steps after it start later."),
};

static void
clear_set (gpointer data)
{
  g_free (((IopLessonSet *)data)->assignment);
}

IopAbFile *
iop_ab_file_new (const char *scenario)
{
  IopAbFile *self = g_new0 (IopAbFile, 1);

  g_ref_count_init (&self->ref_count);
  self->scenario = g_strdup (scenario);
  self->faults = g_array_new (FALSE, TRUE, sizeof (IopFault));
  self->a_sets = g_array_new (FALSE, TRUE, sizeof (IopLessonSet));
  self->b_sets = g_array_new (FALSE, TRUE, sizeof (IopLessonSet));
  g_array_set_clear_func (self->a_sets, clear_set);
  g_array_set_clear_func (self->b_sets, clear_set);
  return self;
}

IopAbFile *
iop_ab_file_ref (IopAbFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_ref_count_inc (&self->ref_count);
  return self;
}

void
iop_ab_file_unref (IopAbFile *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref_count))
    return;
  g_free (self->title);
  g_free (self->description);
  g_free (self->scenario);
  g_free (self->source);
  g_free (self->b_scenario);
  g_array_unref (self->faults);
  g_array_unref (self->a_sets);
  g_array_unref (self->b_sets);
  g_free (self);
}

void
iop_ab_file_add_set (IopAbFile  *self,
                     gboolean    b,
                     IopHostId   host,
                     const char *assignment)
{
  IopLessonSet s = { host, g_strdup (assignment) };

  g_return_if_fail (self != NULL && assignment != NULL);
  g_array_append_val (b ? self->b_sets : self->a_sets, s);
}

void
iop_ab_file_add_fault (IopAbFile      *self,
                       const IopFault *fault)
{
  g_return_if_fail (self != NULL && fault != NULL);
  g_array_append_val (self->faults, *fault);
}

/* ---- reading ------------------------------------------------------- */

static JsonArray *
check_list (const char *source,
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
      iop_json_check_fail (source, error, place, _("has %u entries; a comparison allows at most %u"),
                           json_array_get_length (a), max);
      return NULL;
    }
  return a;
}

/* WHERE.set: a list of knob changes */
static gboolean
parse_sets (const char *source,
            JsonObject *obj,
            const char *where,
            GArray     *out,
            GError    **error)
{
  JsonArray *a = check_list (source, obj, "set", where, IOP_AB_FILE_MAX_SETS, error);

  if (a == NULL)
    return !(error && *error);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      g_autofree char *place = g_strdup_printf ("%s.set[%u]", where, i);
      IopLessonSet s = { 0, NULL };

      if (!iop_lesson_parse_set (source, json_array_get_element (a, i), place, &s, error))
        return FALSE;
      g_array_append_val (out, s);
    }
  return TRUE;
}

static gboolean
parse_io (const char *source,
          JsonObject *obj,
          IopAbFile  *self,
          GError    **error)
{
  static const char * const known[] = { "op", "size", "spdk_version", "inflight", NULL };
  g_autoptr(GError) local = NULL;
  JsonObject *io = iop_json_check_object (source, obj, "io", "(top level)", FALSE, error);
  g_autofree char *op = NULL, *version = NULL;

  if (io == NULL)
    return !(error && *error);
  if (!iop_lesson_check_members (source, io, "io", known, error) ||
      !iop_lesson_check_text (source, io, "op", "io", FALSE, &op, error) ||
      !iop_lesson_check_text (source, io, "spdk_version", "io", FALSE, &version, error) ||
      !iop_json_check_int (source, io, "size", "io", 512, 16 * 1024 * 1024, &self->size, error) ||
      !iop_json_check_uint (source, io, "inflight", "io", 0, 65536, &self->inflight, error))
    return FALSE;
  self->has_size = json_object_has_member (io, "size");
  self->has_inflight = json_object_has_member (io, "inflight");
  if (op != NULL)
    {
      if (!iop_op_parse (op, &self->op, &local))
        return iop_json_check_fail (source, error, "io.op", "%s", local->message);
      self->has_op = TRUE;
    }
  if (version != NULL)
    {
      if (!iop_spdk_version_parse (version, &self->version, &local))
        return iop_json_check_fail (source, error, "io.spdk_version", "%s", local->message);
      self->has_version = TRUE;
    }
  return TRUE;
}

static gboolean
parse_runs (const char *source,
            JsonObject *obj,
            IopAbFile  *self,
            GError    **error)
{
  static const char * const known_a[] = { "set", NULL };
  static const char * const known_b[] = { "scenario", "set", NULL };
  JsonObject *a, *b;

  a = iop_json_check_object (source, obj, "a", "(top level)", FALSE, error);
  if (a == NULL && error && *error)
    return FALSE;
  if (a != NULL && (!iop_lesson_check_members (source, a, "a", known_a, error) ||
                    !parse_sets (source, a, "a", self->a_sets, error)))
    return FALSE;
  if (!json_object_has_member (obj, "b"))
    return iop_json_check_fail (source, error, "b", _("is required: what run B changes (a scenario, knob changes or both)"));
  b = iop_json_check_object (source, obj, "b", "(top level)", TRUE, error);
  if (b == NULL)
    return FALSE;
  if (!iop_lesson_check_members (source, b, "b", known_b, error) ||
      !iop_lesson_check_text (source, b, "scenario", "b", FALSE, &self->b_scenario, error) ||
      !parse_sets (source, b, "b", self->b_sets, error))
    return FALSE;
  if (self->b_scenario != NULL && *self->b_scenario == '\0')
    return iop_json_check_fail (source, error, "b.scenario", _("is empty"));
  if (self->b_scenario == NULL && self->b_sets->len == 0)
    return iop_json_check_fail (source, error, "b", _("changes nothing: give run B a scenario, knob changes (\"set\") or both"));
  return TRUE;
}

IopAbFile *
iop_ab_file_new_from_data (const char *data,
                           gssize      len,
                           const char *source,
                           GError    **error)
{
  static const char * const known[] = { "format", "kind", "title", "description", "scenario", "io", "faults", "a", "b", NULL };
  g_autoptr(IopAbFile) self = iop_ab_file_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *kind = NULL;
  JsonObject *obj;
  JsonArray *faults;
  guint format = 0;

  if (source == NULL)
    source = "<comparison>";
  if (len < 0)
    len = strlen (data);
  if (len > IOP_AB_FILE_MAX_BYTES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: the file is %zd bytes; a comparison is at most %d bytes"), source, len, IOP_AB_FILE_MAX_BYTES);
      return NULL;
    }
  root = iop_json_parse_document (data, len, source, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      iop_json_check_fail (source, error, "(top level)", _("a comparison is a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  self->source = g_strdup (source);
  if (!iop_lesson_check_members (source, obj, "", known, error))
    return NULL;
  if (!json_object_has_member (obj, "format"))
    {
      iop_json_check_fail (source, error, "format", _("is required (1)"));
      return NULL;
    }
  if (!iop_json_check_uint (source, obj, "format", "(top level)", 1, 1, &format, error) ||
      !iop_lesson_check_text (source, obj, "kind", "", TRUE, &kind, error))
    return NULL;
  if (!g_str_equal (kind, IOP_AB_FILE_KIND))
    {
      iop_json_check_fail (source, error, "kind", _("is “%s”; a comparison's kind is “%s”"), kind, IOP_AB_FILE_KIND);
      return NULL;
    }
  if (!iop_lesson_check_text (source, obj, "title", "", FALSE, &self->title, error) ||
      !iop_lesson_check_text (source, obj, "description", "", FALSE, &self->description, error) ||
      !iop_lesson_check_text (source, obj, "scenario", "", TRUE, &self->scenario, error) ||
      !parse_io (source, obj, self, error))
    return NULL;
  faults = check_list (source, obj, "faults", "", IOP_AB_FILE_MAX_FAULTS, error);
  if (faults == NULL && error && *error)
    return NULL;
  for (guint i = 0; faults && i < json_array_get_length (faults); i++)
    {
      g_autofree char *place = g_strdup_printf ("faults[%u]", i);
      IopFault f;

      memset (&f, 0, sizeof f);
      if (!iop_lesson_parse_fault (source, json_array_get_element (faults, i), place, &f, error))
        return NULL;
      g_array_append_val (self->faults, f);
    }
  if (!parse_runs (source, obj, self, error))
    return NULL;
  return g_steal_pointer (&self);
}

IopAbFile *
iop_ab_file_new_from_file (const char *path,
                           GError    **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!iop_file_read_bounded (path, IOP_AB_FILE_MAX_BYTES, &data, &len, error))
    return NULL;
  return iop_ab_file_new_from_data (data, len, path, error);
}

IopAbFile *
iop_ab_file_new_builtin (const char *id,
                         GError    **error)
{
  g_autofree char *path = g_strdup_printf (RESOURCE_BASE "%s.json", id);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *source = NULL;

  if (bytes == NULL)
    {
      g_auto(GStrv) ids = iop_ab_file_list_builtin ();
      g_autofree char *list = g_strjoinv (", ", ids);

      g_set_error (error, IOP_ERROR, IOP_ERROR_NOT_FOUND,
                   _("No comparison “%s”: the built-in comparisons are %s, or give a path to a .json file"), id, list);
      return NULL;
    }
  source = g_strdup_printf ("%s.json", id);
  return iop_ab_file_new_from_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), source, error);
}

char **
iop_ab_file_list_builtin (void)
{
  return iop_json_resource_ids (RESOURCE_BASE);
}

static gboolean
is_builtin_ref (const char *ref)
{
  return strchr (ref, '/') == NULL && !g_str_has_suffix (ref, ".json");
}

IopAbFile *
iop_ab_file_load (const char *id_or_path,
                  GError    **error)
{
  if (is_builtin_ref (id_or_path))
    return iop_ab_file_new_builtin (id_or_path, error);
  return iop_ab_file_new_from_file (id_or_path, error);
}

gboolean
iop_ab_file_data_is_one (const char *data)
{
  return data != NULL && strstr (data, "\"" IOP_AB_FILE_KIND "\"") != NULL;
}

const char *
iop_ab_file_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* ---- building the runs --------------------------------------------- */

char *
iop_ab_file_scenario_ref (const IopAbFile *self,
                          gboolean         b)
{
  const char *ref = b && self->b_scenario != NULL ? self->b_scenario : self->scenario;

  /* a built-in id, an absolute path, or a comparison built in memory */
  if (is_builtin_ref (ref) || g_path_is_absolute (ref) || self->source == NULL || strchr (self->source, '/') == NULL)
    return g_strdup (ref);
  {
    g_autofree char *dir = g_path_get_dirname (self->source);
    return g_build_filename (dir, ref, NULL);
  }
}

static const char *
source_name (const IopAbFile *self)
{
  return self->source != NULL ? self->source : "<comparison>";
}

static IopScenario *
build_run (const IopAbFile   *self,
           gboolean           b,
           const IopScenario *a,
           GError           **error)
{
  g_autofree char *ref = iop_ab_file_scenario_ref (self, b);
  const char *source = source_name (self);
  GArray *sets = b ? self->b_sets : self->a_sets;
  const char *run = b ? "b" : "a";
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) local = NULL;

  sc = iop_scenario_load (ref, &local);
  if (sc == NULL)
    {
      iop_json_check_fail (source, error, b && self->b_scenario ? "b.scenario" : "scenario", "%s", local->message);
      return NULL;
    }
  if (self->has_version)
    iop_scenario_set_version (sc, self->version);
  /* the same I/O in both runs: what io leaves out is A's scenario's */
  sc->op = self->has_op ? self->op : (a != NULL ? a->op : sc->op);
  sc->io_size = self->has_size ? self->size : (a != NULL ? a->io_size : sc->io_size);
  sc->background_inflight = self->has_inflight ? self->inflight : (a != NULL ? a->background_inflight : sc->background_inflight);
  for (guint i = 0; i < sets->len; i++)
    {
      const IopLessonSet *s = &g_array_index (sets, IopLessonSet, i);

      if (!iop_scenario_apply_assignment (sc, s->host, s->assignment, &local))
        {
          g_autofree char *place = g_strdup_printf ("%s.set[%u]", run, i);
          iop_json_check_fail (source, error, place, "%s (%s): %s", s->assignment, iop_host_name (s->host), local->message);
          return NULL;
        }
    }
  for (guint i = 0; i < self->faults->len; i++)
    if (!iop_scenario_add_fault (sc, &g_array_index (self->faults, IopFault, i), &local))
      {
        g_autofree char *place = g_strdup_printf ("faults[%u]", i);
        /* TRANSLATORS: "run B: the replica does not exist" */
        iop_json_check_fail (source, error, place, _("run %s: %s"), b ? "B" : "A", local->message);
        return NULL;
      }
  if (!iop_scenario_validate (sc, &local))
    {
      iop_json_check_fail (source, error, run, "%s", local->message);
      return NULL;
    }
  return g_steal_pointer (&sc);
}

gboolean
iop_ab_file_build (const IopAbFile *self,
                   IopScenario    **a,
                   IopScenario    **b,
                   GError         **error)
{
  g_autoptr(IopScenario) sa = NULL;
  g_autoptr(IopScenario) sb = NULL;

  g_return_val_if_fail (self != NULL && a != NULL && b != NULL, FALSE);
  sa = build_run (self, FALSE, NULL, error);
  if (sa == NULL)
    return FALSE;
  sb = build_run (self, TRUE, sa, error);
  if (sb == NULL)
    return FALSE;
  *a = g_steal_pointer (&sa);
  *b = g_steal_pointer (&sb);
  return TRUE;
}

static char *
scenario_name (const char *ref)
{
  g_autofree char *base = NULL;

  if (is_builtin_ref (ref))
    return g_strdup (ref);
  base = g_path_get_basename (ref);
  if (g_str_has_suffix (base, ".json"))
    base[strlen (base) - 5] = '\0';
  return g_steal_pointer (&base);
}

char *
iop_ab_file_describe_run (const IopAbFile *self,
                          gboolean         b)
{
  GString *out = g_string_new (NULL);
  GArray *sets = b ? self->b_sets : self->a_sets;

  if (!b || self->b_scenario != NULL)
    {
      g_autofree char *name = scenario_name (b ? self->b_scenario : self->scenario);
      g_string_append_printf (out, _("scenario %s"), name);
    }
  for (guint i = 0; i < sets->len; i++)
    {
      const IopLessonSet *s = &g_array_index (sets, IopLessonSet, i);

      g_string_append_printf (out, "%s%s (%s)", out->len > 0 ? ", " : "", s->assignment, iop_host_name (s->host));
    }
  return g_string_free (out, FALSE);
}

/* ---- writing --------------------------------------------------------- */

/* REF as the file in DIR should name it */
static char *
written_ref (const char *ref,
             const char *dir)
{
  g_autofree char *abs = NULL;
  g_autofree char *base = NULL;

  if (is_builtin_ref (ref))
    return g_strdup (ref);
  abs = g_canonicalize_filename (ref, NULL);
  if (dir == NULL)
    return g_strdup (ref);
  base = g_canonicalize_filename (dir, NULL);
  if (g_str_has_prefix (abs, base) && abs[strlen (base)] == '/')
    return g_strdup (abs + strlen (base) + 1);
  return g_steal_pointer (&abs);
}

static JsonNode *
sets_node (GArray *sets)
{
  JsonArray *a = json_array_new ();

  for (guint i = 0; i < sets->len; i++)
    {
      const IopLessonSet *s = &g_array_index (sets, IopLessonSet, i);

      if (s->host == IOP_HOST_BAREMETAL)
        json_array_add_string_element (a, s->assignment);
      else
        {
          g_autofree char *text = g_strdup_printf ("%s:%s", iop_host_name (s->host), s->assignment);
          json_array_add_string_element (a, text);
        }
    }
  return json_node_init_array (json_node_alloc (), a);
}

static JsonNode *
fault_node (const IopFault *f)
{
  IopFault at = *f;
  g_autofree char *spec = NULL;
  JsonObject *o;
  char *space;

  at.until_ns = 0;
  spec = iop_fault_to_spec (&at);
  /* "replica-b-path0-flap@1s period 2s": the spec is what comes before */
  if ((space = strchr (spec, ' ')) != NULL)
    *space = '\0';
  if (f->until_ns <= 0 && f->kind != IOP_FAULT_PATH_FLAP)
    return json_node_init_string (json_node_alloc (), spec);
  o = json_object_new ();
  json_object_set_string_member (o, "spec", spec);
  if (f->until_ns > 0)
    {
      g_autofree char *until = iop_duration_format (f->until_ns);
      json_object_set_string_member (o, "until", until);
    }
  if (f->kind == IOP_FAULT_PATH_FLAP)
    {
      g_autofree char *period = iop_duration_format (f->period_ns);
      json_object_set_string_member (o, "period", period);
    }
  return json_node_init_object (json_node_alloc (), o);
}

JsonNode *
iop_ab_file_to_json (const IopAbFile *self,
                     const char      *dir)
{
  JsonObject *o = json_object_new ();
  JsonObject *b = json_object_new ();
  g_autofree char *ref = iop_ab_file_scenario_ref (self, FALSE);
  g_autofree char *written = written_ref (ref, dir);

  json_object_set_int_member (o, "format", 1);
  json_object_set_string_member (o, "kind", IOP_AB_FILE_KIND);
  if (self->title != NULL)
    json_object_set_string_member (o, "title", self->title);
  if (self->description != NULL)
    json_object_set_string_member (o, "description", self->description);
  json_object_set_string_member (o, "scenario", written);
  if (self->has_op || self->has_size || self->has_version || self->has_inflight)
    {
      JsonObject *io = json_object_new ();

      if (self->has_op)
        json_object_set_string_member (io, "op", iop_op_name (self->op));
      if (self->has_size)
        json_object_set_int_member (io, "size", self->size);
      if (self->has_version)
        json_object_set_string_member (io, "spdk_version", iop_spdk_version_tag (self->version));
      if (self->has_inflight)
        json_object_set_int_member (io, "inflight", self->inflight);
      json_object_set_object_member (o, "io", io);
    }
  if (self->faults->len > 0)
    {
      JsonArray *a = json_array_new ();

      for (guint i = 0; i < self->faults->len; i++)
        json_array_add_element (a, fault_node (&g_array_index (self->faults, IopFault, i)));
      json_object_set_array_member (o, "faults", a);
    }
  if (self->a_sets->len > 0)
    {
      JsonObject *a = json_object_new ();

      json_object_set_member (a, "set", sets_node (self->a_sets));
      json_object_set_object_member (o, "a", a);
    }
  if (self->b_scenario != NULL)
    {
      g_autofree char *bref = iop_ab_file_scenario_ref (self, TRUE);
      g_autofree char *bwritten = written_ref (bref, dir);

      json_object_set_string_member (b, "scenario", bwritten);
    }
  if (self->b_sets->len > 0)
    json_object_set_member (b, "set", sets_node (self->b_sets));
  json_object_set_object_member (o, "b", b);
  return json_node_init_object (json_node_alloc (), o);
}

gboolean
iop_ab_file_save (const IopAbFile *self,
                  const char      *path,
                  gboolean         force,
                  GError         **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(JsonNode) node = iop_ab_file_to_json (self, dir);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *text = NULL;
  gsize len;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  text = g_realloc (text, len + 2);
  text[len++] = '\n';
  text[len] = '\0';
  if (force)
    /* written beside, then moved over: a failed write leaves what was there */
    return g_file_set_contents (path, text, len, error);
  /* created only if absent, in one step: nothing that exists is replaced */
  out = g_file_create (file, G_FILE_CREATE_NONE, NULL, &local);
  if (out == NULL)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                     _("%s already exists; nothing was written (use --force to replace it)"), path);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (out), text, len, NULL, NULL, &local) ||
      !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local))
    {
      g_file_delete (file, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
