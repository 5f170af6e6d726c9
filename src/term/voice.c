/*
 * voice.c -- espeak-ng behind a four-call interface.
 *
 * espeak-ng keeps global state, so there is at most one voice open at a
 * time; struct voice exists so callers hold a handle they can pass around
 * and test for NULL (silent).
 *
 * The library is opened with dlopen() when speech is first wanted, not
 * linked: it brings some thirty libraries (PulseAudio, ALSA, codecs, X11)
 * whose loading tripled the start-up time of every command, `midback
 * today` included, for a feature only `--voice` uses.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <espeak-ng/espeak_ng.h>

#include "core/xmalloc.h"
#include "sys/dynlib.h"
#include "voice.h"

struct voice {
	int	open;
};

/* The library's functions, resolved by name at first use. */
#define VOICE_ESPEAK_FUNCS(X) \
	X(espeak_SetSynthCallback) \
	X(espeak_ng_Cancel) \
	X(espeak_ng_ClearErrorContext) \
	X(espeak_ng_GetSampleRate) \
	X(espeak_ng_GetStatusCodeMessage) \
	X(espeak_ng_Initialize) \
	X(espeak_ng_InitializeOutput) \
	X(espeak_ng_InitializePath) \
	X(espeak_ng_SetParameter) \
	X(espeak_ng_SetVoiceByName) \
	X(espeak_ng_Synchronize) \
	X(espeak_ng_Synthesize) \
	X(espeak_ng_Terminate)

VOICE_ESPEAK_FUNCS(DYNLIB_DECLARE)
DYNLIB_LIBRARY(es_lib, "libespeak-ng.so.1", VOICE_ESPEAK_FUNCS);

#define espeak_SetSynthCallback	(*dl_espeak_SetSynthCallback)
#define espeak_ng_Cancel	(*dl_espeak_ng_Cancel)
#define espeak_ng_ClearErrorContext	(*dl_espeak_ng_ClearErrorContext)
#define espeak_ng_GetSampleRate	(*dl_espeak_ng_GetSampleRate)
#define espeak_ng_GetStatusCodeMessage	(*dl_espeak_ng_GetStatusCodeMessage)
#define espeak_ng_Initialize	(*dl_espeak_ng_Initialize)
#define espeak_ng_InitializeOutput	(*dl_espeak_ng_InitializeOutput)
#define espeak_ng_InitializePath	(*dl_espeak_ng_InitializePath)
#define espeak_ng_SetParameter	(*dl_espeak_ng_SetParameter)
#define espeak_ng_SetVoiceByName	(*dl_espeak_ng_SetVoiceByName)
#define espeak_ng_Synchronize	(*dl_espeak_ng_Synchronize)
#define espeak_ng_Synthesize	(*dl_espeak_ng_Synthesize)
#define espeak_ng_Terminate	(*dl_espeak_ng_Terminate)

/* Open the library once. Returns 0, or -1 with *cause set. */
static int
es_load(char **cause)
{
	return (dynlib_open(&es_lib, "no speech library: %s", cause));
}

static char *
status_text(const char *what, espeak_ng_STATUS st)
{
	char	msg[256];

	espeak_ng_GetStatusCodeMessage(st, msg, sizeof msg);
	return (xasprintf("%s: %s", what, msg));
}

/* Load the voice data; shared by both modes. Returns 0 or -1. */
static int
engine_start(int mode, char **cause)
{
	espeak_ng_ERROR_CONTEXT	ctx = NULL;
	espeak_ng_STATUS	st;

	if (es_load(cause) == -1)
		return (-1);
	espeak_ng_InitializePath(NULL);
	if ((st = espeak_ng_Initialize(&ctx)) != ENS_OK) {
		espeak_ng_ClearErrorContext(&ctx);
		*cause = status_text("no voice data", st);
		return (-1);
	}
	if ((st = espeak_ng_InitializeOutput(mode, 0, NULL)) != ENS_OK) {
		*cause = status_text(mode == ENOUTPUT_MODE_SPEAK_AUDIO ?
		    "no audio device" : "cannot start speech output", st);
		espeak_ng_Terminate();
		return (-1);
	}
	if ((st = espeak_ng_SetVoiceByName("en")) != ENS_OK) {
		*cause = status_text("no English voice", st);
		espeak_ng_Terminate();
		return (-1);
	}
	/* A little slower than the default: cues are heard mid-movement. */
	espeak_ng_SetParameter(espeakRATE, 150, 0);
	return (0);
}

/*
 * Whether there is any audio output to speak to. espeak-ng opens the
 * device lazily and reports a missing one only after ALSA has printed its
 * own errors over the terminal, so look first: a sound server's socket,
 * or a sound card.
 */
static int
audio_present(void)
{
	const char	*rt = getenv("XDG_RUNTIME_DIR");
	char		 path[4096];
	glob_t		 g;
	int		 found;

	if (getenv("PULSE_SERVER") != NULL)
		return (1);
	if (rt != NULL) {
		snprintf(path, sizeof path, "%s/pulse/native", rt);
		if (access(path, F_OK) == 0)
			return (1);
		snprintf(path, sizeof path, "%s/pipewire-0", rt);
		if (access(path, F_OK) == 0)
			return (1);
	}
	found = glob("/dev/snd/pcmC*p", 0, NULL, &g) == 0;
	if (found)
		globfree(&g);
	return (found);
}

/*
 * Whether espeak-ng can open the audio output: a sound server that is
 * configured but not there (PULSE_SERVER=unix:/nonexistent), or an ALSA
 * configuration that names no card, is only found out when the first
 * cue is played, and then the audio libraries print their own errors on
 * stderr, a dozen lines a cue, over the player's screen. So try first,
 * in a child whose stderr goes nowhere: the same library, the same
 * output, synchronously so that the failure comes back as a status, a
 * word at volume 0. The child is killed if the server does not answer.
 */
#define VOICE_PROBE_S	5

static int
audio_works(void)
{
	char	*cause = NULL;
	pid_t	 pid;
	int	 fd, status;

	fflush(NULL);
	if ((pid = fork()) == -1)
		return (0);
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		alarm(VOICE_PROBE_S);
		if (engine_start(ENOUTPUT_MODE_SYNCHRONOUS |
		    ENOUTPUT_MODE_SPEAK_AUDIO, &cause) == -1)
			_exit(1);
		espeak_ng_SetParameter(espeakVOLUME, 0, 0);
		if (espeak_ng_Synthesize("a", 2, 0, POS_CHARACTER, 0,
		    espeakCHARS_UTF8, NULL, NULL) != ENS_OK)
			_exit(1);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return (0);
	return (WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

struct voice *
voice_open(char **cause)
{
	struct voice	*v;

	if (!audio_present() || !audio_works()) {
		*cause = xstrdup("no audio device");
		return (NULL);
	}
	if (engine_start(ENOUTPUT_MODE_SPEAK_AUDIO, cause) == -1)
		return (NULL);
	v = xcalloc(1, sizeof *v);
	v->open = 1;
	return (v);
}

void
voice_say(struct voice *v, const char *text)
{
	if (v == NULL || !v->open)
		return;
	espeak_ng_Cancel();
	espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8, NULL, NULL);
}

void
voice_wait(struct voice *v)
{
	if (v != NULL && v->open)
		espeak_ng_Synchronize();
}

void
voice_close(struct voice *v)
{
	if (v == NULL)
		return;
	if (v->open)
		espeak_ng_Terminate();
	free(v);
}

/* Samples collected by the synchronous callback. */
static int16_t	*wav_buf;
static size_t	 wav_len, wav_cap;

static int
collect(short *wav, int n, espeak_EVENT *events)
{
	(void)events;
	if (wav == NULL || n <= 0)
		return (0);
	if (wav_len + (size_t)n > wav_cap) {
		wav_cap = (wav_len + (size_t)n) * 2;
		wav_buf = xreallocarray(wav_buf, wav_cap, sizeof *wav_buf);
	}
	memcpy(wav_buf + wav_len, wav, (size_t)n * sizeof *wav);
	wav_len += (size_t)n;
	return (0);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

int
voice_to_wav(const char *text, const char *path, char **cause)
{
	unsigned char	 h[44];
	FILE		*f;
	uint32_t	 rate, bytes;
	size_t		 i;
	int		 ret = -1;

	if (engine_start(ENOUTPUT_MODE_SYNCHRONOUS, cause) == -1)
		return (-1);
	wav_len = 0;
	espeak_SetSynthCallback(collect);
	/* Synchronous mode returns when the text is spoken; no waiting. */
	espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8, NULL, NULL);
	rate = (uint32_t)espeak_ng_GetSampleRate();
	espeak_ng_Terminate();

	bytes = (uint32_t)(wav_len * 2);
	memcpy(h, "RIFF", 4);
	put32(h + 4, 36 + bytes);
	memcpy(h + 8, "WAVEfmt ", 8);
	put32(h + 16, 16);
	h[20] = 1; h[21] = 0;		/* PCM */
	h[22] = 1; h[23] = 0;		/* mono */
	put32(h + 24, rate);
	put32(h + 28, rate * 2);
	h[32] = 2; h[33] = 0;		/* block align */
	h[34] = 16; h[35] = 0;		/* bits per sample */
	memcpy(h + 36, "data", 4);
	put32(h + 40, bytes);
	if ((f = fopen(path, "wb")) == NULL) {
		*cause = xasprintf("cannot create '%s'", path);
		goto out;
	}
	fwrite(h, 1, sizeof h, f);
	for (i = 0; i < wav_len; i++) {
		unsigned char s[2] = { (uint16_t)wav_buf[i] & 0xff,
		    ((uint16_t)wav_buf[i] >> 8) & 0xff };
		fwrite(s, 1, 2, f);
	}
	if (fclose(f) != 0) {
		*cause = xasprintf("cannot write '%s'", path);
		goto out;
	}
	ret = 0;
out:
	free(wav_buf);
	wav_buf = NULL;
	wav_len = wav_cap = 0;
	return (ret);
}
