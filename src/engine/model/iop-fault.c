/* iop-fault.c: fault specifications, as text and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "iop-error.h"
#include "iop-fault.h"

static const struct
{
  IopFaultKind kind;
  const char  *name;
  const char  *suffix;   /* in a spec: replica-b-<suffix> or replica-b-pathN-<suffix> */
  gboolean     per_path;
} kinds[] = {
  { IOP_FAULT_PATH_DOWN, "path-down", "down", TRUE },
  { IOP_FAULT_REPLICA_DOWN, "replica-down", "down", FALSE },
  { IOP_FAULT_KEEPALIVE_LOST, "keepalive-lost", "keepalive-lost", FALSE },
  { IOP_FAULT_PATH_FLAP, "path-flap", "flap", TRUE },
  { IOP_FAULT_STALL, "stall", "stall", FALSE },
};

const char *
iop_fault_kind_name (IopFaultKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == kind)
      return kinds[i].name;
  return "unknown";
}

gboolean
iop_fault_kind_parse (const char   *name,
                      IopFaultKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].name, name) == 0)
      {
        *out = kinds[i].kind;
        return TRUE;
      }
  return FALSE;
}

gboolean
iop_duration_parse (const char *text,
                    gint64     *out_ns,
                    GError    **error)
{
  static const struct { const char *unit; double ns; } units[] = {
    { "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
  };
  g_autofree char *t = NULL;
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    goto bad;
  /* decimal only: g_ascii_strtod would read 0x10 as a hex float (no unit has an x) */
  if (strpbrk (text, "xX") != NULL)
    goto bad;
  t = g_strstrip (g_strdup (text));
  v = g_ascii_strtod (t, &end);
  if (end == t || !(v >= 0))
    goto bad;
  if (*end == '\0')
    {
      if (v != 0)
        goto bad;   /* a bare number is only allowed for 0 */
      *out_ns = 0;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (strcmp (end, units[i].unit) == 0)
      {
        double ns = v * units[i].ns;
        if (ns > 1e16)
          goto bad;
        *out_ns = (gint64)(ns + 0.5);
        return TRUE;
      }
bad:
  g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
               _("“%s” is not a time: write a number and a unit (ns, us, ms or s), such as 5ms or 1.5s"),
               text ? text : "");
  return FALSE;
}

char *
iop_duration_format (gint64 ns)
{
  if (ns == 0)
    return g_strdup ("0");
  if (ns % G_GINT64_CONSTANT (1000000000) == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "s", ns / G_GINT64_CONSTANT (1000000000));
  if (ns % 1000000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "ms", ns / 1000000);
  if (ns % 1000 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "us", ns / 1000);
  return g_strdup_printf ("%" G_GINT64_FORMAT "ns", ns);
}

static gboolean
bad_spec (const char *spec, GError **error)
{
  g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
               _("“%s” is not a fault: write replica-b-down@5ms, replica-b-path0-down@5ms, "
                 "replica-b-path0-flap@1s, replica-b-keepalive-lost@1s or replica-b-stall@2ms"),
               spec ? spec : "");
  return FALSE;
}

gboolean
iop_fault_parse (const char *spec,
                 IopFault   *out,
                 GError    **error)
{
  g_autofree char *s = NULL;
  char *at, *p;
  IopFault f = { 0 };
  gboolean per_path = FALSE;
  gboolean found = FALSE;

  if (spec == NULL || strlen (spec) > 200 || strspn (spec, " \t\n") == strlen (spec))
    return bad_spec (spec, error);
  s = g_ascii_strdown (spec, -1);
  g_strstrip (s);
  at = strchr (s, '@');
  if (at == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("“%s” says no time: add @ and when it strikes, such as %s@5ms"), spec, spec);
      return FALSE;
    }
  *at = '\0';
  if (!iop_duration_parse (at + 1, &f.at_ns, error))
    return FALSE;
  if (!g_str_has_prefix (s, "replica-") || s[8] < 'a' || s[8] > 'h' || s[9] != '-')
    return bad_spec (spec, error);
  f.leg = (guint)(s[8] - 'a');
  f.path = -1;
  p = s + 10;
  if (g_str_has_prefix (p, "path") && g_ascii_isdigit (p[4]) && p[5] == '-')
    {
      f.path = p[4] - '0';
      per_path = TRUE;
      p += 6;
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].per_path == per_path && strcmp (p, kinds[i].suffix) == 0)
      {
        f.kind = kinds[i].kind;
        found = TRUE;
        break;
      }
  if (!found)
    return bad_spec (spec, error);
  if (f.kind == IOP_FAULT_PATH_FLAP)
    f.period_ns = G_GINT64_CONSTANT (2000000000);
  *out = f;
  return TRUE;
}

char *
iop_fault_to_spec (const IopFault *f)
{
  GString *s = g_string_new (NULL);
  g_autofree char *at = iop_duration_format (f->at_ns);

  g_string_append_printf (s, "replica-%c-", 'a' + f->leg);
  if (f->path >= 0)
    g_string_append_printf (s, "path%d-", f->path);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].kind == f->kind)
      g_string_append (s, kinds[i].suffix);
  g_string_append_printf (s, "@%s", at);
  if (f->until_ns > 0)
    {
      g_autofree char *u = iop_duration_format (f->until_ns);
      g_string_append_printf (s, " until %s", u);
    }
  if (f->kind == IOP_FAULT_PATH_FLAP)
    {
      g_autofree char *pp = iop_duration_format (f->period_ns);
      g_string_append_printf (s, " period %s", pp);
    }
  return g_string_free (s, FALSE);
}

static char *
time_str (gint64 ns)
{
  if (ns >= G_GINT64_CONSTANT (1000000000))
    return g_strdup_printf (_("%.6g s"), ns / 1e9);
  if (ns >= 1000000)
    return g_strdup_printf (_("%.6g ms"), ns / 1e6);
  if (ns >= 1000)
    return g_strdup_printf (_("%.6g µs"), ns / 1e3);
  return g_strdup_printf (_("%" PRId64 " ns"), ns);
}

char *
iop_fault_describe (const IopFault *f)
{
  g_autofree char *at = time_str (f->at_ns);
  g_autofree char *until = f->until_ns > 0 ? time_str (f->until_ns) : NULL;
  g_autofree char *what = NULL;
  const char r = 'A' + f->leg;

  switch (f->kind)
    {
    case IOP_FAULT_PATH_DOWN:
      what = g_strdup_printf (_("Path %d of replica %c down"), f->path, r);
      break;
    case IOP_FAULT_REPLICA_DOWN:
      what = g_strdup_printf (_("Every path of replica %c down"), r);
      break;
    case IOP_FAULT_KEEPALIVE_LOST:
      what = g_strdup_printf (_("Keep-alives to storage node %c lost"), r);
      break;
    case IOP_FAULT_PATH_FLAP:
      {
        g_autofree char *pp = time_str (f->period_ns);
        what = g_strdup_printf (_("Path %d of replica %c flapping every %s"), f->path, r, pp);
      }
      break;
    case IOP_FAULT_STALL:
      what = g_strdup_printf (_("Replica %c's SSD stops completing commands"), r);
      break;
    default:
      what = g_strdup ("?");
    }
  if (until != NULL)
    /* Translators: "<fault> from <time> to <time>" */
    return g_strdup_printf (_("%s from %s to %s"), what, at, until);
  /* Translators: "<fault> from <time> on" */
  return g_strdup_printf (_("%s from %s on"), what, at);
}

gboolean
iop_fault_check (const IopFault *f,
                 guint           raid_legs,
                 guint           paths_per_leg,
                 GError        **error)
{
  if (f->leg >= raid_legs)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("There is no replica %c: this scenario has %u replicas (A to %c)"),
                   'A' + f->leg, raid_legs, 'A' + raid_legs - 1);
      return FALSE;
    }
  if (f->path >= 0 && (guint)f->path >= paths_per_leg)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Replica %c has no path %d: it has %u path(s), numbered from 0"),
                   'A' + f->leg, f->path, paths_per_leg);
      return FALSE;
    }
  if (f->at_ns < 0 || f->at_ns > IOP_FAULT_MAX_AT_NS)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A fault must strike within the first 600 s of virtual time"));
      return FALSE;
    }
  if (f->until_ns != 0 && (f->until_ns <= f->at_ns || f->until_ns > IOP_FAULT_MAX_UNTIL_NS))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A fault must end after it strikes and within 3600 s of virtual time"));
      return FALSE;
    }
  if (f->kind == IOP_FAULT_PATH_FLAP && (f->period_ns < 1000000 || f->period_ns > IOP_FAULT_MAX_AT_NS))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A flapping path needs a period between 1 ms and 600 s"));
      return FALSE;
    }
  if (f->kind != IOP_FAULT_PATH_FLAP && f->period_ns != 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("Only a flapping path (replica-X-pathN-flap) has a period: this fault does not flap"));
      return FALSE;
    }
  if (f->kind == IOP_FAULT_PATH_FLAP && f->until_ns == 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("A flapping path needs an end (until): it would flap for ever"));
      return FALSE;
    }
  return TRUE;
}

gboolean
iop_fault_link_up (const IopFault *f,
                   guint           leg,
                   guint           path,
                   gint64          t)
{
  if (f->leg != leg || (f->path >= 0 && (guint)f->path != path))
    return TRUE;
  if (f->kind != IOP_FAULT_PATH_DOWN && f->kind != IOP_FAULT_REPLICA_DOWN && f->kind != IOP_FAULT_PATH_FLAP)
    return TRUE;
  if (t < f->at_ns || (f->until_ns > 0 && t >= f->until_ns))
    return TRUE;
  if (f->kind == IOP_FAULT_PATH_FLAP)
    return ((t - f->at_ns) / f->period_ns) % 2 == 1;
  return FALSE;
}

gint64
iop_fault_next_change (const IopFault *f,
                       gint64          t)
{
  if (t < f->at_ns)
    return f->at_ns;
  if (f->until_ns > 0 && t >= f->until_ns)
    return -1;
  if (f->kind == IOP_FAULT_PATH_FLAP)
    {
      gint64 next = f->at_ns + ((t - f->at_ns) / f->period_ns + 1) * f->period_ns;
      return f->until_ns > 0 ? MIN (next, f->until_ns) : next;
    }
  return f->until_ns > 0 ? f->until_ns : -1;
}

JsonNode *
iop_fault_to_json (const IopFault *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *at = iop_duration_format (f->at_ns);
  char replica[2] = { (char)('A' + f->leg), 0 };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, iop_fault_kind_name (f->kind));
  json_builder_set_member_name (b, "replica");
  json_builder_add_string_value (b, replica);
  if (f->path >= 0)
    {
      json_builder_set_member_name (b, "path");
      json_builder_add_int_value (b, f->path);
    }
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, at);
  if (f->until_ns > 0)
    {
      g_autofree char *u = iop_duration_format (f->until_ns);
      json_builder_set_member_name (b, "until");
      json_builder_add_string_value (b, u);
    }
  if (f->kind == IOP_FAULT_PATH_FLAP)
    {
      g_autofree char *pp = iop_duration_format (f->period_ns);
      json_builder_set_member_name (b, "period");
      json_builder_add_string_value (b, pp);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
json_time (JsonObject *obj, const char *member, const char *where, gint64 *out, GError **error)
{
  JsonNode *n = json_object_get_member (obj, member);
  g_autoptr(GError) local = NULL;

  if (n == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING ||
      !iop_duration_parse (json_node_get_string (n), out, &local))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.%s: %s"), where, member,
                   local ? local->message : _("must be a time as a string, such as \"5ms\""));
      return FALSE;
    }
  return TRUE;
}

gboolean
iop_fault_from_json (JsonObject *obj,
                     const char *where,
                     IopFault   *out,
                     GError    **error)
{
  IopFault f = { 0 };
  const char *kind, *replica;
  JsonNode *n;

  n = json_object_get_member (obj, "kind");
  kind = n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n) : NULL;
  if (kind == NULL || !iop_fault_kind_parse (kind, &f.kind))
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO,
                   _("%s.kind: must be one of path-down, replica-down, keepalive-lost, path-flap, stall"), where);
      return FALSE;
    }
  n = json_object_get_member (obj, "replica");
  replica = n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING ? json_node_get_string (n) : NULL;
  if (replica == NULL || strlen (replica) != 1 || g_ascii_toupper (replica[0]) < 'A' || g_ascii_toupper (replica[0]) > 'H')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.replica: must be a letter, \"A\" to \"H\""), where);
      return FALSE;
    }
  f.leg = (guint)(g_ascii_toupper (replica[0]) - 'A');
  f.path = -1;
  n = json_object_get_member (obj, "path");
  if (n != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 ||
          json_node_get_int (n) < 0 || json_node_get_int (n) > 7)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.path: must be a whole number from 0 to 7"), where);
          return FALSE;
        }
      f.path = (int)json_node_get_int (n);
    }
  if ((f.kind == IOP_FAULT_PATH_DOWN || f.kind == IOP_FAULT_PATH_FLAP) && f.path < 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.path: a %s fault names its path"), where, kind);
      return FALSE;
    }
  if (f.kind != IOP_FAULT_PATH_DOWN && f.kind != IOP_FAULT_PATH_FLAP)
    f.path = -1;
  if (json_object_get_member (obj, "at") == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_SCENARIO, _("%s.at: missing; say when the fault strikes, such as \"5ms\""), where);
      return FALSE;
    }
  f.period_ns = f.kind == IOP_FAULT_PATH_FLAP ? G_GINT64_CONSTANT (2000000000) : 0;
  if (!json_time (obj, "at", where, &f.at_ns, error) ||
      !json_time (obj, "until", where, &f.until_ns, error) ||
      !json_time (obj, "period", where, &f.period_ns, error))
    return FALSE;
  *out = f;
  return TRUE;
}
