# Installation and packaging.  install.sh runs with `make check`; the Debian
# package is built and tried in a fresh Debian 12 chroot by `make check-deb`.
TESTS += tests/pkg/install.sh
EXTRA_DIST += tests/pkg/install.sh tests/pkg/deb.sh
