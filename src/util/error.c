/*
 * error.c - thread-local "last error" text (kd_error_last) and the filling
 * of kd_parse_err, so every failure carries a human message and parse
 * failures also carry file, line and column.
 */
#include "util.h"

#include <stdio.h>
#include <string.h>

static _Thread_local char t_msg[1024] = "no error";

const char *kd_error_last(void)
{
	return t_msg;
}

int kd__error_set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t_msg, sizeof(t_msg), fmt, ap);
	va_end(ap);
	return code;
}

int kd__parse_fail(kd_parse_err *err, int code, const char *file,
		   unsigned long line, unsigned long col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (err) {
		err->code = code;
		snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
		snprintf(err->msg, sizeof(err->msg), "%s", msg);
		err->line = line;
		err->col = col;
	}
	if (file == NULL || *file == '\0') /* in-memory input */
		return kd__error_set(code, "%s", msg);
	if (col)
		return kd__error_set(code, "%s:%lu:%lu: %s", file ? file : "",
				     line, col, msg);
	if (line)
		return kd__error_set(code, "%s:%lu: %s", file ? file : "", line,
				     msg);
	return kd__error_set(code, "%s: %s", file ? file : "", msg);
}

const char *kd_strerror(int code)
{
	switch (code) {
	case KD_OK:
		return "success";
	case KD_ENOMEM:
		return "out of memory";
	case KD_EINVAL:
		return "invalid argument";
	case KD_EIO:
		return "input/output error";
	case KD_EPARSE:
		return "malformed input";
	case KD_ENOTFOUND:
		return "not found";
	case KD_EFORMAT:
		return "unknown or unsupported format";
	default:
		return "unknown error";
	}
}
