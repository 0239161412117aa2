/* iop-explain-panel.c: what happens at the current step, and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-ExplainPanel"

#include "config.h"

#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "iop-explain-panel.h"
#include "iop-plot.h"
#include "iop-explanations.h"
#include "iop-format.h"

struct _IopExplainPanel
{
  GtkWidget   parent_instance;

  IopTrace   *trace;
  int         step;
  IopScenario *refused;
  char       *refusal;
  char       *body_markup;

  /* Template widgets */
  GtkWidget  *scroller;
  AdwClamp   *clamp;
  GtkLabel   *run_label;
  GtkLabel   *step_label;
  GtkLabel   *where_label;
  GtkLabel   *title_label;
  GtkLabel   *detail_label;
  GtkWidget  *knobs_box;
  GtkLabel   *body_title_label;
  GtkLabel   *body_label;
};

G_DEFINE_FINAL_TYPE (IopExplainPanel, iop_explain_panel, GTK_TYPE_WIDGET)

enum {
  KNOB_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const IopKnobDef *
find_knob (const IopScenario *scenario,
           IopHostId          host,
           const char        *id)
{
  return iop_knob_def_find (id, host, scenario->hosts[host].target_trtype, scenario->version);
}

char *
iop_linkify_knobs (const char        *text,
                   const IopScenario *scenario,
                   IopHostId          host)
{
  static GRegex *token;
  g_autoptr(GMatchInfo) match = NULL;
  GString *out;
  gsize last = 0;

  if (text == NULL)
    return g_strdup ("");
  if (g_once_init_enter (&token))
    g_once_init_leave (&token, g_regex_new ("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  out = g_string_new (NULL);
  g_regex_match (token, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *id = g_match_info_fetch (match, 0);
      IopHostId h = host;
      const IopKnobDef *def = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (scenario != NULL)
        {
          def = find_knob (scenario, h, id);
          if (def == NULL)
            {
              h = host == IOP_HOST_BAREMETAL ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
              def = find_knob (scenario, h, id);
            }
        }
      if (def != NULL)
        {
          g_autofree char *before = g_markup_escape_text (text + last, start - last);
          g_autofree char *escaped = g_markup_escape_text (id, -1);

          g_string_append (out, before);
          g_string_append_printf (out, "<a href=\"knob:%s/%s\" title=\"%s\">%s</a>",
                                  iop_host_name (h), escaped,
                                  /* Translators: tooltip of a knob link */
                                  _("Show this knob"), escaped);
          last = end;
        }
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + last, -1);
    g_string_append (out, rest);
  }
  /* Identifiers broken across lines must not gain hyphens that are not in them */
  g_string_prepend (out, "<span insert_hyphens=\"false\">");
  g_string_append (out, "</span>");
  return g_string_free (out, FALSE);
}

static char *
place_text (const IopStep *s)
{
  switch (s->place)
    {
    case IOP_PLACE_BAREMETAL:
      return g_strdup (_("Baremetal host"));
    case IOP_PLACE_NETWORK:
      return g_strdup (_("Network"));
    case IOP_PLACE_STORAGE:
    default:
      if (s->node >= 0)
        /* Translators: %c is a replica letter, A or B */
        return g_strdup_printf (_("Storage node %c"), 'A' + s->node);
      return g_strdup (_("Storage node"));
    }
}

static IopHostId
step_host (const IopStep *s)
{
  return s->place == IOP_PLACE_STORAGE ? IOP_HOST_STORAGE : IOP_HOST_BAREMETAL;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static gboolean
activate_link_cb (IopExplainPanel *self,
                  const char      *uri,
                  GtkLabel        *label)
{
  const char *rest;
  const char *slash;
  g_autofree char *host_name = NULL;
  IopHostId host;

  if (!g_str_has_prefix (uri, "knob:"))
    return FALSE;
  rest = uri + strlen ("knob:");
  slash = strchr (rest, '/');
  if (slash == NULL)
    return TRUE;
  host_name = g_strndup (rest, slash - rest);
  if (!iop_host_parse (host_name, &host, NULL))
    return TRUE;
  g_signal_emit (self, signals[KNOB_ACTIVATED], 0, (int)host, slash + 1);
  return TRUE;
}

/* SPDK would not start: there is no step, only the reason */
static void
show_refusal (IopExplainPanel *self)
{
  g_autofree char *reason = iop_linkify_knobs (self->refusal, self->refused, IOP_HOST_STORAGE);
  g_autofree char *body = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->step_label), TRUE);
  gtk_label_set_text (self->step_label, _("No trace"));
  gtk_label_set_text (self->where_label, self->refused->title ? self->refused->title : "");
  gtk_label_set_text (self->title_label, _("SPDK Would Not Start"));
  gtk_label_set_markup (self->detail_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), TRUE);
  gtk_widget_set_visible (self->knobs_box, FALSE);
  gtk_label_set_text (self->body_title_label, _("Why there is nothing to trace"));
  self->body_markup = g_markup_printf_escaped ("%s\n\n%s",
                                               _("Iopath runs SPDK’s own start-up checks before tracing. With these settings SPDK stops "
                                                 "with the error above, the way it would on a real host, so no I/O ever flows."),
                                               _("Change the knob the message names in the Knobs panel. The trace appears as soon as "
                                                 "SPDK would accept the settings."));
  body = g_strdup (self->body_markup);
  gtk_label_set_markup (self->body_label, body);
  gtk_widget_set_visible (GTK_WIDGET (self->body_title_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "refused");
}

/* Before the first step: the request is still in the guest */
static void
show_before_first_step (IopExplainPanel *self)
{
  const IopScenario *sc;
  gint64 bytes = self->trace->scenario->io_size;
  g_autofree char *size = bytes % 1024 == 0
                          /* Translators: an I/O size in KiB */
                          ? g_strdup_printf (_("%" PRId64 " KiB"), bytes / 1024)
                          : g_format_size_full ((guint64)bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  sc = self->trace->scenario;
  title = g_strdup_printf (sc->op == IOP_OP_READ ? _("A %s read leaves the guest") : _("A %s write leaves the guest"), size);
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), TRUE);
  gtk_label_set_text (self->step_label, _("Before step 1"));
  gtk_label_set_text (self->where_label, _("Guest VM · SPDK has not seen it yet"));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->detail_label, sc->title ? sc->title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), sc->title != NULL);
  gtk_widget_set_visible (self->knobs_box, FALSE);
  gtk_label_set_text (self->body_title_label, _("The scenario"));
  self->body_markup = iop_linkify_knobs (sc->description ? sc->description : "", sc, IOP_HOST_BAREMETAL);
  body = g_strdup_printf ("%s\n\n<i>%s</i>", self->body_markup,
                          _("Press Space to play, or → to go one step at a time."));
  gtk_label_set_markup (self->body_label, body);
  gtk_widget_set_visible (GTK_WIDGET (self->body_title_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), TRUE);
}

static void
show_no_step (IopExplainPanel *self)
{
  gtk_label_set_text (self->step_label, "");
  gtk_label_set_text (self->where_label, "");
  gtk_label_set_text (self->title_label, _("No step"));
  gtk_label_set_text (self->detail_label, "");
  gtk_label_set_text (self->body_title_label, "");
  gtk_label_set_text (self->body_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), FALSE);
}

/* Where and when step S runs: "Baremetal host · nvmf_tgt_poll_group_000 on
 * core 5 · at 1.18 µs · leg A" */
static char *
where_text (const IopStep *s)
{
  g_autofree char *place = NULL;
  g_autofree char *t = NULL;
  char *where;

  place = place_text (s);
  t = iop_format_step_time (s->t_ns);
  if (s->thread != NULL && s->core >= 0)
    /* Translators: where and when a step runs: "Baremetal host · nvmf_tgt_poll_group_000 on core 5 · at 1.18 µs" */
    where = g_strdup_printf (_("%s · %s on core %d · at %s"), place, s->thread, s->core, t);
  else
    /* Translators: where and when a step runs: "Network · at 2.42 µs" */
    where = g_strdup_printf (_("%s · at %s"), place, t);
  if (s->leg >= 0)
    {
      /* Translators: appended to the place: the RAID leg, A or B */
      g_autofree char *leg = g_strdup_printf (_(" · leg %c"), 'A' + s->leg);
      char *tmp = g_strconcat (where, leg, NULL);
      g_free (where);
      where = tmp;
    }
  if (s->waited)
    {
      char *tmp = g_strconcat (where, _(" · waited for a resource"), NULL);
      g_free (where);
      where = tmp;
    }
  return where;
}

/* One knob that governs the step, with what its value did */
static void
add_step_knob (IopExplainPanel   *self,
               const IopStepKnob *k,
               const IopScenario *sc,
               IopHostId          host)
{
  g_autofree char *value = iop_knob_format (k->def, k->value);
  g_autofree char *def_value = iop_knob_format (k->def, iop_knob_def_default (k->def, sc->version));
  g_autofree char *effect = g_markup_escape_text (k->effect ? k->effect : "", -1);
  g_autofree char *markup = NULL;
  g_autofree char *host_prefix = NULL;
  GtkWidget *label;

  if (k->host != host)
    host_prefix = g_strdup_printf ("%s: ", iop_host_name (k->host));
  if (k->value != iop_knob_def_default (k->def, sc->version))
    /* Translators: a knob at a step: "bdev_set_options.bdev_io_cache_size = 128 (default 256) — effect" */
    markup = g_markup_printf_escaped (_("%s<a href=\"knob:%s/%s\">%s</a> = <b>%s</b> <span alpha=\"60%%\">(default %s)</span>"),
                                      host_prefix ? host_prefix : "", iop_host_name (k->host), k->def->id,
                                      k->def->id, value, def_value);
  else
    markup = g_markup_printf_escaped (_("%s<a href=\"knob:%s/%s\">%s</a> = <b>%s</b> <span alpha=\"60%%\">(default)</span>"),
                                      host_prefix ? host_prefix : "", iop_host_name (k->host), k->def->id,
                                      k->def->id, value);
  if (*effect)
    {
      char *tmp = g_strconcat (markup, " — ", effect, NULL);
      g_free (markup);
      markup = tmp;
    }
  label = gtk_label_new (NULL);
  {
    g_autofree char *nohyphen = g_strdup_printf ("<span insert_hyphens=\"false\">%s</span>", markup);
    gtk_label_set_markup (GTK_LABEL (label), nohyphen);
  }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  g_signal_connect_swapped (label, "activate-link", G_CALLBACK (activate_link_cb), self);
  /* The accent rule is the box's border: a label with CSS padding
   * mismeasures its wrapped height */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_add_css_class (box, "step-knob");
    gtk_box_append (GTK_BOX (box), label);
    gtk_box_append (GTK_BOX (self->knobs_box), box);
  }
}

static void
show_step (IopExplainPanel *self)
{
  const IopStep *s;
  const IopExplanation *ex;
  const IopScenario *sc;
  IopHostId host;
  g_autofree char *step_text = NULL;
  g_autofree char *where = NULL;
  g_autofree char *detail = NULL;

  sc = self->trace->scenario;
  s = iop_trace_step (self->trace, (guint)self->step);
  host = step_host (s);
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), TRUE);

  /* Translators: "Step 5 of 69" */
  step_text = g_strdup_printf (_("Step %d of %u"), self->step + 1, self->trace->steps->len);
  gtk_label_set_text (self->step_label, step_text);

  where = where_text (s);
  gtk_label_set_text (self->where_label, where);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->where_label), where);

  gtk_label_set_text (self->title_label, s->title);
  detail = iop_linkify_knobs (s->detail, sc, host);
  gtk_label_set_markup (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), s->detail && *s->detail);

  /* The knobs that govern this step, with what their value did */
  for (guint i = 0; s->knobs && i < s->knobs->len; i++)
    add_step_knob (self, g_ptr_array_index (s->knobs, i), sc, host);
  gtk_widget_set_visible (self->knobs_box, s->knobs && s->knobs->len > 0);

  ex = iop_trace_step_explanation (self->trace, s);
  if (ex != NULL)
    {
      gtk_label_set_text (self->body_title_label, _(ex->title));
      g_autofree char *body = iop_trace_step_explanation_text (self->trace, s);

      self->body_markup = iop_linkify_knobs (body, sc, host);
      gtk_label_set_markup (self->body_label, self->body_markup);
    }
  else
    {
      gtk_label_set_text (self->body_title_label, "");
      gtk_label_set_text (self->body_label, "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->body_title_label), ex != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), ex != NULL);
}

static void
update (IopExplainPanel *self)
{
  clear_box (self->knobs_box);
  g_clear_pointer (&self->body_markup, g_free);

  if (self->refused != NULL)
    {
      show_refusal (self);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self), "refused");

  if (self->trace != NULL && self->step < 0)
    show_before_first_step (self);
  else if (self->trace == NULL || self->step < 0 || (guint)self->step >= self->trace->steps->len)
    show_no_step (self);
  else
    show_step (self);
}

static void
iop_explain_panel_dispose (GObject *object)
{
  IopExplainPanel *self = IOP_EXPLAIN_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), IOP_TYPE_EXPLAIN_PANEL);
  {
    GtkWidget *child;

    /* The template's root child is not bound to a field: unparent it too */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_pointer (&self->trace, iop_trace_unref);
  g_clear_pointer (&self->refused, iop_scenario_unref);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->body_markup, g_free);
  G_OBJECT_CLASS (iop_explain_panel_parent_class)->dispose (object);
}

static void
iop_explain_panel_class_init (IopExplainPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = iop_explain_panel_dispose;

  signals[KNOB_ACTIVATED] =
    g_signal_new ("knob-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/iopath/Iopath/ui/iop-explain-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, clamp);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, run_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, step_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, where_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, detail_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, knobs_box);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, body_title_label);
  gtk_widget_class_bind_template_child (widget_class, IopExplainPanel, body_label);
  gtk_widget_class_bind_template_callback (widget_class, activate_link_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "iopexplainpanel");
}

static void
iop_explain_panel_init (IopExplainPanel *self)
{
  PangoAttrList *attrs;

  self->step = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Thread names broken across lines must not gain hyphens */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (self->where_label, attrs);
  gtk_label_set_attributes (self->title_label, attrs);
  pango_attr_list_unref (attrs);
}

GtkWidget *
iop_explain_panel_new (void)
{
  return g_object_new (IOP_TYPE_EXPLAIN_PANEL, NULL);
}

void
iop_explain_panel_set_step (IopExplainPanel *self,
                            IopTrace        *trace,
                            int              step)
{
  g_return_if_fail (IOP_IS_EXPLAIN_PANEL (self));

  if (trace != self->trace)
    {
      if (trace != NULL)
        iop_trace_ref (trace);
      g_clear_pointer (&self->trace, iop_trace_unref);
      self->trace = trace;
    }
  self->step = step;
  update (self);
}

void
iop_explain_panel_set_run_label (IopExplainPanel *self,
                                 const char      *label)
{
  g_return_if_fail (IOP_IS_EXPLAIN_PANEL (self));

  gtk_label_set_text (self->run_label, label != NULL ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->run_label), label != NULL);
}

IopTrace *
iop_explain_panel_get_step (IopExplainPanel *self,
                            int             *step)
{
  g_return_val_if_fail (IOP_IS_EXPLAIN_PANEL (self), NULL);
  if (step != NULL)
    *step = self->step;
  return self->trace;
}

const char *
iop_explain_panel_get_run_label (IopExplainPanel *self)
{
  g_return_val_if_fail (IOP_IS_EXPLAIN_PANEL (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->run_label)) ? gtk_label_get_text (self->run_label) : NULL;
}

void
iop_explain_panel_set_presentation (IopExplainPanel *self,
                                    gboolean         presentation)
{
  g_return_if_fail (IOP_IS_EXPLAIN_PANEL (self));

  if (presentation)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  adw_clamp_set_maximum_size (self->clamp, presentation ? 1500 : 980);
}

void
iop_explain_panel_set_refusal (IopExplainPanel *self,
                               IopScenario     *scenario,
                               const char      *reason)
{
  g_return_if_fail (IOP_IS_EXPLAIN_PANEL (self));

  if (scenario != NULL)
    iop_scenario_ref (scenario);
  g_clear_pointer (&self->refused, iop_scenario_unref);
  self->refused = scenario;
  g_free (self->refusal);
  self->refusal = g_strdup (reason);
  update (self);
}

const char *
iop_explain_panel_get_body_markup (IopExplainPanel *self)
{
  g_return_val_if_fail (IOP_IS_EXPLAIN_PANEL (self), NULL);
  return self->body_markup;
}
