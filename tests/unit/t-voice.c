/*
 * t-voice.c -- speech really comes out of espeak-ng: a cue synthesized to
 * a WAV file holds speech, not silence. One synthesis per process:
 * espeak-ng does not come back cleanly from a second initialization.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "term/voice.h"

/* Read a 16-bit mono WAV; returns the samples and sets *n and *rate. */
static int16_t *
read_wav(const char *path, size_t *n, unsigned *rate)
{
	unsigned char	 h[44];
	int16_t		*s;
	FILE		*f;
	uint32_t	 bytes;

	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(h, 1, 44, f), 44);
	assert_memory_equal(h, "RIFF", 4);
	assert_memory_equal(h + 8, "WAVEfmt ", 8);
	assert_int_equal(h[22], 1);		/* mono */
	assert_int_equal(h[34], 16);		/* 16 bits */
	*rate = h[24] | h[25] << 8 | h[26] << 16 | (unsigned)h[27] << 24;
	bytes = h[40] | h[41] << 8 | h[42] << 16 | (uint32_t)h[43] << 24;
	*n = bytes / 2;
	s = malloc(bytes + 2);
	assert_non_null(s);
	assert_int_equal(fread(s, 2, *n, f), *n);
	fclose(f);
	return (s);
}

static void
cue_synthesizes_to_speech_not_silence(void **state)
{
	char		 path[] = "/tmp/midback-voice-XXXXXX";
	char		*cause = NULL;
	int16_t		*s;
	size_t		 n, i, loud = 0;
	unsigned	 rate;
	double		 sum = 0;
	int		 fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	if (voice_to_wav("Open book. Switch sides. Three, two, one.", path,
	    &cause) != 0)
		fail_msg("voice_to_wav: %s", cause);
	s = read_wav(path, &n, &rate);
	unlink(path);
	assert_true(rate >= 8000);
	/* About two seconds of speech at least. */
	assert_true(n > rate * 2);
	for (i = 0; i < n; i++) {
		sum += (double)s[i] * s[i];
		loud += s[i] > 1000 || s[i] < -1000;
	}
	/* Speech: real energy, spread over a good part of the clip. */
	assert_true(sum / (double)n > 1000.0 * 1000.0 / 16);
	assert_true(loud > n / 20);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cue_synthesizes_to_speech_not_silence),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
