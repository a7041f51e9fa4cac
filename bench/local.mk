# The benchmark (bench/RESULTS.md): a generator of large captures, the bare
# libpcap loops that are its floor, and `make bench`, which is never part of
# `make check` (only the generator's correctness is: bench/smoke.sh).
check_PROGRAMS += bench/fwbench-gen bench/fwbench-loop bench/fwbench-cpu
TESTS += bench/smoke.sh
EXTRA_DIST += bench/smoke.sh bench/run.sh bench/RESULTS.md
bench_fwbench_gen_SOURCES = bench/gen.c
bench_fwbench_gen_CFLAGS = $(AM_CFLAGS) $(CRYPTO_CFLAGS) $(PCAP_CFLAGS)
bench_fwbench_gen_LDADD = libfwsynth.a libfwcapture.a libfwcrypto.a libfwdecode.a \
	libfwutil.a $(PCAP_LIBS) $(ZLIB_LIBS) $(CRYPTO_LIBS)
bench_fwbench_loop_SOURCES = bench/loop.c
bench_fwbench_loop_CFLAGS = $(AM_CFLAGS) $(PCAP_CFLAGS)
bench_fwbench_loop_LDADD = $(PCAP_LIBS)
bench_fwbench_cpu_SOURCES = bench/cpu.c

# make bench [BENCH_SIZE=1000000000] [BENCH_RUNS=5] [BENCH_FILE=path] [BENCH_CACHE=read|written]
BENCH_SIZE ?= 1000000000
BENCH_RUNS ?= 5
BENCH_FILE ?= bench-$(BENCH_SIZE).pcap
BENCH_CACHE ?= read
bench: fourway$(EXEEXT) bench/fwbench-gen$(EXEEXT) bench/fwbench-loop$(EXEEXT) \
	bench/fwbench-cpu$(EXEEXT)
	BENCH_SIZE='$(BENCH_SIZE)' BENCH_RUNS='$(BENCH_RUNS)' BENCH_FILE='$(BENCH_FILE)' \
		BENCH_CACHE='$(BENCH_CACHE)' sh $(top_srcdir)/bench/run.sh
.PHONY: bench
