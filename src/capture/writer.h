/*
 * writer.h - writing classic pcap files through libpcap (for synth, -w,
 * the TUI's save key and exports).
 *
 * Files are written with nanosecond timestamps (magic a1b23c4d), so what a
 * source read is written back without losing precision.  Path "-" is
 * standard output.
 *
 * Every file goes through the output rule (outfile.h): written beside its
 * name and renamed into place by fw_pcap_writer_close() when all went
 * well; after a failure, or fw_pcap_writer_abort(), the old file (if any)
 * is left as it was.
 *
 * Ownership: the writer owns the file until fw_pcap_writer_close() or
 * fw_pcap_writer_abort(), which free the writer in every case.
 */
#ifndef FW_CAPTURE_WRITER_H
#define FW_CAPTURE_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fw_pcap_writer;
struct fw_out_rule;

/*
 * Create path for packets of this DLT.  Returns 0, or FW_EIO / FW_EINVAL /
 * FW_ENOMEM with "PATH: libpcap's text" in err.
 */
int fw_pcap_writer_open(struct fw_pcap_writer **out, const char *path, int linktype,
			uint32_t snaplen, char *err, size_t errlen);
/*
 * The same with the precision chosen: nano false writes microsecond
 * timestamps (magic a1b2c3d4), which every pcap reader understands
 * (aircrack-ng, for one, reads no other); sub-microsecond parts are dropped.
 */
int fw_pcap_writer_open_prec(struct fw_pcap_writer **out, const char *path, int linktype,
			     uint32_t snaplen, bool nano, char *err, size_t errlen);
/*
 * The same under rule (outfile.h: the inputs it must not harm, FW_OUT_*
 * flags); the two above use no rule.  FW_EINVAL with the rule's reason in
 * err when it refuses path.
 */
int fw_pcap_writer_create(struct fw_pcap_writer **out, const char *path,
			  const struct fw_out_rule *rule, int linktype, uint32_t snaplen,
			  bool nano, char *err, size_t errlen);
/*
 * Append one packet.  caplen bytes of data are written; len is the length
 * on the wire (>= caplen).  ts_ns must fit the format (0 .. 2^32 s).
 * FW_EINVAL for caplen > len or > snaplen, FW_ERANGE for the time, FW_EIO
 * when the write failed.
 */
int fw_pcap_writer_write(struct fw_pcap_writer *w, int64_t ts_ns, const uint8_t *data,
			 uint32_t caplen, uint32_t len);
/*
 * Flush, close and put the file in place; FW_EIO when anything written was
 * lost or the rule refused the rename (the old file then stays).
 */
int fw_pcap_writer_close(struct fw_pcap_writer *w);
/* Give up: nothing is put in place; a temporary file is removed. */
void fw_pcap_writer_abort(struct fw_pcap_writer *w);
/*
 * Push what is buffered to the file; FW_EIO when it was lost.  Lets a
 * caller writing two files learn that both hold everything before it puts
 * either in place.
 */
int fw_pcap_writer_flush(struct fw_pcap_writer *w);

#endif
