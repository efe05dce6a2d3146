/* lethe-project.h
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lethe-box.h"
#include "lethe-box-file.h"
#include "lethe-catalog.h"
#include "lethe-deidentifier.h"
#include "lethe-face-check.h"
#include "lethe-generalisation.h"
#include "lethe-ocr.h"
#include "lethe-ocr-proposal.h"
#include "lethe-risk-model.h"
#include "lethe-secret.h"
#include "lethe-types.h"

G_BEGIN_DECLS

/* The files of a project folder */
#define LETHE_PROJECT_DATABASE "lethe-project.sqlite"
#define LETHE_PROJECT_SECRET   "secret"

/* How many files an import reads and stores in one transaction. */
#define LETHE_PROJECT_IMPORT_CHUNK 256

/* The report an export writes next to the files it exported */
#define LETHE_PROJECT_REPORT_PDF  "lethe-report.pdf"
#define LETHE_PROJECT_REPORT_JSON "lethe-report.json"

#define LETHE_TYPE_PROJECT (lethe_project_get_type ())

G_DECLARE_FINAL_TYPE (LetheProject, lethe_project, LETHE, PROJECT, GObject)

/**
 * LetheImportSummary:
 * @n_ready: files read into the catalog, to be exported
 * @n_withheld: files read into the catalog that export withholds
 * @n_failed: files that looked like DICOM, or like a photograph, but
 *   could not be read (or, a photograph, cannot be cleaned)
 * @n_skipped: files that are neither DICOM nor photographs, and DICOMDIRs,
 *   left out
 * @n_links_not_followed: links to folders already read (loops, or second
 *   ways to a folder), not read again
 * @n_excluded: ways into the project's own folder (the folder itself
 *   under an input, or a link to it or into it), not read
 * @n_photos: photographs and slides (JPEG, PNG, TIFF) read into the
 *   catalog, to be exported
 */
typedef struct
{
  guint n_ready;
  guint n_withheld;
  guint n_failed;
  guint n_skipped;
  guint n_links_not_followed;
  guint n_excluded;
  guint n_photos;
} LetheImportSummary;

LetheProject      *lethe_project_create               (const char          *dir,
                                                       const char          *secret_path,
                                                       GError             **error);
LetheProject      *lethe_project_open                 (const char          *dir,
                                                       GError             **error);
const char        *lethe_project_get_dir              (LetheProject        *self);
LetheSecret       *lethe_project_get_secret           (LetheProject        *self);

LetheOptions       lethe_project_get_options          (LetheProject        *self);
gboolean           lethe_project_set_options          (LetheProject        *self,
                                                       LetheOptions         options,
                                                       GError             **error);
char              *lethe_project_dup_pseudonym_prefix (LetheProject        *self);
gboolean           lethe_project_set_pseudonym_prefix (LetheProject        *self,
                                                       const char          *prefix,
                                                       GError             **error);
gboolean           lethe_project_get_require_signoff  (LetheProject        *self);
gboolean           lethe_project_set_require_signoff  (LetheProject        *self,
                                                       gboolean             require,
                                                       GError             **error);
gboolean           lethe_project_get_keep_identity    (LetheProject        *self);
gboolean           lethe_project_set_keep_identity    (LetheProject        *self,
                                                       gboolean             keep,
                                                       GError             **error);
LetheGeneralisation *lethe_project_dup_generalisation (LetheProject        *self);
gboolean           lethe_project_set_generalisation   (LetheProject        *self,
                                                       LetheGeneralisation *generalisation,
                                                       GError             **error);
double             lethe_project_get_risk_threshold   (LetheProject        *self);
gboolean           lethe_project_set_risk_threshold   (LetheProject        *self,
                                                       double               threshold,
                                                       GError             **error);
LetheDeidentifier *lethe_project_dup_deidentifier     (LetheProject        *self,
                                                       GError             **error);
char              *lethe_project_hash_value           (LetheProject        *self,
                                                       const char          *value);

/* the catalog */
gboolean           lethe_project_import               (LetheProject        *self,
                                                       const char * const  *inputs,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       LetheImportSummary  *summary,
                                                       GError             **error);
gboolean           lethe_project_import_with_catalog  (LetheProject        *self,
                                                       const char * const  *inputs,
                                                       LetheCatalog        *catalog,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       LetheImportSummary  *summary,
                                                       GError             **error);
GListModel        *lethe_project_list_series          (LetheProject        *self,
                                                       GError             **error);
GListModel        *lethe_project_list_photos          (LetheProject        *self,
                                                       GError             **error);
GListModel        *lethe_project_list_instances       (LetheProject        *self,
                                                       gint64               series_id,
                                                       GError             **error);
gint64             lethe_project_find_series          (LetheProject        *self,
                                                       const char          *uid,
                                                       GError             **error);
gint64             lethe_project_find_instance        (LetheProject        *self,
                                                       const char          *uid,
                                                       GError             **error);
gint64             lethe_project_find_study           (LetheProject        *self,
                                                       const char          *uid,
                                                       GError             **error);
gboolean           lethe_project_lookup_identity      (LetheProject        *self,
                                                       const char          *pseudonym,
                                                       char               **patient_id,
                                                       char               **patient_name,
                                                       GError             **error);

/* re-identification risk */
LetheRiskModel    *lethe_project_dup_risk_model       (LetheProject        *self,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
gboolean           lethe_project_withhold_series      (LetheProject        *self,
                                                       gint64               series_id,
                                                       gboolean             withhold,
                                                       const char          *reason,
                                                       const char          *reviewer,
                                                       GError             **error);
LetheFaceCheck    *lethe_project_check_face           (LetheProject        *self,
                                                       gint64               series_id,
                                                       gboolean             render,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
/* redaction boxes and OCR proposals */
gint64             lethe_project_add_box              (LetheProject        *self,
                                                       gint64               series_id,
                                                       gint64               instance_id,
                                                       const LetheBox      *box,
                                                       const char          *reviewer,
                                                       GError             **error);
gint64             lethe_project_add_ocr_proposal     (LetheProject        *self,
                                                       gint64               series_id,
                                                       gint64               instance_id,
                                                       LetheOcrProposal    *proposal,
                                                       GError             **error);
gboolean           lethe_project_decide_box           (LetheProject        *self,
                                                       gint64               box_id,
                                                       LetheBoxDecision     decision,
                                                       const char          *reviewer,
                                                       GError             **error);
gboolean           lethe_project_decide_identifiers   (LetheProject        *self,
                                                       gint64               series_id,
                                                       gboolean             reject_others,
                                                       const char          *reviewer,
                                                       guint               *n_accepted,
                                                       guint               *n_rejected,
                                                       GError             **error);
gboolean           lethe_project_remove_box           (LetheProject        *self,
                                                       gint64               box_id,
                                                       GError             **error);
int                lethe_project_scan_series          (LetheProject        *self,
                                                       LetheOcr            *ocr,
                                                       gint64               series_id,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
GListModel        *lethe_project_list_boxes           (LetheProject        *self,
                                                       gint64               series_id,
                                                       GError             **error);
LetheBoxFile      *lethe_project_dup_box_file         (LetheProject        *self,
                                                       GError             **error);

/* the text pool */
GListModel        *lethe_project_build_text_pool      (LetheProject        *self,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
gboolean           lethe_project_mark_unsafe          (LetheProject        *self,
                                                       const char          *text,
                                                       const char          *reviewer,
                                                       GError             **error);
gboolean           lethe_project_unmark_unsafe        (LetheProject        *self,
                                                       const char          *text,
                                                       GError             **error);
GListModel        *lethe_project_list_marks           (LetheProject        *self,
                                                       GError             **error);
char             **lethe_project_dup_removed_text     (LetheProject        *self,
                                                       GError             **error);

/* sign-off */
gboolean           lethe_project_record_frames_seen   (LetheProject        *self,
                                                       gint64               series_id,
                                                       guint                n_frames_seen,
                                                       const char          *reviewer,
                                                       GError             **error);
gboolean           lethe_project_check_signoff        (LetheProject        *self,
                                                       LetheSignoffScope    scope,
                                                       gint64               target_id,
                                                       GError             **error);
gint64             lethe_project_sign_off             (LetheProject        *self,
                                                       LetheSignoffScope    scope,
                                                       gint64               target_id,
                                                       const char          *reviewer,
                                                       LetheChecklist       checklist,
                                                       gboolean             approved,
                                                       const char          *comment,
                                                       GError             **error);
GListModel        *lethe_project_list_signoffs        (LetheProject        *self,
                                                       GError             **error);
gboolean           lethe_project_check_export         (LetheProject        *self,
                                                       GError             **error);

/* export runs */
gint64             lethe_project_export               (LetheProject        *self,
                                                       const char          *output_dir,
                                                       guint                jobs,
                                                       LetheProgressFunc    progress,
                                                       gpointer             user_data,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
char              *lethe_project_dup_export_path      (LetheProject        *self,
                                                       gint64               instance_id,
                                                       GError             **error);
GListModel        *lethe_project_list_export_runs     (LetheProject        *self,
                                                       GError             **error);
GListModel        *lethe_project_list_actions         (LetheProject        *self,
                                                       gint64               run_id,
                                                       gint64               instance_id,
                                                       GError             **error);
JsonNode          *lethe_project_dup_report           (LetheProject        *self,
                                                       gint64               run_id,
                                                       GError             **error);
gboolean           lethe_project_write_report         (LetheProject        *self,
                                                       gint64               run_id,
                                                       const char          *pdf_path,
                                                       const char          *json_path,
                                                       GError             **error);

G_END_DECLS
