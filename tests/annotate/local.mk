# fourway annotate end to end, checked with tshark.
TESTS += tests/annotate/annotate.sh
EXTRA_DIST += tests/annotate/annotate.sh
