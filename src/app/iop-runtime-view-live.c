/* iop-runtime-view-live.c: the runtime view attached to a running SPDK
 *
 * Attaching and detaching, the status bar above the pages, and each
 * sample of the live connection turned into a runtime to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-RuntimeView"
#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "iop-cores-diagram.h"
#include "iop-error.h"
#include "iop-json-util.h"
#include "iop-runtime-view-private.h"
#include "iop-format.h"

/* Asked once after each connection, for the roles and the findings */
static const char *const live_once_methods[] = {
  "spdk_get_version", "nvmf_get_transports", "nvmf_get_subsystems", "nvmf_get_stats",
  "bdev_nvme_get_controllers", "bdev_nvme_get_io_paths", "bdev_get_bdevs",
  "bdev_raid_get_bdevs", "thread_get_io_channels", NULL
};

/* --- Live ----------------------------------------------------------------- */

static void
live_bar_update (IopRuntimeView *self)
{
  IopLiveState state = self->live ? iop_live_get_state (self->live) : IOP_LIVE_STOPPED;
  const char *err = self->live ? iop_live_get_error (self->live) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  gboolean trouble = FALSE;
  const char *icon = "busy";

  gtk_revealer_set_reveal_child (self->live_revealer, self->live != NULL);
  if (self->live == NULL)
    {
      gtk_spinner_stop (self->live_spinner);
      return;
    }

  /* Translators: the live state ("Connected", "Timed out"…) and SPDK's socket */
  title = g_strdup_printf (_("%s — %s"), iop_live_state_label (state), self->live_socket);
  switch (state)
    {
    case IOP_LIVE_CONNECTED:
      icon = "ok";
      if (self->live_samples == 0)
        detail = g_strdup_printf (_("Waiting for the first sample · every %.3g s · read-only"), self->live_interval);
      else
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Every %.3g s · %u sample · read-only methods only",
                                               "Every %.3g s · %u samples · read-only methods only",
                                               self->live_samples),
                                  self->live_interval, self->live_samples);
      break;
    case IOP_LIVE_CONNECTING:
    case IOP_LIVE_STOPPED:
      detail = g_strdup (_("Opening SPDK's JSON-RPC socket…"));
      break;
    case IOP_LIVE_RECONNECTING:
      trouble = err != NULL;
      detail = err ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u failed attempt; trying again every %.3g s",
                                                   "%s · %u failed attempts; trying again every %.3g s",
                                                   iop_live_get_failures (self->live)),
                                      err, iop_live_get_failures (self->live), self->live_interval)
                   : g_strdup (_("Trying again…"));
      break;
    case IOP_LIVE_TIMED_OUT:
    case IOP_LIVE_CLOSED:
    case IOP_LIVE_MALFORMED_REPLY:
    default:
      trouble = TRUE;
      icon = "trouble";
      detail = g_strdup_printf (_("%s · reconnecting at the next interval"), err ? err : iop_live_state_label (state));
      break;
    }
  gtk_label_set_text (self->live_title, title);
  gtk_label_set_text (self->live_detail, detail);
  gtk_stack_set_visible_child_name (self->live_icon_stack, icon);
  if (g_strcmp0 (icon, "busy") == 0)
    gtk_spinner_start (self->live_spinner);
  else
    gtk_spinner_stop (self->live_spinner);
  if (trouble)
    gtk_widget_add_css_class (self->live_bar, "trouble");
  else
    gtk_widget_remove_css_class (self->live_bar, "trouble");
}

static void
live_state_cb (IopLive        *live,
               GParamSpec     *pspec,
               IopRuntimeView *self)
{
  IopLiveState state = iop_live_get_state (live);

  if (state == IOP_LIVE_CONNECTED)
    {
      for (guint i = 0; live_once_methods[i]; i++)
        iop_live_send (live, live_once_methods[i], NULL);
    }
  else if (state != IOP_LIVE_STOPPED)
    {
      /* Rates need two samples of one connection */
      g_clear_pointer (&self->live_prev, json_node_unref);
      if (iop_live_get_error (live) != NULL && !self->live_error_shown &&
          (state != IOP_LIVE_CONNECTING))
        {
          self->live_error_shown = TRUE;
          iop_runtime_view_set_error (self, iop_live_get_error (live), TRUE);
        }
    }
  live_bar_update (self);
  iop_runtime_view_notify (self, PROP_LIVE_STATE);
}

static void
live_reply_cb (IopLive        *live,
               const char     *method,
               JsonNode       *result,
               IopRuntimeView *self)
{
  for (guint i = 0; live_once_methods[i]; i++)
    if (g_strcmp0 (live_once_methods[i], method) == 0)
      g_hash_table_insert (self->live_replies, g_strdup (method), json_node_copy (result));
}

static char *
live_group (const char *socket)
{
  g_autofree char *base = g_path_get_basename (socket);
  char *dot = strchr (base, '.');

  if (dot && dot != base)
    *dot = '\0';
  return g_strdup (base);
}

static void
live_sample_cb (IopLive        *live,
                JsonNode       *sample,
                double          t,
                IopRuntimeView *self)
{
  g_autoptr(JsonNode) rates = NULL;
  g_autofree char *group = live_group (self->live_socket);
  IopRuntime *rt;
  GHashTableIter iter;
  gpointer k, v;

  if (sample == NULL || !JSON_NODE_HOLDS_OBJECT (sample))
    return;
  if (self->live_prev != NULL)
    rates = iop_runtime_rates (self->live_prev, sample, t - self->live_prev_t);
  if (rates != NULL && json_object_get_boolean_member_with_default (json_node_get_object (rates), "counters_reset", FALSE))
    iop_runtime_view_show_toast (self, _("Counters went down since the last sample: the target restarted or its counters were reset. The rates start again from this sample."));
  g_clear_pointer (&self->live_prev, json_node_unref);
  self->live_prev = json_node_copy (sample);
  self->live_prev_t = t;
  self->live_samples++;

  rt = iop_runtime_new ();
  g_hash_table_iter_init (&iter, self->live_replies);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      g_autofree char *name = g_strdup_printf ("live:%s", (char *)k);
      iop_runtime_add_node (rt, group, name, v);
    }
  {
    JsonObject *o = json_node_get_object (sample);
    g_autoptr(GList) members = json_object_get_members (o);

    for (GList *l = members; l; l = l->next)
      {
        g_autofree char *name = g_strdup_printf ("live:%s", (char *)l->data);
        iop_runtime_add_node (rt, group, name, json_object_get_member (o, l->data));
      }
  }
  if (iop_runtime_explain (rt)->len == 0)
    {
      iop_runtime_free (rt);
      live_bar_update (self);
      return;
    }
  iop_runtime_view_show_runtime (self, rt, TRUE, rates);
  live_bar_update (self);
}

static gboolean
live_tick_cb (gpointer user_data)
{
  live_bar_update (user_data);
  return G_SOURCE_CONTINUE;
}

void
iop_runtime_view_live_stop (IopRuntimeView *self)
{
  g_clear_handle_id (&self->live_tick_id, g_source_remove);
  if (self->live == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->live, self);
  iop_live_stop (self->live);
  g_clear_object (&self->live);
  g_clear_pointer (&self->live_prev, json_node_unref);
  g_hash_table_remove_all (self->live_replies);
  live_bar_update (self);
  iop_runtime_view_notify (self, PROP_LIVE_STATE);
}

/* --- Public API ------------------------------------------------------------ */

void
iop_runtime_view_attach (IopRuntimeView *self,
                         const char     *socket_path,
                         double          interval_s)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  iop_runtime_view_live_stop (self);
  if (socket_path == NULL || *socket_path == '\0')
    socket_path = IOP_LIVE_DEFAULT_SOCKET;
  g_free (self->live_socket);
  self->live_socket = g_strdup (socket_path);
  self->live_interval = CLAMP (interval_s > 0 ? interval_s : 1.0, 0.05, 3600);
  self->live_samples = 0;
  self->live_error_shown = FALSE;

  self->live = iop_live_new (socket_path);
  iop_live_set_interval (self->live, (guint)(self->live_interval * 1000));
  iop_live_set_timeout (self->live, (guint)MAX (5000, 2 * self->live_interval * 1000));
  g_signal_connect (self->live, "notify::state", G_CALLBACK (live_state_cb), self);
  g_signal_connect (self->live, "reply", G_CALLBACK (live_reply_cb), self);
  g_signal_connect (self->live, "sample", G_CALLBACK (live_sample_cb), self);
  iop_live_start (self->live);
  self->live_tick_id = g_timeout_add_seconds (1, live_tick_cb, self);
  live_bar_update (self);
  iop_runtime_view_update_actions (self);
}

void
iop_runtime_view_detach (IopRuntimeView *self)
{
  g_return_if_fail (IOP_IS_RUNTIME_VIEW (self));

  if (self->live == NULL)
    return;
  iop_runtime_view_live_stop (self);
  iop_runtime_view_update_actions (self);
  if (self->runtime_is_live)
    {
      /* Translators: %s is SPDK's socket */
      g_autofree char *msg = g_strdup_printf (_("Detached from %s; the last sample stays on screen"), self->live_socket);
      iop_runtime_view_show_toast (self, msg);
    }
}
