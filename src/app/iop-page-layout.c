/* iop-page-layout.c: a bin layout that measures nothing while its widget is a hidden stack page
 *
 * The window's views sit in homogeneous stacks (AdwViewStack, GtkStack),
 * which measure every page, shown or not, on every layout: the Memory view
 * alone took ~0.4 s of text layout before the first frame, and again on each
 * new window width. A view using this layout measures as 0x0 while the
 * stack keeps it hidden (the child-visible flag of the view, or of a
 * placeholder holding it, is off) and as its children (like GtkBinLayout)
 * when shown; it asks for a new layout when mapped and unmapped, so the size
 * GTK caches for it is always the one for its state. The trace page, always
 * measured, keeps setting the window's size (it is the largest page), so
 * nothing on screen changes.
 *
 * A hidden page's widgets still get their style computed with the rest of
 * the window (GTK styles every visible widget, shown page or not): ~10 ms of
 * CPU before the first frame for the Memory, Workload, Runtime, Recorded and
 * Compare views when the window built them all. iop_page_hide_until_mapped()
 * keeps a view's children hidden until the view first maps, which happens
 * before it is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Iopath-PageLayout"

#include "config.h"

#include "iop-page-layout.h"

struct _IopPageLayout
{
  GtkLayoutManager  parent_instance;

  GtkWidget        *widget;   /* while rooted; not a reference */
  gulong            map_id;
  gulong            unmap_id;
  gboolean          skipped;
};

G_DEFINE_FINAL_TYPE (IopPageLayout, iop_page_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
mapped_cb (GtkWidget *widget,
           gpointer   user_data)
{
  IopPageLayout *self = IOP_PAGE_LAYOUT (user_data);

  if (self->skipped || !gtk_widget_get_mapped (widget))
    gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

/* A stack keeps a hidden page's widget, or the placeholder holding it,
 * "child-visible" off */
static gboolean
is_hidden_page (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_child_visible (w))
      return TRUE;
  return FALSE;
}

static void
iop_page_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  IopPageLayout *self = IOP_PAGE_LAYOUT (manager);

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  self->skipped = is_hidden_page (widget);
  if (self->skipped)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int min, nat, min_baseline, nat_baseline;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, &min_baseline, &nat_baseline);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
      if (min_baseline > -1)
        *minimum_baseline = MAX (*minimum_baseline, min_baseline);
      if (nat_baseline > -1)
        *natural_baseline = MAX (*natural_baseline, nat_baseline);
    }
}

static void
iop_page_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
iop_page_layout_root (GtkLayoutManager *manager)
{
  IopPageLayout *self = IOP_PAGE_LAYOUT (manager);

  self->widget = gtk_layout_manager_get_widget (manager);
  self->map_id = g_signal_connect (self->widget, "map", G_CALLBACK (mapped_cb), self);
  self->unmap_id = g_signal_connect (self->widget, "unmap", G_CALLBACK (mapped_cb), self);
}

static void
iop_page_layout_unroot (GtkLayoutManager *manager)
{
  IopPageLayout *self = IOP_PAGE_LAYOUT (manager);

  if (self->widget != NULL)
    {
      g_clear_signal_handler (&self->map_id, self->widget);
      g_clear_signal_handler (&self->unmap_id, self->widget);
      self->widget = NULL;
    }
}

static void
iop_page_layout_class_init (IopPageLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->measure = iop_page_layout_measure;
  layout_class->allocate = iop_page_layout_allocate;
  layout_class->root = iop_page_layout_root;
  layout_class->unroot = iop_page_layout_unroot;
}

static void
iop_page_layout_init (IopPageLayout *self)
{
}

GtkLayoutManager *
iop_page_layout_new (void)
{
  return g_object_new (IOP_TYPE_PAGE_LAYOUT, NULL);
}

gboolean
iop_page_layout_get_skipped (IopPageLayout *self)
{
  g_return_val_if_fail (IOP_IS_PAGE_LAYOUT (self), FALSE);
  return self->skipped;
}

static void
show_children_cb (GtkWidget *page,
                  gpointer   user_data)
{
  GSList *hidden = g_object_steal_data (G_OBJECT (page), "iop-page-hidden");

  g_signal_handlers_disconnect_by_func (page, show_children_cb, user_data);
  for (GSList *l = hidden; l != NULL; l = l->next)
    gtk_widget_set_visible (l->data, TRUE);
  g_slist_free (hidden);
}

void
iop_page_hide_until_mapped (GtkWidget *page)
{
  GSList *hidden = NULL;

  g_return_if_fail (GTK_IS_WIDGET (page));

  if (gtk_widget_get_mapped (page))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (page); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      {
        gtk_widget_set_visible (child, FALSE);
        hidden = g_slist_prepend (hidden, child);
      }
  if (hidden == NULL)
    return;
  /* the children are the page's own (unparented only in its dispose) */
  g_object_set_data_full (G_OBJECT (page), "iop-page-hidden", hidden, (GDestroyNotify)g_slist_free);
  g_signal_connect (page, "map", G_CALLBACK (show_children_cb), NULL);
}
