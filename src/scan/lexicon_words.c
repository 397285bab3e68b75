/*
 * lexicon_words.c - the general-language word set, embedded.
 *
 * tools/gen_lexicon.c writes it at build time from Debian's hunspell
 * dictionaries and word lists (see there and CMakeLists.txt); the bytes
 * are linked in with .incbin so the library needs no file at run time
 * and nothing derived from the dictionaries is committed. Format: "KDLX",
 * version, count, sorted entries (little-endian uint32), read by
 * kd__lex_word() in lexicon.c.
 */
#ifndef KD_LEXICON_BIN
#error "KD_LEXICON_BIN: path of the generated lexicon (CMakeLists.txt)"
#endif

__asm__(".section .rodata\n"
	".balign 16\n"
	".globl kd__lexicon_data\n"
	".hidden kd__lexicon_data\n"
	"kd__lexicon_data:\n"
	".incbin \"" KD_LEXICON_BIN "\"\n"
	".globl kd__lexicon_end\n"
	".hidden kd__lexicon_end\n"
	"kd__lexicon_end:\n"
	".byte 0\n"
	".previous\n");
