/* iop-test-util.h: helpers shared by the engine tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "iop-error.h"
#include "iop-scenario.h"
#include "iop-sim.h"

/* Loads a built-in scenario and applies "host:method.param=value" settings */
static inline IopScenario *
test_scenario_v (const char *id, int version, const char *const *sets)
{
  g_autoptr(GError) error = NULL;
  IopScenario *sc = iop_scenario_new_builtin (id, &error);

  g_assert_no_error (error);
  if (version >= 0)
    iop_scenario_set_version (sc, (IopSpdkVersion)version);
  for (guint i = 0; sets && sets[i]; i++)
    {
      const char *colon = strchr (sets[i], ':');
      g_autofree char *host = g_strndup (sets[i], colon - sets[i]);
      IopHostId h;

      g_assert_true (iop_host_parse (host, &h, NULL));
      iop_scenario_apply_assignment (sc, h, colon + 1, &error);
      g_assert_no_error (error);
    }
  return sc;
}

#define test_scenario(id, sets) test_scenario_v ((id), -1, (sets))

static inline IopTrace *
test_trace (IopScenario *sc)
{
  g_autoptr(GError) error = NULL;
  IopTrace *t = iop_trace_run (sc, &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

/* First step with KEY (and LEG, or any leg when LEG < -1) */
static inline IopStep *
test_find_step (IopTrace *t, const char *key, int leg)
{
  for (guint i = 0; i < t->steps->len; i++)
    {
      IopStep *s = iop_trace_step (t, i);
      if (g_strcmp0 (s->key, key) == 0 && (leg < -1 || s->leg == leg))
        return s;
    }
  return NULL;
}

static inline IopObject *
test_alloc_in (IopTrace *t, IopStep *s, const char *kind)
{
  for (guint i = 0; s && i < s->allocs->len; i++)
    {
      IopObject *o = g_ptr_array_index (t->objects, g_array_index (s->allocs, IopObjectEvent, i).object);
      if (g_strcmp0 (o->kind, kind) == 0)
        return o;
    }
  return NULL;
}

/* Every object of @kind taken on @leg (-2: any), summed over its steps;
 * the label of the last one in *label */
static inline guint
test_count_allocs (IopTrace *t, const char *key, int leg, const char *kind, const char **label)
{
  guint n = 0;

  for (guint i = 0; i < t->steps->len; i++)
    {
      IopStep *s = g_ptr_array_index (t->steps, i);

      if (g_strcmp0 (s->key, key) != 0 || (leg != -2 && s->leg != leg))
        continue;
      for (guint j = 0; j < s->allocs->len; j++)
        {
          IopObject *o = g_ptr_array_index (t->objects, g_array_index (s->allocs, IopObjectEvent, j).object);

          if (g_strcmp0 (o->kind, kind) == 0)
            {
              n += o->count;
              if (label)
                *label = o->label;
            }
        }
    }
  return n;
}

static inline int
test_gauge (IopTrace *t, const char *key)
{
  for (guint i = 0; i < t->gauges->len; i++)
    if (g_strcmp0 (((IopGauge *)g_ptr_array_index (t->gauges, i))->key, key) == 0)
      return (int)i;
  return -1;
}
