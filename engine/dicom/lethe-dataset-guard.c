/* lethe-dataset-guard.c
 *
 * Copyright 2026 The Lethe authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A large file is parsed from a mapping of it (lethe-dataset.c).  Should
 * the file be cut while it is read (rewritten, truncated by another
 * program), the pages past its new end are gone, and touching one raises
 * SIGBUS, which would end the whole process: a batch, the workstation.
 * While a thread reads its mapping, a fault inside that mapping puts a page
 * of zeros there instead and is remembered; the reader then fails the file
 * as cut while it was read.  Faults anywhere else go to whatever handled
 * SIGBUS before, as if no guard were there. */

#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "lethe-dataset-private.h"

/* the mapping the thread reads: a signal handler runs on the thread that
 * faulted, and reads these without locks (initial-exec TLS in the programs
 * and tests, which link the engine statically) */
static _Thread_local const guint8 *guarded_start;
static _Thread_local gsize guarded_size;
static _Thread_local volatile sig_atomic_t guarded_fault;

static struct sigaction previous_action;
static uintptr_t page_size;

static void
bus_cb (int        signal_number,
        siginfo_t *info,
        void      *context)
{
  const guint8 *address = info->si_addr;

  if (info->si_code == BUS_ADRERR && guarded_start != NULL &&
      address >= guarded_start && address < guarded_start + guarded_size)
    {
      void *page = (void *) ((uintptr_t) address & ~(page_size - 1));

      if (mmap (page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED)
        {
          guarded_fault = 1;
          return;
        }
    }
  /* not a page of the mapping read: handled as before this guard was set;
   * a fault repeats when the handler returns, a signal sent is sent again */
  sigaction (SIGBUS, &previous_action, NULL);
  if (info->si_code <= 0)
    raise (signal_number);
}

/**
 * _lethe_dataset_guard_mapping:
 * @data: a mapped file the calling thread is going to read
 * @size: its size, as mapped
 *
 * Until _lethe_dataset_unguard_mapping(), pages of @data that the file no
 * longer has read as zeros instead of raising SIGBUS.
 */
void
_lethe_dataset_guard_mapping (const guint8 *data,
                              gsize         size)
{
  static gsize installed = 0;

  g_assert (guarded_start == NULL);

  if (g_once_init_enter (&installed))
    {
      struct sigaction action = { 0 };

      page_size = (uintptr_t) sysconf (_SC_PAGESIZE);
      action.sa_sigaction = bus_cb;
      action.sa_flags = SA_SIGINFO;
      sigemptyset (&action.sa_mask);
      sigaction (SIGBUS, &action, &previous_action);
      g_once_init_leave (&installed, 1);
    }
  guarded_fault = 0;
  guarded_size = size;
  guarded_start = data;
}

/**
 * _lethe_dataset_unguard_mapping:
 *
 * Ends the guard of the calling thread's mapping.
 *
 * Returns: %TRUE if a page of it was gone (the file was cut while it was
 *   read: what was read of it is not the file)
 */
gboolean
_lethe_dataset_unguard_mapping (void)
{
  guarded_start = NULL;
  guarded_size = 0;
  return guarded_fault != 0;
}
