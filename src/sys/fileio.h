/*
 * fileio.h -- the few ways midback touches files: make folders, read a
 * whole file, replace a file atomically, and open an output that may be a
 * device or a pipe.
 *
 * Errors come back as an allocated message in *err ("cannot write 'x':
 * No space left on device"), which the caller frees.
 */
#ifndef MIDBACK_SYS_FILEIO_H
#define MIDBACK_SYS_FILEIO_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Create the folder that holds the file path, and any missing parent,
 * with mode 0700. Returns 0 or -1.
 */
int	 file_mkdirs(const char *path, char **err);
/*
 * Read the whole file into an allocated, NUL-terminated buffer; *len
 * (if not NULL) gets its length. Returns NULL on failure, with *err as
 * "PATH: cannot open: REASON" (or cannot read).
 */
char	*file_read(const char *path, size_t *len, char **err);
/*
 * Replace path with len bytes of data, created with mode (whatever the
 * umask), through a temporary file in the same folder that is synced and
 * renamed over it: a reader sees the old file or the new, never half.
 * Returns 0 or -1.
 */
int	 file_write_atomic(const char *path, const void *data, size_t len,
	     mode_t mode, char **err);

/*
 * An output the caller writes as a stream: a regular file (new or not)
 * is written through a temporary file and renamed over path at
 * file_output_close(); a character device or a FIFO (/dev/stdout, a
 * pipe) is written in place; anything else (a folder, a socket, a block
 * device) is refused.
 */
struct file_output {
	FILE	*f;
	char	*path;
	char	*tmp;		/* NULL when writing in place */
};
int	 file_output_open(struct file_output *, const char *path, mode_t mode,
	     char **err);
/*
 * Flush, sync and (for a regular file) rename into place if ok is
 * non-zero; otherwise, or on any failure, leave path as it was. Returns
 * 0 or -1.
 */
int	 file_output_close(struct file_output *, int ok, char **err);

#endif
