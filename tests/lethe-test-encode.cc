/* lethe-test-encode.cc
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Compressed test data: a native file re-encoded with dcmtk's own encoders
 * (JPEG, JPEG-LS, RLE), so that the engine's decoding is checked against an
 * independent writer. */

#include "config.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmdata/dcrlerp.h>
/* lossy JPEG of colour images goes through dcmimage, which this registers */
#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmjpeg/djencode.h>
#include <dcmtk/dcmjpeg/djrplol.h>
#include <dcmtk/dcmjpeg/djrploss.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include "lethe-test-util.h"

static void
ensure_encoders (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* lossy colour goes to YBR_FULL_422, as most JPEG ultrasound does */
      DJEncoderRegistration::registerCodecs ();
      /* raw encoding: the stored bits as they are, signed or not */
      DJLSEncoderRegistration::registerCodecs (0, 0, 0, 0, OFFalse);
      DcmRLEEncoderRegistration::registerCodecs ();
      g_once_init_leave (&done, 1);
    }
}

extern "C" void
lethe_test_encode_file (const char *in,
                        const char *out,
                        const char *transfer_syntax)
{
  ensure_encoders ();

  DcmFileFormat format;
  OFCondition cond = format.loadFile (in);
  g_assert_true (cond.good ());
  DcmXfer xfer (transfer_syntax);
  DcmDataset *dataset = format.getDataset ();
  DJ_RPLossy lossy (95);
  DJ_RPLossless lossless (1, 0);
  DJLSRepresentationParameter jpeg_ls (0, OFTrue);
  DJLSRepresentationParameter near_lossless (2, OFFalse);
  DcmRLERepresentationParameter rle;
  const DcmRepresentationParameter *parameter = NULL;

  switch (xfer.getXfer ())
    {
    case EXS_JPEGProcess1:
    case EXS_JPEGProcess2_4:
      parameter = &lossy;
      break;
    case EXS_JPEGProcess14SV1:
      parameter = &lossless;
      break;
    case EXS_JPEGLSLossless:
      parameter = &jpeg_ls;
      break;
    case EXS_JPEGLSLossy:
      parameter = &near_lossless;
      break;
    case EXS_RLELossless:
      parameter = &rle;
      break;
    default:
      g_assert_not_reached ();
    }
  cond = dataset->chooseRepresentation (xfer.getXfer (), parameter);
  if (cond.bad ())
    g_error ("cannot encode %s in %s: %s", in, transfer_syntax, cond.text ());
  g_assert_true (dataset->canWriteXfer (xfer.getXfer ()));
  cond = format.saveFile (out, xfer.getXfer ());
  g_assert_true (cond.good ());
}
