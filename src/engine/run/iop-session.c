/* iop-session.c: what one window shows, in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "iop-error.h"
#include "iop-session.h"
#include "iop-sim.h"

/* A seek glides for a quarter second */
#define GLIDE_USEC (250 * G_USEC_PER_SEC / 1000)
/* Playback follows the wall clock: a slow frame (a screen recorder taking
 * the CPU) moves the playhead by the time it took, so a lesson keeps its
 * pace. Only a pause longer than this (the window hidden, the machine
 * suspended) is not made up for. */
#define MAX_FRAME_DT 1.0

struct _IopSession
{
  GObject      parent_instance;

  IopScenario *original;
  char        *scenario_ref;
  IopScenario *scenario;
  IopTrace    *trace;
  char        *refusal;
  gboolean     modified;

  double       position;
  int          current_step;
  gboolean     playing;
  double       speed;
  gboolean     ticking;
  gboolean     smooth;
  gint64       last_frame_time;
  double       step_carry;       /* reduced motion: time owed to the next step */
  gboolean     gliding;
  double       glide_from;
  double       glide_to;
  gint64       glide_start;      /* frame time, 0 until the first tick */
};

enum {
  PROP_0,
  PROP_TRACE,
  PROP_SCENARIO,
  PROP_REFUSAL,
  PROP_ORIGINAL,
  PROP_SCENARIO_REF,
  PROP_MODIFIED,
  PROP_POSITION,
  PROP_CURRENT_STEP,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_ANIMATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (IopSession, iop_session, G_TYPE_OBJECT)

static double
ease_in_out_cubic (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
}

static double
last_position (IopSession *self)
{
  return self->trace ? MAX ((double)self->trace->steps->len - 1, 0.0) : 0.0;
}

static gboolean
animating (IopSession *self)
{
  return self->playing || self->gliding;
}

/* Sets the position and notifies; current-step only when it changes */
static void
set_position_internal (IopSession *self,
                       double      position)
{
  int step;

  position = CLAMP (position, -1.0, last_position (self));
  if (position == self->position)
    return;

  self->position = position;
  step = (int)floor (position + 1e-9);
  step = CLAMP (step, -1, (int)last_position (self));

  if (step != self->current_step)
    {
      self->current_step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
    }
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Around a change: notifies "animating" if the change started or ended
 * the motion */
#define ANIMATING_BEGIN(self) gboolean was_animating_ = animating (self)
#define ANIMATING_END(self)                                                     \
  G_STMT_START {                                                                \
    if (was_animating_ != animating (self))                                     \
      {                                                                         \
        (self)->last_frame_time = 0;                                            \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATING]); \
      }                                                                         \
  } G_STMT_END

static void
set_playing_internal (IopSession *self,
                      gboolean    playing)
{
  if (playing == self->playing)
    return;
  self->playing = playing;
  self->step_carry = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* The knobs (or the version) differ from the scenario as loaded */
static gboolean
knobs_modified (IopSession *self)
{
  IopScenario *sc = self->scenario, *orig = self->original;

  if (sc == NULL || orig == NULL)
    return FALSE;
  if (sc->version != orig->version)
    return TRUE;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      g_autoptr(GPtrArray) defs = NULL;

      if (!sc->hosts[h].present || !orig->hosts[h].present)
        continue;
      defs = iop_scenario_host_knobs (sc, h);
      for (guint i = 0; i < defs->len; i++)
        {
          const IopKnobDef *def = g_ptr_array_index (defs, i);

          if (iop_scenario_knob_value (sc, h, def) != iop_scenario_knob_value (orig, h, def))
            return TRUE;
        }
    }
  return FALSE;
}

/* Shows SC with TRACE (NULL: refused for REFUSAL). Takes a reference on SC
 * and on TRACE. The playhead keeps its step, clamped; a glide lands where it
 * was going. Every field is set before the first notification, and they go
 * out in a fixed order (scenario, refusal, modified, playing, trace,
 * position, current-step), so any handler sees the whole change. */
static void
show (IopSession  *self,
      IopScenario *sc,
      IopTrace    *trace,
      const char  *refusal)
{
  gboolean refusal_changed = g_strcmp0 (refusal, self->refusal) != 0;
  gboolean modified_changed, playing_changed = FALSE;
  double position;
  ANIMATING_BEGIN (self);

  if (trace != NULL)
    iop_trace_ref (trace);
  g_clear_pointer (&self->trace, iop_trace_unref);
  self->trace = trace;
  if (sc != NULL)
    iop_scenario_ref (sc);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  self->scenario = sc;
  if (refusal_changed)
    {
      g_free (self->refusal);
      self->refusal = g_strdup (refusal);
    }
  modified_changed = knobs_modified (self) != self->modified;
  self->modified ^= modified_changed;
  if (self->gliding)
    {
      self->gliding = FALSE;
      self->position = self->glide_to;
    }
  if (trace == NULL && self->playing)
    {
      self->playing = FALSE;
      playing_changed = TRUE;
    }
  position = CLAMP (self->position, -1.0, last_position (self));
  self->position = position;
  self->current_step = CLAMP ((int)floor (position + 1e-9), -1, (int)last_position (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
  if (refusal_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFUSAL]);
  if (modified_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (playing_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);
  /* the step's content changed even if its index did not */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_STEP]);
  ANIMATING_END (self);
}

/* Properties */

static void
iop_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  IopSession *self = IOP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_pointer (value, self->trace);
      break;
    case PROP_SCENARIO:
      g_value_set_pointer (value, self->scenario);
      break;
    case PROP_REFUSAL:
      g_value_set_string (value, self->refusal);
      break;
    case PROP_ORIGINAL:
      g_value_set_pointer (value, self->original);
      break;
    case PROP_SCENARIO_REF:
      g_value_set_string (value, self->scenario_ref);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    case PROP_CURRENT_STEP:
      g_value_set_int (value, self->current_step);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_ANIMATING:
      g_value_set_boolean (value, animating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  IopSession *self = IOP_SESSION (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      iop_session_seek (self, g_value_get_double (value), FALSE);
      break;
    case PROP_PLAYING:
      iop_session_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      iop_session_set_speed (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
iop_session_finalize (GObject *object)
{
  IopSession *self = IOP_SESSION (object);

  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->scenario, iop_scenario_unref);
  g_clear_pointer (&self->original, iop_scenario_unref);
  g_clear_pointer (&self->scenario_ref, g_free);
  g_clear_pointer (&self->refusal, g_free);
  G_OBJECT_CLASS (iop_session_parent_class)->finalize (object);
}

static void
iop_session_class_init (IopSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = iop_session_get_property;
  object_class->set_property = iop_session_set_property;
  object_class->finalize = iop_session_finalize;

  properties[PROP_TRACE] = g_param_spec_pointer ("trace", NULL, NULL, ro);
  properties[PROP_SCENARIO] = g_param_spec_pointer ("scenario", NULL, NULL, ro);
  properties[PROP_REFUSAL] = g_param_spec_string ("refusal", NULL, NULL, NULL, ro);
  properties[PROP_ORIGINAL] = g_param_spec_pointer ("original", NULL, NULL, ro);
  properties[PROP_SCENARIO_REF] = g_param_spec_string ("scenario-ref", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_POSITION] = g_param_spec_double ("position", NULL, NULL, -1.0, G_MAXDOUBLE, -1.0, rw);
  properties[PROP_CURRENT_STEP] = g_param_spec_int ("current-step", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_PLAYING] = g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_SPEED] = g_param_spec_double ("speed", NULL, NULL, 0.05, 100.0, 1.5, rw);
  properties[PROP_ANIMATING] = g_param_spec_boolean ("animating", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
iop_session_init (IopSession *self)
{
  self->position = -1.0;
  self->current_step = -1;
  self->speed = 1.5;
  self->smooth = TRUE;
}

IopSession *
iop_session_new (void)
{
  return g_object_new (IOP_TYPE_SESSION, NULL);
}

/* What is shown */

IopTrace *
iop_session_get_trace (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), NULL);
  return self->trace;
}

IopScenario *
iop_session_get_scenario (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), NULL);
  return self->scenario;
}

const char *
iop_session_get_refusal (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), NULL);
  return self->refusal;
}

IopScenario *
iop_session_get_original (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), NULL);
  return self->original;
}

const char *
iop_session_get_scenario_ref (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), NULL);
  return self->scenario_ref;
}

gboolean
iop_session_get_modified (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  return self->modified;
}

/* Changes */

gboolean
iop_session_load_scenario (IopSession  *self,
                           IopScenario *sc,
                           const char  *ref,
                           GError     **error)
{
  g_autoptr(GError) refusal = NULL;
  g_autoptr(IopTrace) trace = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (sc != NULL && ref != NULL, FALSE);

  trace = iop_trace_run (sc, &refusal);
  if (trace == NULL && !g_error_matches (refusal, IOP_ERROR, IOP_ERROR_INVALID_VALUE))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&refusal), _("%s cannot be traced: "), ref);
      return FALSE;
    }

  iop_session_set_playing (self, FALSE);
  iop_scenario_ref (sc);
  g_clear_pointer (&self->original, iop_scenario_unref);
  self->original = sc;
  g_free (self->scenario_ref);
  self->scenario_ref = g_strdup (ref);
  self->gliding = FALSE;
  self->position = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGINAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO_REF]);
  show (self, trace != NULL ? trace->scenario : sc, trace, refusal ? refusal->message : NULL);
  return TRUE;
}

/* Traces CANDIDATE and shows it. SPDK's refusal is shown too when
 * SHOW_REFUSAL, or when the session already shows one (the edit is kept,
 * with the new reason); it is an error unless SHOW_REFUSAL. */
static gboolean
run_and_show (IopSession  *self,
              IopScenario *candidate,
              gboolean     show_refusal,
              GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(IopTrace) trace = NULL;

  trace = iop_trace_run (candidate, &local);
  if (trace != NULL)
    {
      show (self, trace->scenario, trace, NULL);
      return TRUE;
    }
  if (g_error_matches (local, IOP_ERROR, IOP_ERROR_INVALID_VALUE))
    {
      if (show_refusal || (self->trace == NULL && self->scenario != NULL))
        show (self, candidate, NULL, local->message);
      if (show_refusal)
        return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
iop_session_apply (IopSession  *self,
                   IopScenario *candidate,
                   GError     **error)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  return run_and_show (self, candidate, FALSE, error);
}

gboolean
iop_session_show_scenario (IopSession  *self,
                           IopScenario *candidate,
                           GError     **error)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);

  return run_and_show (self, candidate, TRUE, error);
}

void
iop_session_show_trace (IopSession *self,
                        IopTrace   *trace)
{
  g_return_if_fail (IOP_IS_SESSION (self));

  show (self, trace != NULL ? trace->scenario : NULL, trace, NULL);
}

/* A copy of the scenario in force to change, or NULL (and ERROR) */
static IopScenario *
copy_scenario (IopSession  *self,
               GError     **error)
{
  if (self->scenario == NULL)
    {
      g_set_error_literal (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("No scenario is loaded"));
      return NULL;
    }
  return iop_scenario_copy (self->scenario);
}

gboolean
iop_session_set_knob_text (IopSession  *self,
                           IopHostId    host,
                           const char  *id,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL && text != NULL, FALSE);

  copy = copy_scenario (self, error);
  if (copy == NULL || !iop_scenario_set_knob_text (copy, host, id, text, error))
    return FALSE;
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_reset_knob (IopSession  *self,
                        IopHostId    host,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  copy = copy_scenario (self, error);
  if (copy == NULL)
    return FALSE;
  iop_scenario_reset_knob (copy, host, id);
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_reset_all_knobs (IopSession  *self,
                             GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);

  copy = copy_scenario (self, error);
  if (copy == NULL)
    return FALSE;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    iop_scenario_reset_all_knobs (copy, h);
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_restore_knobs (IopSession  *self,
                           IopScenario *before,
                           GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  copy = copy_scenario (self, error);
  if (copy == NULL)
    return FALSE;
  for (guint h = 0; h < IOP_N_HOSTS; h++)
    {
      if (!copy->hosts[h].present || !before->hosts[h].present || copy->version != before->version)
        continue;
      memcpy (copy->hosts[h].values, before->hosts[h].values, iop_knob_def_count () * sizeof (gint64));
      memcpy (copy->hosts[h].set, before->hosts[h].set, iop_knob_def_count () * sizeof (gboolean));
    }
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_revert (IopSession  *self,
                    GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);

  if (self->original == NULL || self->scenario == NULL)
    {
      g_set_error_literal (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("No scenario is loaded"));
      return FALSE;
    }
  copy = iop_scenario_copy (self->original);
  copy->op = self->scenario->op;
  copy->io_size = self->scenario->io_size;
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_set_op (IopSession  *self,
                    IopOp        op,
                    GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);

  if (self->scenario != NULL && self->scenario->op == op)
    return TRUE;
  copy = copy_scenario (self, error);
  if (copy == NULL)
    return FALSE;
  copy->op = op;
  return iop_session_apply (self, copy, error);
}

gboolean
iop_session_set_io_size (IopSession  *self,
                         gint64       io_size,
                         GError     **error)
{
  g_autoptr(IopScenario) copy = NULL;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);

  if (self->scenario != NULL && self->scenario->io_size == io_size)
    return TRUE;
  copy = copy_scenario (self, error);
  if (copy == NULL)
    return FALSE;
  copy->io_size = io_size;
  return iop_session_apply (self, copy, error);
}

/* The playhead */

double
iop_session_get_position (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), -1.0);
  return self->position;
}

int
iop_session_get_current_step (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), -1);
  return self->current_step;
}

void
iop_session_seek (IopSession *self,
                  double      position,
                  gboolean    animate)
{
  g_return_if_fail (IOP_IS_SESSION (self));

  ANIMATING_BEGIN (self);
  position = CLAMP (position, -1.0, last_position (self));
  if (!animate || !self->ticking || !self->smooth || self->trace == NULL)
    {
      self->gliding = FALSE;
      set_position_internal (self, position);
    }
  else if (fabs (position - self->position) >= 1e-6)
    {
      self->glide_from = self->position;
      self->glide_to = position;
      self->glide_start = 0;
      self->gliding = TRUE;
    }
  ANIMATING_END (self);
}

void
iop_session_step (IopSession *self,
                  int         delta)
{
  double from;

  g_return_if_fail (IOP_IS_SESSION (self));

  /* repeated presses add up: count from where a glide is going */
  from = self->gliding ? self->glide_to : self->position;
  if (delta > 0)
    iop_session_seek (self, floor (from + 1e-9) + delta, TRUE);
  else if (delta < 0)
    iop_session_seek (self, ceil (from - 1e-9) + delta, TRUE);
}

void
iop_session_set_playing (IopSession *self,
                         gboolean    playing)
{
  g_return_if_fail (IOP_IS_SESSION (self));

  ANIMATING_BEGIN (self);
  playing = !!playing && self->trace != NULL;
  if (playing == self->playing)
    return;
  /* play at the end starts over from the guest */
  if (playing && self->position >= last_position (self))
    set_position_internal (self, -1.0);
  set_playing_internal (self, playing);
  ANIMATING_END (self);
}

gboolean
iop_session_get_playing (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  return self->playing;
}

void
iop_session_set_speed (IopSession *self,
                       double      steps_per_second)
{
  g_return_if_fail (IOP_IS_SESSION (self));

  steps_per_second = CLAMP (steps_per_second, 0.05, 100.0);
  if (steps_per_second == self->speed)
    return;
  self->speed = steps_per_second;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

double
iop_session_get_speed (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), 1.5);
  return self->speed;
}

gboolean
iop_session_get_animating (IopSession *self)
{
  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);
  return animating (self);
}

void
iop_session_set_ticker (IopSession *self,
                        gboolean    ticking,
                        gboolean    smooth)
{
  g_return_if_fail (IOP_IS_SESSION (self));

  ANIMATING_BEGIN (self);
  self->ticking = !!ticking;
  self->smooth = !!smooth;
  self->last_frame_time = 0;
  /* no one to draw the glide: it lands at once */
  if ((!self->ticking || !self->smooth) && self->gliding)
    {
      self->gliding = FALSE;
      set_position_internal (self, self->glide_to);
    }
  ANIMATING_END (self);
}

gboolean
iop_session_tick (IopSession *self,
                  gint64      frame_time)
{
  double dt;

  g_return_val_if_fail (IOP_IS_SESSION (self), FALSE);

  ANIMATING_BEGIN (self);
  dt = self->last_frame_time ? (frame_time - self->last_frame_time) / (double)G_USEC_PER_SEC : 0.0;
  self->last_frame_time = frame_time;
  dt = CLAMP (dt, 0.0, MAX_FRAME_DT);

  if (self->gliding)
    {
      double t;

      if (self->glide_start == 0)
        self->glide_start = frame_time;
      t = (frame_time - self->glide_start) / (double)GLIDE_USEC;
      if (t >= 1.0)
        {
          self->gliding = FALSE;
          set_position_internal (self, self->glide_to);
        }
      else
        set_position_internal (self, self->glide_from + (self->glide_to - self->glide_from) * ease_in_out_cubic (t));
    }
  else if (self->playing && self->trace != NULL)
    {
      double end = last_position (self);
      double next;

      if (self->smooth)
        next = self->position + self->speed * dt;
      else
        {
          /* reduced motion: whole steps, at the same pace */
          self->step_carry += self->speed * dt;
          next = self->position;
          while (self->step_carry >= 1.0)
            {
              next = floor (next + 1e-9) + 1.0;
              self->step_carry -= 1.0;
            }
        }
      if (next >= end)
        {
          set_position_internal (self, end);
          set_playing_internal (self, FALSE);
        }
      else
        set_position_internal (self, next);
    }

  ANIMATING_END (self);
  return animating (self);
}

/* Observers */

typedef struct
{
  GObject               *observer;  /* alive while the closure is: watched */
  IopSessionTraceFunc    on_trace;
  IopSessionPositionFunc on_position;
  IopSessionStepFunc     on_step;
} Follower;

static void
follower_free (gpointer  data,
               GClosure *closure G_GNUC_UNUSED)
{
  g_free (data);
}

/* show() notifies position and current-step after each new trace */
static void
follow_trace_cb (IopSession *self,
                 GParamSpec *pspec G_GNUC_UNUSED,
                 Follower   *f)
{
  f->on_trace (f->observer, self->trace);
}

static void
follow_position_cb (IopSession *self,
                    GParamSpec *pspec G_GNUC_UNUSED,
                    Follower   *f)
{
  f->on_position (f->observer, self->position);
}

static void
follow_step_cb (IopSession *self,
                GParamSpec *pspec G_GNUC_UNUSED,
                Follower   *f)
{
  f->on_step (f->observer, self->trace, self->current_step);
}

static void
connect_follower (IopSession *self,
                  const char *signal,
                  GCallback   callback,
                  Follower   *f)
{
  GClosure *closure = g_cclosure_new (callback, g_memdup2 (f, sizeof *f), follower_free);

  g_object_watch_closure (f->observer, closure);
  g_signal_connect_closure (self, signal, closure, FALSE);
}

void
iop_session_follow (IopSession             *self,
                    gpointer                observer,
                    IopSessionTraceFunc     on_trace,
                    IopSessionPositionFunc  on_position,
                    IopSessionStepFunc      on_step)
{
  Follower f = { observer, on_trace, on_position, on_step };

  g_return_if_fail (IOP_IS_SESSION (self));
  g_return_if_fail (G_IS_OBJECT (observer));

  if (on_trace != NULL)
    {
      connect_follower (self, "notify::trace", G_CALLBACK (follow_trace_cb), &f);
      on_trace (observer, self->trace);
    }
  if (on_position != NULL)
    {
      connect_follower (self, "notify::position", G_CALLBACK (follow_position_cb), &f);
      on_position (observer, self->position);
    }
  if (on_step != NULL)
    {
      connect_follower (self, "notify::current-step", G_CALLBACK (follow_step_cb), &f);
      on_step (observer, self->trace, self->current_step);
    }
}
