/* cli-memory.c: iopath-cli memory --config FILE --core-mask M
 *
 * The minimum iobuf pool sizes for an SPDK JSON config on a core mask, as
 * SPDK's scripts/calc-iobuf.py works them out (src/engine/results/
 * iop-calc-iobuf.c holds the formula, per SPDK tag).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "iop-memory.h"
#include "iop-json-util.h"
#include "iop-scenario.h"
#include "iopath-cli.h"

int
iop_cli_memory_config (const char *opt_config,
                       const char *opt_core_mask,
                       const char *opt_version,
                       gboolean    opt_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *data = NULL;
  gsize len = 0;
  IopSpdkVersion version = IOP_SPDK_VERSION_DEFAULT;
  guint64 mask;
  char *end = NULL;
  gint64 small = 0, large = 0;

  if (opt_core_mask == NULL)
    return iop_cli_fail (IOP_CLI_EXIT_USAGE, _("memory --config needs --core-mask, as scripts/calc-iobuf.py does"));
  /* strtoull takes "-1" (as all 64 bits) and saturates beyond them: neither is a mask */
  errno = 0;
  mask = g_ascii_strtoull (opt_core_mask, &end, 0);
  if (!g_ascii_isdigit (opt_core_mask[0]) || end == opt_core_mask || *end != '\0' || mask == 0 || errno == ERANGE)
    return iop_cli_fail (IOP_CLI_EXIT_USAGE, _("--core-mask takes a mask such as 0xF0, not “%s”"), opt_core_mask);
  if (opt_version != NULL && !iop_spdk_version_parse (opt_version, &version, &error))
    return iop_cli_fail (IOP_CLI_EXIT_FAILED, "%s", error->message);
  /* bounded: a device or FIFO is refused, deep nesting and wrapped integers too */
  if (!iop_file_read_bounded (opt_config, IOP_JSON_MAX_BYTES, &data, &len, &error))
    return iop_cli_fail (IOP_CLI_EXIT_FAILED, "%s", error->message);
  config = iop_json_parse_document (data, len, opt_config, &error);
  if (config == NULL)
    return iop_cli_fail (IOP_CLI_EXIT_FAILED, "%s", error->message);
  if (!iop_calc_iobuf (config, mask, &small, &large, &error))
    return iop_cli_fail (IOP_CLI_EXIT_FAILED, "%s: %s", opt_config, error->message);

  if (!opt_json)
    {
      g_print (_("%s with core mask %s (%u cores), SPDK %s\n"), opt_config, opt_core_mask, iop_cpumask_count (mask), iop_spdk_version_tag (version));
      g_print (_("Minimum small pool size: %" PRId64 "\n"), small);
      g_print (_("Minimum large pool size: %" PRId64 "\n"), large);
      g_print (_("These fill every per-thread cache and leave nothing in the central pools; leave room for the I/O itself.\n"));
      if (version == IOP_SPDK_V26_05)
        g_print (_("At v26.05 scripts/calc-iobuf.py still applies v26.01's transport formula; the transport's own caches are (pool count / 2) / poll groups there.\n"));
      return IOP_CLI_EXIT_OK;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "spdk_tag");
  json_builder_add_string_value (b, iop_spdk_version_tag (version));
  json_builder_set_member_name (b, "config");
  json_builder_add_string_value (b, opt_config);
  json_builder_set_member_name (b, "core_mask");
  json_builder_add_string_value (b, opt_core_mask);
  json_builder_set_member_name (b, "cores");
  json_builder_add_int_value (b, iop_cpumask_count (mask));
  json_builder_set_member_name (b, "minimum_small_pool_count");
  json_builder_add_int_value (b, small);
  json_builder_set_member_name (b, "minimum_large_pool_count");
  json_builder_add_int_value (b, large);
  json_builder_set_member_name (b, "formula");
  json_builder_add_string_value (b, "scripts/calc-iobuf.py: bdev and accel caches x cores, plus for each NVMf transport its buf_cache_size x cores (automatic: (num_shared_buffers * 3 / 4) / cores; large only when io_unit_size > small_bufsize); ublk: 128 small and 32 large per target core");
  json_builder_end_object (b);
  {
    g_autoptr(JsonNode) root = json_builder_get_root (b);
    iop_cli_print_json (root);
  }
  return IOP_CLI_EXIT_OK;
}
