/* iop-json-util.c: small JSON helpers shared by the config, runtime and live readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iop-error.h"
#include "iop-json-util.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
iop_json_scanner_init (IopJsonScanner *scanner)
{
  memset (scanner, 0, sizeof *scanner);
  scanner->line = 1;
}

IopJsonScan
iop_json_scanner_feed (IopJsonScanner *s,
                       const char     *data,
                       gsize           len,
                       gsize          *end,
                       GError        **error)
{
  gsize i = s->pos;

  if (!s->started)
    {
      while (i < len && is_space (data[i]))
        {
          if (data[i] == '\n')
            {
              s->line++;
              s->line_start = i + 1;
            }
          i++;
        }
      s->pos = i;
      if (i == len)
        return IOP_JSON_SCAN_INCOMPLETE;
      if (data[i] != '{' && data[i] != '[')
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("expected a JSON object or array, found “%c”"), g_ascii_isprint (data[i]) ? data[i] : '?');
          return IOP_JSON_SCAN_INVALID;
        }
      s->started = TRUE;
    }
  for (; i < len; i++)
    {
      char c = data[i];

      if (c == '\n')
        {
          s->line++;
          s->line_start = i + 1;
        }
      if (s->in_string)
        {
          if (s->escape)
            s->escape = FALSE;
          else if (c == '\\')
            s->escape = TRUE;
          else if (c == '"')
            s->in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          s->in_string = TRUE;
          break;
        case '\'':
          /* json-glib reads 'strings' too; a " in one would fool this scan */
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("line %u, column %zu: a string in single quotes; JSON strings take double quotes"),
                       s->line, i - s->line_start + 1);
          s->pos = i;
          return IOP_JSON_SCAN_INVALID;
        case '{':
        case '[':
          if (s->depth >= IOP_JSON_MAX_DEPTH)
            {
              g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                           _("line %u, column %zu: nested more than %d levels deep; Iopath reads at most %d (SPDK's own output stays under 20)"),
                           s->line, i - s->line_start + 1, IOP_JSON_MAX_DEPTH, IOP_JSON_MAX_DEPTH);
              s->pos = i;
              return IOP_JSON_SCAN_INVALID;
            }
          s->depth++;
          break;
        case '}':
        case ']':
          if (s->depth == 0)
            {
              g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("unbalanced “%c”"), c);
              s->pos = i;
              return IOP_JSON_SCAN_INVALID;
            }
          if (--s->depth == 0)
            {
              *end = i + 1;
              s->pos = i + 1;
              return IOP_JSON_SCAN_COMPLETE;
            }
          break;
        default:
          break;
        }
    }
  s->pos = i;
  return IOP_JSON_SCAN_INCOMPLETE;
}

IopJsonScan
iop_json_scan_value (const char *data,
                     gsize       len,
                     gsize      *end,
                     GError    **error)
{
  IopJsonScanner scanner;

  iop_json_scanner_init (&scanner);
  return iop_json_scanner_feed (&scanner, data, len, end, error);
}

/* The end of the JSON number at DATA[I] (I is at '-' or a digit); *INTEGER
 * says whether it has neither fraction nor exponent. */
static gsize
number_end (const char *data,
            gsize       len,
            gsize       i,
            gboolean   *integer)
{
  *integer = TRUE;
  if (i < len && data[i] == '-')
    i++;
  while (i < len && g_ascii_isdigit (data[i]))
    i++;
  if (i < len && data[i] == '.')
    {
      *integer = FALSE;
      i++;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  if (i < len && (data[i] == 'e' || data[i] == 'E'))
    {
      *integer = FALSE;
      i++;
      if (i < len && (data[i] == '+' || data[i] == '-'))
        i++;
      while (i < len && g_ascii_isdigit (data[i]))
        i++;
    }
  return i;
}

/* Four hex digits at P, or -1 */
static int
hex4 (const char *p,
      const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      int d = g_ascii_xdigit_value (p[k]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* The escape whose letter is at *I (just after its backslash): json-glib 1.6
 * takes unknown escapes, \u with fewer than four hex digits and half of a
 * UTF-16 surrogate pair, and gives strings that are not UTF-8 (which every
 * label and JSON writer downstream then chokes on). On success *I is past it. */
static gboolean
check_escape (const char  *text,
              gsize        len,
              gsize       *i,
              const char  *source,
              guint        line,
              gsize        line_start,
              GError     **error)
{
  const char *p = text + *i, *end = text + len;
  gsize col = *i - line_start;   /* the backslash's column, from 1 */
  int u, low;

  if (strchr ("\"\\/bfnrt", *p) != NULL)
    {
      (*i)++;
      return TRUE;
    }
  if (*p != 'u')
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("%s:%u:%zu: not valid JSON: a backslash in a string starts an escape (\\n, \\\", \\u00e9 …), not “\\%c”"),
                   source, line, col, g_ascii_isprint (*p) ? *p : '?');
      return FALSE;
    }
  u = hex4 (p + 1, end);
  if (u < 0)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("%s:%u:%zu: not valid JSON: \\u takes four hex digits"), source, line, col);
      return FALSE;
    }
  *i += 5;
  if (u >= 0xDC00 && u <= 0xDFFF)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("%s:%u:%zu: not valid JSON: \\u%04X is the second half of a UTF-16 surrogate pair, alone"),
                   source, line, col, (guint)u);
      return FALSE;
    }
  if (u >= 0xD800 && u <= 0xDBFF)
    {
      low = end - (p + 5) >= 6 && p[5] == '\\' && p[6] == 'u' ? hex4 (p + 7, end) : -1;
      if (low < 0xDC00 || low > 0xDFFF)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("%s:%u:%zu: not valid JSON: \\u%04X is the first half of a UTF-16 surrogate pair, without its second half"),
                       source, line, col, (guint)u);
          return FALSE;
        }
      *i += 6;
    }
  return TRUE;
}

/* Blanks the C comment that starts at OUT[*I] up to its end, keeping
 * line breaks; *I ends after it, *LINE and *LINE_START follow it. */
static gboolean
blank_block_comment (char        *out,
                     gsize        len,
                     gsize       *i,
                     guint       *line,
                     gsize       *line_start,
                     const char  *source,
                     GError     **error)
{
  guint start_line = *line;
  gsize start_col = *i - *line_start + 1;

  out[(*i)++] = ' ';
  out[(*i)++] = ' ';
  while (*i < len)
    {
      if (out[*i] == '*' && *i + 1 < len && out[*i + 1] == '/')
        {
          out[(*i)++] = ' ';
          out[(*i)++] = ' ';
          return TRUE;
        }
      if (out[*i] == '\n')
        {
          (*line)++;
          *line_start = *i + 1;
        }
      else
        out[*i] = ' ';
      (*i)++;
    }
  g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
               _("%s:%u:%zu: a comment that never ends"),
               source, start_line, start_col);
  return FALSE;
}

/* Checks the number that starts at OUT[*I] ('-' or a digit) and moves *I
 * past it. json-glib reads 0x10 as 16, 010 as 8 and 0b1 as 1, and wraps
 * them beyond 64 bits unchecked; JSON has none of them. */
static gboolean
check_number (const char  *out,
              gsize        len,
              gsize       *i,
              const char  *source,
              guint        line,
              gsize        line_start,
              GError     **error)
{
  gsize start = *i;
  gsize digits = out[start] == '-' ? start + 1 : start;
  gboolean integer;

  if (digits + 1 < len && out[digits] == '0' &&
      (g_ascii_isdigit (out[digits + 1]) || strchr ("xXbBoO", out[digits + 1]) != NULL))
    {
      gsize e = digits + 1;
      g_autofree char *num = NULL;

      while (e < len && e - start < 40 && g_ascii_isalnum (out[e]))
        e++;
      num = g_strndup (out + start, e - start);
      g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                   _("%s:%u:%zu: %s is not a JSON number: JSON numbers are decimal, without leading zeros"),
                   source, line, start - line_start + 1, num);
      return FALSE;
    }
  *i = number_end (out, len, start, &integer);
  if (integer && *i - start >= 19)
    {
      g_autofree char *num = g_strndup (out + start, MIN (*i - start, 64));
      char *endp = NULL;

      errno = 0;
      g_ascii_strtoll (num, &endp, 10);
      if (errno == ERANGE || *i - start > 64)
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("%s:%u:%zu: the number %s does not fit in 64 bits"),
                       source, line, start - line_start + 1, num);
          return FALSE;
        }
    }
  if (*i == start)
    (*i)++;
  return TRUE;
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
  guint depth = 0;
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
          /* json-glib takes a raw line break inside a string (SPDK does not):
           * the string goes on, or what it holds would be read as numbers */
          line++;
          line_start = i + 1;
        }
      if (in_string)
        {
          if (escape)
            {
              escape = FALSE;
              if (!check_escape (out, len, &i, source, line, line_start, error))
                {
                  g_free (out);
                  return NULL;
                }
              continue;
            }
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
      if (c == '\'')
        {
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE,
                       _("%s:%u:%zu: not valid JSON: a string in single quotes; JSON strings take double quotes"),
                       source, line, i - line_start + 1);
          g_free (out);
          return NULL;
        }
      if (c == '{' || c == '[')
        {
          if (depth >= IOP_JSON_MAX_DEPTH)
            {
              g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                           _("%s:%u:%zu: nested more than %d levels deep; Iopath reads at most %d (SPDK's own output stays under 20)"),
                           source, line, i - line_start + 1, IOP_JSON_MAX_DEPTH, IOP_JSON_MAX_DEPTH);
              g_free (out);
              return NULL;
            }
          depth++;
          i++;
          continue;
        }
      if (c == '}' || c == ']')
        {
          if (depth > 0)
            depth--;   /* unbalanced: the parser says so */
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
          if (!blank_block_comment (out, len, &i, &line, &line_start, source, error))
            {
              g_free (out);
              return NULL;
            }
          continue;
        }
      if (c == '-' || g_ascii_isdigit (c))
        {
          if (!check_number (out, len, &i, source, line, line_start, error))
            {
              g_free (out);
              return NULL;
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

  if (len > IOP_JSON_MAX_BYTES)
    {
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: %zu bytes of JSON; Iopath reads at most %d bytes (%d MiB)"),
                   source, len, IOP_JSON_MAX_BYTES, IOP_JSON_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
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
      unsigned line = 0, col = 0;
      int n = 0;

      /* "<data>:3:7: Parse error: unexpected ..." */
      if (sscanf (msg, "<data>:%u:%u: %n", &line, &col, &n) == 2 && n > 0)
        {
          const char *what = msg + n;

          if (g_str_has_prefix (what, "Parse error: "))
            what += strlen ("Parse error: ");
          g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s:%u:%u: not valid JSON: %s"), source, line, col, what);
        }
      else if (g_str_has_prefix (msg, "<data>:"))
        g_set_error (error, IOP_ERROR, IOP_ERROR_PARSE, _("%s: not valid JSON: %s"), source, msg + strlen ("<data>:"));
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
iop_file_read_bounded (const char *path,
                       gsize       max_bytes,
                       char      **contents,
                       gsize      *length,
                       GError    **error)
{
  g_autofree char *display = g_filename_display_name (path);
  GString *buf;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && contents != NULL, FALSE);

  if (*path == '\0')
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("An empty name is not a file name"));
      return FALSE;
    }
  /* O_NONBLOCK: opening a FIFO with no writer would wait for one */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE, _("%s is a folder, not a file"), display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, IOP_ERROR, IOP_ERROR_INVALID_VALUE,
                   _("%s is not a regular file (a device, a FIFO or a socket); Iopath reads only regular files"),
                   display);
      return FALSE;
    }
  if ((guint64)st.st_size > max_bytes)
    {
      close (fd);
      g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                   _("%s: the file is %" PRIu64 " bytes; Iopath reads files of at most %" PRIu64 " bytes"),
                   display, (guint64)st.st_size, (guint64)max_bytes);
      return FALSE;
    }
  /* a regular file: reads do not block; the size may still change */
  buf = g_string_sized_new (MIN ((gsize)st.st_size, max_bytes) + 1);
  for (;;)
    {
      char chunk[65536];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_string_free (buf, TRUE);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read %s: %s"), display, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (buf->len + (gsize)n > max_bytes)
        {
          close (fd);
          g_string_free (buf, TRUE);
          g_set_error (error, IOP_ERROR, IOP_ERROR_TOO_LARGE,
                       _("%s: more than %" PRIu64 " bytes; Iopath reads files of at most %" PRIu64 " bytes"),
                       display, (guint64)max_bytes, (guint64)max_bytes);
          return FALSE;
        }
      g_string_append_len (buf, chunk, n);
    }
  close (fd);
  if (length != NULL)
    *length = buf->len;
  *contents = g_string_free (buf, FALSE);
  return TRUE;
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

gboolean
iop_json_get_count (JsonObject *obj,
                    const char *member,
                    gint64     *out)
{
  gint64 v;

  if (!iop_json_get_int (obj, member, &v) || v < 0)
    return FALSE;
  *out = v;
  return TRUE;
}

gint64
iop_sat_add (gint64 a,
             gint64 b)
{
  gint64 r;

  if (__builtin_add_overflow (a, b, &r))
    return b > 0 ? G_MAXINT64 : G_MININT64;
  return r;
}

gint64
iop_sat_sub (gint64 a,
             gint64 b)
{
  gint64 r;

  if (__builtin_sub_overflow (a, b, &r))
    return b < 0 ? G_MAXINT64 : G_MININT64;
  return r;
}

gint64
iop_sat_mul (gint64 a,
             gint64 b)
{
  gint64 r;

  if (__builtin_mul_overflow (a, b, &r))
    return (a < 0) == (b < 0) ? G_MAXINT64 : G_MININT64;
  return r;
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


static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

char **
iop_json_resource_ids (const char *dir)
{
  g_auto(GStrv) names = g_resources_enumerate_children (dir, 0, NULL);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; names && names[i]; i++)
    if (g_str_has_suffix (names[i], ".json"))
      g_ptr_array_add (ids, g_strndup (names[i], strlen (names[i]) - 5));
  g_ptr_array_sort (ids, compare_strings);
  g_ptr_array_add (ids, NULL);
  return (char **)g_ptr_array_free (ids, FALSE);
}
