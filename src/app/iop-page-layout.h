/* iop-page-layout.h: a bin layout that measures nothing while its widget is a hidden stack page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define IOP_TYPE_PAGE_LAYOUT (iop_page_layout_get_type ())
G_DECLARE_FINAL_TYPE (IopPageLayout, iop_page_layout, IOP, PAGE_LAYOUT, GtkLayoutManager)

GtkLayoutManager *iop_page_layout_new (void);

/* TRUE when the last measure was skipped because the widget was hidden */
gboolean          iop_page_layout_get_skipped (IopPageLayout *self);

/* For a view that is a page of a stack, at the end of its init: its
 * children stay hidden (no style, no layout, no drawing) until it first
 * maps, which is before it is ever on screen. */
void              iop_page_hide_until_mapped  (GtkWidget     *page);

G_END_DECLS
