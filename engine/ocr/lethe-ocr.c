/* lethe-ocr.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads burned-in text from rendered frames with tesseract's C API.
 *
 * Burned-in text is small (8 to 12 pixels high on a 512 pixel frame, where
 * tesseract wants 20 or more), so small frames are enlarged first.  It is
 * mostly light on dark, where tesseract wants dark on light, but not always
 * (labels on light image content), and it is often drawn over the image,
 * whose texture defeats tesseract's threshold.  So each frame is read in up
 * to three passes: as it is, inverted, and through a window over its
 * brightest tones; a word found in several counts once, as its most
 * confident reading.  Tesseract also reads texture and the gaps between
 * glyphs as letters: a word is kept only where its pixels look like ink of
 * the pass's polarity over a ground.
 *
 * A tesseract handle is not thread-safe and costs about 150 ms to load, so
 * each LetheOcr keeps a pool of loaded handles: a call takes an idle one, or
 * loads a new one when all are busy, and gives it back; there are never more
 * handles than threads that recognised at once. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <tesseract/capi.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "lethe-error.h"
#include "lethe-ocr.h"
#include "lethe-ocr-classify.h"
#include "lethe-ocr-ink.h"
#include "lethe-ocr-private.h"

#define LANGUAGE "eng"

/* Enlarge until the longer side is about this many pixels: burned-in text
 * 8 to 12 pixels high on a 512 pixel frame becomes 24 to 36 pixels high,
 * where tesseract reads best.  Each pass costs in proportion to the
 * enlarged area (about 100 ms per megapixel here). */
#define UPSCALE_TARGET 1536
#define MAX_UPSCALE    4

/* tesseract rejects images a few pixels across; nothing is written in them */
#define MIN_SIZE 8

/* Burned-in text is drawn in one ink over a ground, so the pixels of a
 * word's box split cleanly in two: Otsu's separability is 0.8 to 0.95 for
 * text read from test frames and the shared corpus.  Image texture that
 * tesseract reads as letters (ultrasound speckle, noise) splits at 0.6 to
 * 0.75. */
#define MIN_SEPARABILITY 0.78

/* Burned-in text covers a few percent of a frame at most: the brightest
 * 1/TOP_SHARE of the pixels holds light text and little else.  Below
 * MIN_TOP_TONE, they are a dark image's highlights, which the inverted
 * image shows as well. */
#define TOP_SHARE    40
#define MIN_TOP_TONE 64

/* tesseract sizes its noise filters by resolution; frames carry none, and
 * enlarged burned-in text has the proportions of print at 300 ppi. */
#define SOURCE_PPI 300

struct _LetheOcr
{
  GObject    parent_instance;

  char      *tessdata_dir;
  GMutex     lock;
  GPtrArray *idle;   /* loaded TessBaseAPI handles not in use */
};

G_DEFINE_FINAL_TYPE (LetheOcr, lethe_ocr, G_TYPE_OBJECT)

void
lethe_ocr_word_free (LetheOcrWord *word)
{
  if (word == NULL)
    return;
  g_free (word->text);
  g_clear_pointer (&word->ink, g_array_unref);
  g_free (word);
}

static void
handle_free (gpointer handle)
{
  TessBaseAPIEnd (handle);
  TessBaseAPIDelete (handle);
}

static void
lethe_ocr_finalize (GObject *object)
{
  LetheOcr *self = (LetheOcr *) object;

  g_ptr_array_unref (self->idle);
  g_mutex_clear (&self->lock);
  g_free (self->tessdata_dir);

  G_OBJECT_CLASS (lethe_ocr_parent_class)->finalize (object);
}

static void
lethe_ocr_class_init (LetheOcrClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lethe_ocr_finalize;
}

static void
lethe_ocr_init (LetheOcr *self)
{
  g_mutex_init (&self->lock);
  self->idle = g_ptr_array_new_with_free_func (handle_free);
}

/* Whether the data file is there: checked before tesseract is, as it would
 * only print its complaint */
static gboolean
check_data (LetheOcr  *self,
            GError   **error)
{
  g_autofree char *data = g_build_filename (self->tessdata_dir, LANGUAGE ".traineddata", NULL);

  if (!g_file_test (data, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LETHE_OCR_ERROR, LETHE_OCR_ERROR_NO_DATA,
                   _("No English text recognition data: “%s” is missing (Debian’s tesseract-ocr-eng package installs it)"),
                   data);
      return FALSE;
    }
  return TRUE;
}

static TessBaseAPI *
load_handle (LetheOcr  *self,
             GError   **error)
{
  TessBaseAPI *handle;

  if (!check_data (self, error))
    return NULL;

  handle = TessBaseAPICreate ();
  if (TessBaseAPIInit3 (handle, self->tessdata_dir, LANGUAGE) != 0)
    {
      TessBaseAPIDelete (handle);
      g_set_error (error, LETHE_OCR_ERROR, LETHE_OCR_ERROR_NO_DATA,
                   _("Tesseract could not load its English data from “%s”"), self->tessdata_dir);
      return NULL;
    }
  /* Burned-in text is scattered words and lines, not a page of columns. */
  TessBaseAPISetPageSegMode (handle, PSM_SPARSE_TEXT);
  /* Both polarities are read anyway: tesseract's own retry of each dubious
   * word inverted would only cost time. */
  TessBaseAPISetVariable (handle, "tessedit_do_invert", "0");
  /* its warnings ("Empty page!") are of no use to a caller */
  TessBaseAPISetVariable (handle, "debug_file", "/dev/null");
  return handle;
}

static TessBaseAPI *
acquire_handle (LetheOcr  *self,
                GError   **error)
{
  TessBaseAPI *handle = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    handle = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);

  return handle != NULL ? handle : load_handle (self, error);
}

static void
release_handle (LetheOcr    *self,
                TessBaseAPI *handle)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->idle, handle);
  g_mutex_unlock (&self->lock);
}

/**
 * lethe_ocr_new:
 * @tessdata_dir: (nullable): the folder holding `eng.traineddata`; %NULL
 *   for `$TESSDATA_PREFIX`, or when unset, %LETHE_OCR_DEFAULT_TESSDATA_DIR
 *   (where Debian installs it)
 * @error: return location for a #GError
 *
 * Loads tesseract with English once, so that a missing installation shows
 * before any frame is read.
 *
 * Returns: (transfer full): a text recogniser that any thread may use, or
 *   %NULL with @error set (%LETHE_OCR_ERROR_NO_DATA)
 */
LetheOcr *
lethe_ocr_new (const char  *tessdata_dir,
               GError     **error)
{
  g_autoptr(LetheOcr) self = lethe_ocr_new_unloaded (tessdata_dir, error);
  TessBaseAPI *handle;

  if (self == NULL || (handle = load_handle (self, error)) == NULL)
    return NULL;
  release_handle (self, handle);
  return g_steal_pointer (&self);
}

/**
 * lethe_ocr_new_unloaded:
 * @tessdata_dir: (nullable): as for lethe_ocr_new()
 * @error: return location for a #GError
 *
 * As lethe_ocr_new(), but only checks that the data file is there:
 * tesseract is loaded (a tenth of a second, 14 MB) at the first recognition,
 * and data it cannot load fails that recognition.  For callers that may
 * read nothing at all, such as a run that reads only the images at risk.
 *
 * Returns: (transfer full): a text recogniser that any thread may use, or
 *   %NULL with @error set (%LETHE_OCR_ERROR_NO_DATA)
 */
LetheOcr *
lethe_ocr_new_unloaded (const char  *tessdata_dir,
                        GError     **error)
{
  g_autoptr(LetheOcr) self = g_object_new (LETHE_TYPE_OCR, NULL);

  if (tessdata_dir == NULL)
    tessdata_dir = g_getenv ("TESSDATA_PREFIX");
  if (tessdata_dir == NULL || *tessdata_dir == '\0')
    tessdata_dir = LETHE_OCR_DEFAULT_TESSDATA_DIR;
  self->tessdata_dir = g_strdup (tessdata_dir);
  if (!check_data (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lethe_ocr_get_scale:
 * @image: a frame
 *
 * Returns: how many times @image is enlarged before recognition, by its
 *   longer side: 4 up to 438 pixels, 3 up to 614 (512×512), 2 up to 1024
 *   (640×480, 1024×1024), 1 above
 */
guint
lethe_ocr_get_scale (const LetheOcrImage *image)
{
  guint longest = MAX (MAX (image->width, image->height), 1);
  return CLAMP ((UPSCALE_TARGET + longest / 2) / longest, 1, MAX_UPSCALE);
}

/* Bilinear enlargement by a whole factor, in 8-bit fixed point: each output
 * pixel samples the source at its own centre. */
static guint8 *
upscale (const LetheOcrImage *image,
         guint                scale)
{
  guint width = image->width * scale;
  guint height = image->height * scale;
  guint8 *out = g_malloc ((gsize) width * height);
  g_autofree guint *x0 = g_new (guint, width);
  g_autofree guint *x1 = g_new (guint, width);
  g_autofree guint *fx = g_new (guint, width);

  for (guint x = 0; x < width; x++)
    {
      /* source position (x + 0.5) / scale - 0.5, in 1/256ths */
      int pos = (int) (((2 * x + 1) * 256) / (2 * scale)) - 128;
      pos = MAX (pos, 0);
      x0[x] = MIN ((guint) pos >> 8, image->width - 1);
      x1[x] = MIN (x0[x] + 1, image->width - 1);
      fx[x] = (guint) pos & 255;
    }
  for (guint y = 0; y < height; y++)
    {
      int pos = MAX ((int) (((2 * y + 1) * 256) / (2 * scale)) - 128, 0);
      guint y0 = MIN ((guint) pos >> 8, image->height - 1);
      guint y1 = MIN (y0 + 1, image->height - 1);
      guint fy = (guint) pos & 255;
      const guint8 *r0 = image->pixels + y0 * image->stride;
      const guint8 *r1 = image->pixels + y1 * image->stride;
      guint8 *row = out + (gsize) y * width;

      for (guint x = 0; x < width; x++)
        {
          guint top = r0[x0[x]] * (256 - fx[x]) + r0[x1[x]] * fx[x];
          guint bottom = r1[x0[x]] * (256 - fx[x]) + r1[x1[x]] * fx[x];
          row[x] = (guint8) ((top * (256 - fy) + bottom * fy + (1u << 15)) >> 16);
        }
    }
  return out;
}

/* Whether the pixels of @box look like a word in ink of that polarity over
 * its ground.  They must split cleanly in two (Otsu's separability, the
 * share of their variance that lies between the two groups, is 1 for two
 * flat tones, 0.75 for uniform noise), and the ground just around the box
 * must fall on the other side of the split than the ink: a reading that
 * took the ground for ink was made in the wrong polarity, of the gaps
 * between glyphs. */
static gboolean
looks_like_ink (const LetheOcrImage *image,
                const LetheRect     *box,
                gboolean             light_ink)
{
  guint histogram[256] = { 0 };
  double n = (double) box->width * box->height;
  double mean = 0., variance = 0., best = 0., weight = 0., sum = 0.;
  guint threshold = 0, ring = 0, dark_ring = 0;
  int left = MAX (box->x - 2, 0), right = MIN (box->x + box->width + 2, (int) image->width);
  int top = MAX (box->y - 2, 0), bottom = MIN (box->y + box->height + 2, (int) image->height);

  for (int y = box->y; y < box->y + box->height; y++)
    {
      const guint8 *row = image->pixels + (gsize) y * image->stride;
      for (int x = box->x; x < box->x + box->width; x++)
        histogram[row[x]]++;
    }
  for (guint v = 0; v < 256; v++)
    mean += v * (histogram[v] / n);
  for (guint v = 0; v < 256; v++)
    variance += (v - mean) * (v - mean) * (histogram[v] / n);
  if (variance <= 0.)
    return FALSE;
  for (guint t = 0; t < 255; t++)
    {
      double below_mean, above_mean, between;

      weight += histogram[t] / n;
      sum += t * (histogram[t] / n);
      if (weight <= 0. || weight >= 1.)
        continue;
      below_mean = sum / weight;
      above_mean = (mean - sum) / (1. - weight);
      between = weight * (1. - weight) * (below_mean - above_mean) * (below_mean - above_mean);
      if (between > best)
        {
          best = between;
          threshold = t;
        }
    }
  if (best / variance < MIN_SEPARABILITY)
    return FALSE;

  /* the two pixels around the box, where they are in the image */
  for (int y = top; y < bottom; y++)
    {
      const guint8 *row = image->pixels + (gsize) y * image->stride;
      gboolean inside_rows = y >= box->y && y < box->y + box->height;

      for (int x = left; x < right; x++)
        {
          if (inside_rows && x >= box->x && x < box->x + box->width)
            continue;
          ring++;
          dark_ring += row[x] <= threshold;
        }
    }
  /* a box filling the image has no ground to compare with */
  if (ring == 0)
    return TRUE;
  return light_ink ? 2 * dark_ring > ring : 2 * dark_ring < ring;
}

static bool
cancel_cb (void *cancellable,
           int   words)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* The words of one pass, in @image's coordinates: @pixels is @image
 * enlarged @scale times and made dark on light, from @image's @light_ink
 * or dark ink.  Words whose pixels in @image look like texture, or like
 * ink of the other polarity, are left out. */
static gboolean
recognize_pass (TessBaseAPI          *handle,
                const guint8         *pixels,
                gsize                 stride,
                guint                 scale,
                const LetheOcrImage  *image,
                gboolean              light_ink,
                GCancellable         *cancellable,
                GPtrArray            *words,
                GError              **error)
{
  ETEXT_DESC *monitor = TessMonitorCreate ();
  TessResultIterator *it;
  int status;

  TessMonitorSetCancelFunc (monitor, cancel_cb);
  TessMonitorSetCancelThis (monitor, cancellable);
#ifdef _OPENMP
  /* tesseract runs parts of its network on 4 OpenMP threads, which spin
   * against the engine's own workers: with them, a frame takes ten times as
   * long on two cores.  Parallel regions at level 0 run on one thread. */
  omp_set_max_active_levels (0);
#endif
  TessBaseAPISetImage (handle, pixels, (int) (image->width * scale), (int) (image->height * scale),
                       1, (int) stride);
  TessBaseAPISetSourceResolution (handle, SOURCE_PPI);
  status = TessBaseAPIRecognize (handle, monitor);
  TessMonitorDelete (monitor);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      TessBaseAPIClear (handle);
      return FALSE;
    }
  if (status != 0)
    {
      TessBaseAPIClear (handle);
      g_set_error (error, LETHE_OCR_ERROR, LETHE_OCR_ERROR_FAILED,
                   _("Text recognition failed on a %u×%u image"), image->width, image->height);
      return FALSE;
    }

  it = TessBaseAPIGetIterator (handle);
  if (it != NULL)
    {
      TessPageIterator *page = TessResultIteratorGetPageIterator (it);

      do
        {
          char *text = TessResultIteratorGetUTF8Text (it, RIL_WORD);
          int left, top, right, bottom;
          LetheOcrWord *word;

          if (text == NULL)
            continue;
          if (!TessPageIteratorBoundingBox (page, RIL_WORD, &left, &top, &right, &bottom))
            {
              TessDeleteText (text);
              continue;
            }
          word = g_new0 (LetheOcrWord, 1);
          word->text = g_utf8_make_valid (text, -1);
          TessDeleteText (text);
          g_strstrip (word->text);
          word->confidence = TessResultIteratorConfidence (it, RIL_WORD);
          /* back to the frame's pixels, rounding outwards */
          word->box.x = left / (int) scale;
          word->box.y = top / (int) scale;
          word->box.width = MIN ((right + (int) scale - 1) / (int) scale, (int) image->width) - word->box.x;
          word->box.height = MIN ((bottom + (int) scale - 1) / (int) scale, (int) image->height) - word->box.y;
          if (word->text[0] == '\0' || word->box.width <= 0 || word->box.height <= 0 ||
              !looks_like_ink (image, &word->box, light_ink))
            lethe_ocr_word_free (word);
          else
            g_ptr_array_add (words, word);
        }
      while (TessPageIteratorNext (page, RIL_WORD));
      TessResultIteratorDelete (it);
    }
  TessBaseAPIClear (handle);
  return TRUE;
}

static int
compare_confidence (gconstpointer a,
                    gconstpointer b)
{
  const LetheOcrWord *x = *(LetheOcrWord **) a, *y = *(LetheOcrWord **) b;
  return (x->confidence < y->confidence) - (x->confidence > y->confidence);
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const LetheOcrWord *x = *(LetheOcrWord **) a, *y = *(LetheOcrWord **) b;
  return x->box.y != y->box.y ? x->box.y - y->box.y : x->box.x - y->box.x;
}

static int
overlap_area (const LetheRect *a,
              const LetheRect *b)
{
  LetheRect shared;

  return lethe_rect_intersect (a, b, &shared) ? shared.width * shared.height : 0;
}

/* Where several passes read the same ink, the most confident reading
 * stands.  So words go by falling confidence, and one mostly covered by
 * words already kept goes.  The rest come back in reading order. */
static void
dedupe_words (GPtrArray *words)
{
  guint n_kept = 0;

  g_ptr_array_sort (words, compare_confidence);
  for (guint i = 0; i < words->len; i++)
    {
      LetheOcrWord *word = g_ptr_array_index (words, i);
      int covered = 0;

      for (guint j = 0; j < n_kept; j++)
        covered += overlap_area (&word->box, &((LetheOcrWord *) g_ptr_array_index (words, j))->box);
      if (2 * covered < word->box.width * word->box.height)
        {
          words->pdata[i] = words->pdata[n_kept];
          words->pdata[n_kept++] = word;
        }
    }
  g_ptr_array_set_size (words, n_kept);
  g_ptr_array_sort (words, compare_position);
}

/* The tone above which the brightest TOP_SHARE of @image lies. */
static guint
top_tone (const LetheOcrImage *image)
{
  gsize histogram[256] = { 0 };
  gsize limit = (gsize) image->width * image->height / TOP_SHARE;
  gsize count = 0;
  guint tone = 255;

  for (guint y = 0; y < image->height; y++)
    {
      const guint8 *row = image->pixels + (gsize) y * image->stride;
      for (guint x = 0; x < image->width; x++)
        histogram[row[x]]++;
    }
  while (tone > 0 && count + histogram[tone] <= limit)
    count += histogram[tone--];
  return tone;
}

/**
 * lethe_ocr_recognize:
 * @self: a #LetheOcr
 * @image: an 8-bit gray frame
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the words in @image, enlarged first when it is small (see
 * lethe_ocr_get_scale()): dark on light as it is; light on dark, inverted;
 * and when the image has bright texture, light on texture, from its
 * brightest tones alone.  A word found several times counts once, as its
 * most confident reading, and words whose pixels look like image texture
 * rather than ink are left out.  Each word's box is the box of its own ink
 * (lethe_ocr_ink_find()), where ink stands out of the ground around it,
 * else tesseract's.
 *
 * Returns: (transfer container) (element-type LetheOcrWord): the words in
 *   reading order, boxes in @image's pixels; %NULL with @error set when
 *   cancelled or when tesseract fails
 */
GPtrArray *
lethe_ocr_recognize (LetheOcr             *self,
                     const LetheOcrImage  *image,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func ((GDestroyNotify) lethe_ocr_word_free);
  g_autofree guint8 *buffer = NULL;
  const guint8 *pixels = image->pixels;
  gsize stride = image->stride;
  TessBaseAPI *handle;
  guint scale, top;
  gsize size;
  gboolean ok;

  g_return_val_if_fail (LETHE_IS_OCR (self), NULL);
  g_return_val_if_fail (image != NULL && image->pixels != NULL, NULL);
  g_return_val_if_fail (image->stride >= image->width, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (image->width < MIN_SIZE || image->height < MIN_SIZE)
    return g_steal_pointer (&words);

  handle = acquire_handle (self, error);
  if (handle == NULL)
    return NULL;

  scale = lethe_ocr_get_scale (image);
  size = (gsize) image->width * scale * image->height * scale;
  if (scale > 1)
    {
      buffer = upscale (image, scale);
      pixels = buffer;
      stride = image->width * scale;
    }
  ok = recognize_pass (handle, pixels, stride, scale, image, FALSE, cancellable, words, error);

  if (ok)
    {
      if (buffer == NULL)
        {
          buffer = g_malloc (size);
          for (guint y = 0; y < image->height; y++)
            memcpy (buffer + (gsize) y * image->width, image->pixels + y * image->stride, image->width);
          stride = image->width;
        }
      for (gsize i = 0; i < size; i++)
        buffer[i] = 255 - buffer[i];
      ok = recognize_pass (handle, buffer, stride, scale, image, TRUE, cancellable, words, error);
    }

  /* Light text over bright texture (ultrasound speckle, anatomy) defeats
   * tesseract's threshold, which splits the texture instead: a window over
   * the brightest tones alone leaves the text on a flat ground.  Where the
   * brightest tones are dark already, the inverted pass saw the same; where
   * they are full white, there is no window to open. */
  top = top_tone (image);
  if (ok && top >= MIN_TOP_TONE && top < 255)
    {
      guint gain = (255u << 8) / (255 - top);

      for (gsize i = 0; i < size; i++)
        buffer[i] = (guint8) MIN ((buffer[i] * gain) >> 8, 255u);
      ok = recognize_pass (handle, buffer, stride, scale, image, TRUE, cancellable, words, error);
    }
  release_handle (self, handle);
  if (!ok)
    return NULL;

  dedupe_words (words);
  for (guint i = 0; i < words->len; i++)
    {
      LetheOcrWord *word = g_ptr_array_index (words, i);
      LetheRect ink;

      word->ink = lethe_ocr_ink_find (image, &word->box, &ink);
      if (word->ink != NULL)
        word->box = ink;
    }
  return g_steal_pointer (&words);
}

/**
 * lethe_ocr_scan:
 * @self: a #LetheOcr
 * @cleaner: (nullable): the data set's identifiers
 * @renderings: (array length=n_renderings): renderings of one frame, all of
 *   one size (window/level settings that bring out faint text)
 * @n_renderings: at least 1
 * @cancellable: (nullable): a #GCancellable, checked between renderings
 * @error: return location for a #GError
 *
 * Reads each rendering, classifies what it says (lethe_ocr_classify()) and
 * merges the proposals: the same box found in several renderings is one
 * proposal, with the most severe class and then the best confidence.
 *
 * Returns: (transfer container) (element-type LetheOcrProposal): proposals
 *   for frame 0; %NULL with @error set
 */
GPtrArray *
lethe_ocr_scan (LetheOcr             *self,
                LetheTextCleaner     *cleaner,
                const LetheOcrImage  *renderings,
                guint                 n_renderings,
                GCancellable         *cancellable,
                GError              **error)
{
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (LETHE_IS_OCR (self), NULL);
  g_return_val_if_fail (renderings != NULL && n_renderings > 0, NULL);

  for (guint i = 0; i < n_renderings; i++)
    {
      g_autoptr(GPtrArray) words = NULL;
      g_autoptr(GPtrArray) found = NULL;

      g_return_val_if_fail (renderings[i].width == renderings[0].width &&
                            renderings[i].height == renderings[0].height, NULL);

      words = lethe_ocr_recognize (self, &renderings[i], cancellable, error);
      if (words == NULL)
        return NULL;
      found = lethe_ocr_classify (words, cleaner);
      _lethe_ocr_proposals_merge (proposals, found);
    }
  _lethe_ocr_proposals_sort (proposals);
  return g_steal_pointer (&proposals);
}
