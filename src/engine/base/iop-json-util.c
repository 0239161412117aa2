/* iop-json-util.c: small JSON helpers shared by the config, runtime and live readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "iop-error.h"
#include "iop-json-util.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

IopJsonScan
iop_json_scan_value (const char *data,
                     gsize       len,
                     gsize      *end,
                     GError    **error)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE, escape = FALSE;

  while (i < len && is_space (data[i]))
    i++;
  if (i == len)
    return IOP_JSON_SCAN_INCOMPLETE;
  if (data[i] != '{' && data[i] != '[')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("expected a JSON object or array, found “%c”"), g_ascii_isprint (data[i]) ? data[i] : '?');
      return IOP_JSON_SCAN_INVALID;
    }
  for (; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            {
              g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("unbalanced “%c”"), c);
              return IOP_JSON_SCAN_INVALID;
            }
          if (--depth == 0)
            {
              *end = i + 1;
              return IOP_JSON_SCAN_COMPLETE;
            }
          break;
        default:
          break;
        }
    }
  return IOP_JSON_SCAN_INCOMPLETE;
}

char *
iop_json_prepare (const char *data,
                  gsize       len,
                  const char *source,
                  GError    **error)
{
  char *out = g_malloc (len + 1);
  gsize i = 0;
  guint line = 1;
  gsize line_start = 0;
  gboolean in_string = FALSE, escape = FALSE;

  memcpy (out, data, len);
  out[len] = '\0';

  while (i < len)
    {
      char c = out[i];

      if (c == '\0')
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("%s:%u:%zu: a NUL byte: this is not a text file"),
                       source, line, i - line_start + 1);
          g_free (out);
          return NULL;
        }
      if (c == '\n')
        {
          line++;
          line_start = i + 1;
          in_string = FALSE; /* JSON strings cannot span lines; let the parser say so */
          i++;
          continue;
        }
      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"')
            in_string = FALSE;
          i++;
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          i++;
          continue;
        }
      if (c == '/' && i + 1 < len && out[i + 1] == '/')
        {
          while (i < len && out[i] != '\n')
            out[i++] = ' ';
          continue;
        }
      if (c == '/' && i + 1 < len && out[i + 1] == '*')
        {
          guint start_line = line;
          gsize start_col = i - line_start + 1;
          gboolean closed = FALSE;

          out[i++] = ' ';
          out[i++] = ' ';
          while (i < len)
            {
              if (out[i] == '*' && i + 1 < len && out[i + 1] == '/')
                {
                  out[i++] = ' ';
                  out[i++] = ' ';
                  closed = TRUE;
                  break;
                }
              if (out[i] == '\n')
                {
                  line++;
                  line_start = i + 1;
                }
              else
                out[i] = ' ';
              i++;
            }
          if (!closed)
            {
              g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                           _("%s:%u:%zu: a comment that never ends"),
                           source, start_line, start_col);
              g_free (out);
              return NULL;
            }
          continue;
        }
      if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i;
          gboolean integer = TRUE;

          while (i < len && (g_ascii_isdigit (out[i]) || strchr ("+-.eE", out[i]) != NULL))
            {
              if (strchr (".eE", out[i]) != NULL)
                integer = FALSE;
              i++;
            }
          if (integer && i - start >= 19)
            {
              g_autofree char *num = g_strndup (out + start, i - start);
              char *endp = NULL;

              errno = 0;
              g_ascii_strtoll (num, &endp, 10);
              if (errno == ERANGE)
                {
                  g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                               _("%s:%u:%zu: the number %s does not fit in 64 bits"),
                               source, line, start - line_start + 1, num);
                  g_free (out);
                  return NULL;
                }
            }
          continue;
        }
      i++;
    }
  return out;
}

static void
offset_to_line_col (const char *data,
                    gsize       offset,
                    guint      *line,
                    gsize      *col)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = i + 1;
      }
  *col = offset - line_start + 1;
}

JsonNode *
iop_json_parse_document (const char *data,
                         gsize       len,
                         const char *source,
                         GError    **error)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  gsize end = 0;
  gsize i;

  text = iop_json_prepare (data, len, source, error);
  if (text == NULL)
    return NULL;
  for (i = 0; i < len && is_space (text[i]); i++)
    ;
  if (i == len)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s: the file is empty"), source);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &local))
    {
      const char *msg = local->message;

      if (g_str_has_prefix (msg, "<data>:"))
        g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, "%s:%s", source, msg + strlen ("<data>:"));
      else
        g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s: not valid JSON: %s"), source, msg);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s: the file is empty"), source);
      return NULL;
    }
  /* json-glib stops after the first object; SPDK would not read the rest either */
  if (iop_json_scan_value (text, len, &end, NULL) == IOP_JSON_SCAN_COMPLETE)
    {
      for (i = end; i < len && is_space (text[i]); i++)
        ;
      if (i < len)
        {
          guint line;
          gsize col;

          offset_to_line_col (text, i, &line, &col);
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("%s:%u:%zu: more content after the end of the top-level value"),
                       source, line, col);
          return NULL;
        }
    }
  return json_node_copy (json_parser_get_root (parser));
}

gboolean
iop_json_node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

gboolean
iop_json_get_int (JsonObject *obj,
                  const char *member,
                  gint64     *out)
{
  JsonNode *n;

  if (obj == NULL || (n = json_object_get_member (obj, member)) == NULL || !iop_json_node_is_int (n))
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

const char *
iop_json_get_str (JsonObject *obj,
                  const char *member)
{
  JsonNode *n;

  if (obj == NULL || (n = json_object_get_member (obj, member)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

JsonArray *
iop_json_get_array (JsonObject *obj,
                    const char *member)
{
  JsonNode *n;

  if (obj == NULL || (n = json_object_get_member (obj, member)) == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return NULL;
  return json_node_get_array (n);
}

JsonObject *
iop_json_get_object (JsonObject *obj,
                     const char *member)
{
  JsonNode *n;

  if (obj == NULL || (n = json_object_get_member (obj, member)) == NULL || !JSON_NODE_HOLDS_OBJECT (n))
    return NULL;
  return json_node_get_object (n);
}

char *
iop_format_count (gint64 v)
{
  g_autofree char *digits = g_strdup_printf ("%" PRIu64, v < 0 ? (guint64)0 - (guint64)v : (guint64)v);
  GString *s = g_string_new (v < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}
