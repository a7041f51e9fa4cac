/*
 * stream.h - the input format of the whole-pipeline fuzz target: a capture
 * reduced to what the pipeline reads, so that the fuzzer mutates frames
 * rather than pcap record headers (libpcap's own reader is not under test).
 *
 *   byte 0     link type: index into fuzz_stream_linktypes (modulo its size)
 *   byte 1     --max-links for the run (0: the default)
 *   then records, to the end of the input:
 *     2 bytes  frame length, big-endian (a last record may be shorter)
 *     1 byte   time since the previous frame, in units of 100 microseconds
 *     length bytes of frame
 */
#ifndef FW_FUZZ_STREAM_H
#define FW_FUZZ_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "decode/frame.h"

static const int fuzz_stream_linktypes[] = {
	FW_DLT_IEEE802_11_RADIO, FW_DLT_IEEE802_11, FW_DLT_PPI, FW_DLT_PRISM,
	FW_DLT_IEEE802_11_RADIO_AVS, FW_DLT_EN10MB, FW_DLT_LINUX_SLL, FW_DLT_LINUX_SLL2,
};
#define FUZZ_STREAM_N_LINKTYPES (sizeof(fuzz_stream_linktypes) / sizeof(fuzz_stream_linktypes[0]))
#define FUZZ_STREAM_TICK_NS 100000

#endif
