/* iop-lesson-play.c: a lesson's chapters as scenarios and traces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "iop-error.h"
#include "iop-json-check.h"
#include "iop-lesson.h"
#include "iop-sim.h"

/* A scenario named by a path is found beside the lesson file */
char *
iop_lesson_scenario_ref (const IopLesson *self)
{
  const char *ref = self->scenario;

  if (strchr (ref, '/') == NULL && !g_str_has_suffix (ref, ".json"))
    return g_strdup (ref);
  if (g_path_is_absolute (ref) || self->source == NULL || strchr (self->source, '/') == NULL)
    return g_strdup (ref);
  {
    g_autofree char *dir = g_path_get_dirname (self->source);
    return g_build_filename (dir, ref, NULL);
  }
}

IopScenario *
iop_lesson_load_scenario (const IopLesson *self,
                          GError         **error)
{
  g_autofree char *ref = iop_lesson_scenario_ref (self);
  g_autoptr(GError) local = NULL;
  IopScenario *sc = iop_scenario_load (ref, &local);

  if (sc == NULL)
    iop_json_check_fail (self->source, error, "scenario", "%s", local->message);
  return sc;
}

IopScenario *
iop_lesson_build_chapter (const IopLesson   *self,
                          const IopScenario *base,
                          guint              index,
                          GError           **error)
{
  const IopLessonChapter *c;
  g_autoptr(IopScenario) sc = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (index < self->chapters->len, NULL);
  c = g_ptr_array_index (self->chapters, index);
  sc = iop_scenario_copy (base);
  if (c->has_version)
    iop_scenario_set_version (sc, c->version);
  if (c->has_op)
    sc->op = c->op;
  if (c->has_size)
    sc->io_size = c->size;
  if (c->has_inflight)
    sc->background_inflight = c->inflight;
  for (guint i = 0; i < c->sets->len; i++)
    {
      const IopLessonSet *s = &g_array_index (c->sets, IopLessonSet, i);

      if (!iop_scenario_apply_assignment (sc, s->host, s->assignment, &local))
        {
          g_autofree char *place = g_strdup_printf ("chapters[%u].set[%u]", index, i);
          iop_json_check_fail (self->source, error, place, "%s (%s): %s", s->assignment, iop_host_name (s->host), local->message);
          return NULL;
        }
    }
  for (guint i = 0; i < c->faults->len; i++)
    if (!iop_scenario_add_fault (sc, &g_array_index (c->faults, IopFault, i), &local))
      {
        g_autofree char *place = g_strdup_printf ("chapters[%u].faults[%u]", index, i);
        iop_json_check_fail (self->source, error, place, "%s", local->message);
        return NULL;
      }
  if (!iop_scenario_validate (sc, &local))
    {
      g_autofree char *place = g_strdup_printf ("chapters[%u]", index);
      iop_json_check_fail (self->source, error, place, "%s", local->message);
      return NULL;
    }
  return g_steal_pointer (&sc);
}

/* Each pause of chapter I against TRACE, traced at VERSION */
static gboolean
check_pauses (const IopLesson        *self,
              const IopLessonChapter *c,
              guint                   i,
              IopTrace               *trace,
              IopSpdkVersion          version,
              GError                **error)
{
  for (guint p = 0; p < c->pauses->len; p++)
    {
      const IopLessonPause *pause = &g_array_index (c->pauses, IopLessonPause, p);
      guint step = iop_lesson_pause_step_at (pause, version);
      g_autofree char *at = pause->per_version ? g_strdup_printf ("[\"%s\"]", iop_spdk_version_tag (version)) : g_strdup ("");

      if (step >= trace->steps->len)
        {
          g_autofree char *place = g_strdup_printf ("chapters[%u].pauses[%u].step%s", i, p, at);
          return iop_json_check_fail (self->source, error, place,
                                      _("step %u is beyond this chapter's trace: it has steps 0 to %u"),
                                      step, trace->steps->len - 1);
        }
      if (pause->key != NULL && g_strcmp0 (pause->key, iop_trace_step (trace, step)->key) != 0)
        {
          g_autofree char *place = g_strdup_printf ("chapters[%u].pauses[%u].key", i, p);
          return iop_json_check_fail (self->source, error, place,
                                      _("step %u of this chapter's trace is “%s”, not “%s”: the note no longer matches the trace"),
                                      step, iop_trace_step (trace, step)->key, pause->key);
        }
    }
  return TRUE;
}

/* A chapter with a step per SPDK version is traced at the other versions
 * too, so each of its steps is checked */
static gboolean
check_other_versions (const IopLesson        *self,
                      const IopScenario      *base,
                      const IopLessonChapter *c,
                      guint                   i,
                      GError                **error)
{
  gboolean per_version = FALSE;

  for (guint p = 0; p < c->pauses->len; p++)
    per_version |= g_array_index (c->pauses, IopLessonPause, p).per_version;
  if (!per_version)
    return TRUE;
  for (guint v = 0; v < IOP_SPDK_N_VERSIONS; v++)
    {
      g_autoptr(IopScenario) sc = NULL;
      g_autoptr(IopTrace) trace = NULL;
      g_autoptr(GError) local = NULL;

      if (v == c->version)
        continue;
      sc = iop_lesson_build_chapter (self, base, i, error);
      if (sc == NULL)
        return FALSE;
      iop_scenario_set_version (sc, v);
      trace = iop_trace_run (sc, &local);
      if (trace == NULL)
        {
          g_autofree char *place = g_strdup_printf ("chapters[%u]", i);
          return iop_json_check_fail (self->source, error, place, _("cannot be traced at %s: %s"),
                                      iop_spdk_version_tag (v), local->message);
        }
      if (!check_pauses (self, c, i, trace, v, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
iop_lesson_validate (const IopLesson *self,
                     GPtrArray      **traces,
                     GError         **error)
{
  g_autoptr(IopScenario) base = iop_lesson_load_scenario (self, error);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify)iop_trace_unref);

  if (base == NULL)
    return FALSE;
  for (guint i = 0; i < self->chapters->len; i++)
    {
      const IopLessonChapter *c = g_ptr_array_index (self->chapters, i);
      g_autoptr(IopScenario) sc = iop_lesson_build_chapter (self, base, i, error);
      g_autoptr(GError) local = NULL;
      IopTrace *trace;

      if (sc == NULL)
        return FALSE;
      trace = iop_trace_run (sc, &local);
      if (trace == NULL)
        {
          g_autofree char *place = g_strdup_printf ("chapters[%u]", i);
          return iop_json_check_fail (self->source, error, place, _("cannot be traced: %s"), local->message);
        }
      g_ptr_array_add (out, trace);
      if (!check_pauses (self, c, i, trace, sc->version, error) ||
          !check_other_versions (self, base, c, i, error))
        return FALSE;
    }
  if (traces != NULL)
    *traces = g_steal_pointer (&out);
  return TRUE;
}

char **
iop_lesson_describe_changes (const IopLesson *self,
                             guint            index)
{
  const IopLessonChapter *c;
  GPtrArray *lines = g_ptr_array_new ();

  g_return_val_if_fail (index < self->chapters->len, NULL);
  c = g_ptr_array_index (self->chapters, index);
  for (guint i = 0; i < c->sets->len; i++)
    {
      const IopLessonSet *s = &g_array_index (c->sets, IopLessonSet, i);
      g_ptr_array_add (lines, g_strdup_printf ("%s: %s", iop_host_name (s->host), s->assignment));
    }
  for (guint i = 0; i < c->faults->len; i++)
    g_ptr_array_add (lines, iop_fault_describe (&g_array_index (c->faults, IopFault, i)));
  g_ptr_array_add (lines, NULL);
  return (char **)g_ptr_array_free (lines, FALSE);
}
