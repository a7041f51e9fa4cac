#!/bin/sh
# certs.sh DIR: the certificates of the EAP-TLS scenario, made fresh on the
# host before each boot (the VM has no openssl): a CA, the RADIUS server's
# certificate and the station's client certificate, both signed by it.
# EC P-256 keys, quick to make and cheap for the emulated CPU.  The guest's
# clock comes from the host's at boot; the daemons are also told to skip
# the validity-time checks, so a clock a second behind changes nothing.
set -eu
d=$1
mkdir -p "$d"
cd "$d"
ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ec ca.key
openssl req -new -x509 -key ca.key -out ca.pem -days 30 -subj "/CN=fourway test CA" \
	-addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign"
# sign NAME CN EXTENDED-USAGE
sign() {
	ec "$1.key"
	openssl req -new -key "$1.key" -out "$1.csr" -subj "/CN=$2"
	printf 'basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\n' "$3" >"$1.ext"
	openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 \
		-extfile "$1.ext" -out "$1.pem" 2>/dev/null
	rm -f "$1.csr" "$1.ext"
}
sign server radius.fourway.test serverAuth
sign client station@fourway.test clientAuth
rm -f ca.srl
