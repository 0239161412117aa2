/* test-outcome.c: the outcome card of a trace (iop-outcome.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "iop-outcome.h"
#include "iop-sim.h"

static IopTrace *
run (const char *id,
     IopOp       op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin (id, &error);
  IopTrace *trace;

  g_assert_no_error (error);
  sc->op = op;
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  return trace;
}

/* The guest's completion step */
static const IopStep *
guest_complete (IopTrace *trace)
{
  for (int i = (int)trace->steps->len - 1; i >= 0; i--)
    if (iop_trace_step (trace, (guint)i)->stage == IOP_STAGE_GUEST_COMPLETE)
      return iop_trace_step (trace, (guint)i);
  g_assert_not_reached ();
  return NULL;
}

static void
check_sum_and_balance (IopTrace *trace, const IopOutcomeReport *r)
{
  const IopStep *gc = guest_complete (trace);
  gint64 sum = 0;
  guint64 taken = 0, returned = 0;

  /* the hops add up to the guest's end-to-end time */
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      g_assert_cmpint (r->hops[h].down_ns, >=, 0);
      g_assert_cmpint (r->hops[h].up_ns, >=, 0);
      g_assert_cmpint (r->hops[h].wait_ns, >=, 0);
      sum += iop_hop_time_total (&r->hops[h]);
    }
  g_assert_cmpint (r->end_ns, ==, gc->t_ns + gc->dur_ns);
  g_assert_cmpint (r->start_ns, ==, trace->start_ns);
  g_assert_cmpint (sum, ==, r->total_ns);
  g_assert_cmpint (r->total_ns, ==, gc->t_ns + gc->dur_ns - trace->start_ns);

  /* every object taken went back, pool by pool */
  g_assert_true (r->balanced);
  g_assert_cmpuint (r->pools->len, >, 0);
  for (guint i = 0; i < r->pools->len; i++)
    {
      const IopPoolBalance *b = &g_array_index (r->pools, IopPoolBalance, i);

      g_assert_cmpuint (b->taken, ==, b->returned);
      g_assert_null (b->held);
      taken += b->taken;
      returned += b->returned;
    }
  /* ...and the pools hold every object of the trace */
  for (guint i = 0; i < trace->objects->len; i++)
    taken -= MAX (((IopObject *)g_ptr_array_index (trace->objects, i))->count, 1);
  g_assert_cmpuint (taken, ==, 0);
  g_assert_cmpuint (returned, ==, taken + returned);
}

static void
test_raid270 (gconstpointer data)
{
  IopOp op = GPOINTER_TO_INT (data);
  g_autoptr(IopTrace) trace = run ("raid270", op);
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);
  g_autofree char *text = iop_outcome_report_to_text (r);
  g_autoptr(JsonNode) json = iop_outcome_report_to_json (r);
  gint64 media = iop_hop_time_total (&r->hops[IOP_HOP_MEDIA]);

  check_sum_and_balance (trace, r);
  g_assert_cmpint (r->outcome, ==, IOP_OUTCOME_COMPLETED);
  g_assert_null (r->fault);
  /* every hop of the deployment takes time, the media most */
  for (guint h = 0; h < IOP_N_HOPS; h++)
    {
      g_assert_cmpint (iop_hop_time_total (&r->hops[h]), >, 0);
      g_assert_cmpint (iop_hop_time_total (&r->hops[h]), <=, media);
      g_assert_cmpint (r->hops[h].wait_ns, ==, 0);
    }
  /* the write goes to both replicas and joins on the later one; a read to one */
  if (op == IOP_OP_WRITE)
    {
      g_assert_cmpuint (r->legs_used, ==, 3);
      g_assert_cmpint (r->critical_leg, >=, 0);
    }
  else
    {
      g_assert_cmpuint (__builtin_popcount (r->legs_used), ==, 1);
      g_assert_nonnull (strstr (r->path, "served by replica"));
    }
  g_assert_cmpuint (r->legs_failed, ==, 0);
  g_assert_cmpint (r->leg_path[r->critical_leg], ==, 0);
  g_assert_cmpuint (r->threads->len, >=, 2);
  g_assert_nonnull (strstr (text, "Outcome: completed"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json), "balanced"));
}

static void
test_outage (void)
{
  g_autoptr(IopTrace) trace = run ("raid270-outage-30s", IOP_OP_WRITE);
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);
  g_autofree char *text = iop_outcome_report_to_text (r);
  g_autofree char *table = iop_trace_to_table (trace);
  gint64 waited = 0;

  check_sum_and_balance (trace, r);
  g_assert_cmpint (r->outcome, ==, IOP_OUTCOME_LATE);
  /* held in the retry queue from the second path's disconnect (2.67 s: two
   * detections and two 1 s waits for the connection manager) to 30.67 s */
  g_assert_cmpint (trace->held_ns, >=, 27 * G_GINT64_CONSTANT (1000000000));
  /* the same words as the table's outcome line, with the wait */
  g_assert_nonnull (strstr (r->summary, "completed late, waited 28.000 s for a path"));
  g_assert_nonnull (strstr (table, r->summary));
  g_assert_nonnull (strstr (text, "waited 28.000 s for a path"));
  /* the wait is on replica B, and the hops account for it */
  g_assert_cmpint (r->critical_leg, ==, 1);
  g_assert_cmpint (r->leg_wait_ns[1], >=, trace->held_ns);
  for (guint h = 0; h < IOP_N_HOPS; h++)
    waited += r->hops[h].wait_ns;
  g_assert_cmpint (waited, >=, trace->held_ns);
  g_assert_cmpint (r->hops[IOP_HOP_INITIATOR].wait_ns, >=, trace->held_ns);
  g_assert_nonnull (r->fault);
  g_assert_nonnull (strstr (r->fault, "Replica B waited"));
}

static void
test_fast_fail (void)
{
  g_autoptr(IopTrace) trace = run ("raid270-outage-fast-fail", IOP_OP_WRITE);
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);

  check_sum_and_balance (trace, r);
  /* replica B's I/O fails after fast_io_fail_timeout_sec; RAID1 completes on A, late */
  g_assert_cmpint (r->outcome, ==, IOP_OUTCOME_LATE);
  g_assert_cmpuint (r->legs_failed, ==, 2);
  g_assert_cmpint (r->leg_wait_ns[1], >=, 5 * G_GINT64_CONSTANT (1000000000));
  g_assert_nonnull (strstr (r->fault, "then its I/O failed"));
  g_assert_nonnull (strstr (r->path, "replica B: failed"));
}

static void
test_outage_read (void)
{
  g_autoptr(IopTrace) trace = run ("raid270-outage-30s", IOP_OP_READ);
  g_autoptr(IopOutcomeReport) r = iop_outcome_report_new (trace);

  check_sum_and_balance (trace, r);
  g_assert_cmpint (r->outcome, ==, IOP_OUTCOME_COMPLETED);
  g_assert_cmpint (r->served_by, ==, 0);
  g_assert_nonnull (strstr (r->fault, "did not delay"));
}

static void
test_failed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IopScenario) sc = iop_scenario_new_builtin ("raid270", &error);
  g_autoptr(IopTrace) trace = NULL;
  g_autoptr(IopOutcomeReport) r = NULL;

  /* both replicas gone for good, fast_io_fail after 2 s: the guest sees an error */
  g_assert_true (iop_scenario_apply_assignment (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.fast_io_fail_timeout_sec=2", &error));
  g_assert_true (iop_scenario_apply_assignment (sc, IOP_HOST_BAREMETAL, "bdev_nvme_set_options.reconnect_delay_sec=1", &error));
  g_assert_no_error (error);
  sc->op = IOP_OP_WRITE;
  {
    IopFault f = { 0 };
    g_assert_true (iop_fault_parse ("replica-a-down@1ms", &f, &error));
    g_assert_true (iop_scenario_add_fault (sc, &f, &error));
    g_assert_true (iop_fault_parse ("replica-b-down@1ms", &f, &error));
    g_assert_true (iop_scenario_add_fault (sc, &f, &error));
  }
  trace = iop_trace_run (sc, &error);
  g_assert_no_error (error);
  r = iop_outcome_report_new (trace);
  g_assert_cmpint (r->outcome, ==, IOP_OUTCOME_FAILED);
  g_assert_nonnull (strstr (r->summary, "failed"));
  g_assert_cmpuint (r->legs_failed, ==, 3);
  g_assert_nonnull (strstr (r->fault, "then its I/O failed"));
  check_sum_and_balance (trace, r);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/outcome/raid270/write", GINT_TO_POINTER (IOP_OP_WRITE), test_raid270);
  g_test_add_data_func ("/outcome/raid270/read", GINT_TO_POINTER (IOP_OP_READ), test_raid270);
  g_test_add_func ("/outcome/outage-30s/write", test_outage);
  g_test_add_func ("/outcome/outage-30s/read", test_outage_read);
  g_test_add_func ("/outcome/outage-fast-fail/write", test_fast_fail);
  g_test_add_func ("/outcome/both-down/failed", test_failed);
  return g_test_run ();
}
