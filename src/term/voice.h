/*
 * voice.h -- spoken cues through espeak-ng, for people who cannot watch
 * the screen while they move.
 */
#ifndef MIDBACK_VOICE_H
#define MIDBACK_VOICE_H

struct voice;

/*
 * Start the speech engine on the default audio device. Returns NULL with
 * *cause set (the caller frees it) when there is no voice data or no
 * audio device; the caller then goes on silently.
 */
struct voice	*voice_open(char **cause);
/* Say text, cutting off whatever is still being said. Never blocks. */
void		 voice_say(struct voice *, const char *text);
/* Wait until everything queued has been said. */
void		 voice_wait(struct voice *);
void		 voice_close(struct voice *);
/*
 * Synthesize text into a 16-bit mono WAV file at path, with no audio
 * device. Returns 0, or -1 with *cause set. For tests and for checking
 * that speech works on a machine.
 */
int		 voice_to_wav(const char *text, const char *path, char **cause);

#endif
