# fourway annotate end to end, checked with tshark; the corpus case apart
# (SKIP without the corpus).
TESTS += tests/annotate/annotate.sh tests/annotate/annotate_corpus.sh
EXTRA_DIST += tests/annotate/annotate.sh tests/annotate/annotate_corpus.sh tests/annotate/lib.sh
