#!/usr/bin/env bash
# Builds the Debian package IT installs (docs/deploy.md, "Installing"):
#   scripts/package.sh                       # cargo build --release, then the .deb in target/debian/
#   scripts/package.sh --binary PATH --out DIR
# --binary packs a binary already built (CI packs its test build to check the
# layout without a second release build). Needs dpkg-deb only.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
out="target/debian"
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "package.sh: unknown argument $1 (use --binary PATH, --out DIR)" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  cargo build --release -p pwe-cli
  binary=target/release/pwe
fi
[ -x "$binary" ] || { echo "package.sh: $binary is not an executable" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"/\1/p' crates/pwe-cli/Cargo.toml | head -n 1)"
arch="$(dpkg --print-architecture)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

install -D -m 0755 "$binary" "$root/usr/bin/pwe"
install -D -m 0644 deploy/pwe@.service "$root/lib/systemd/system/pwe@.service"
doc="$root/usr/share/doc/pwe"
install -D -m 0644 README.md "$doc/README.md"
for page in deploy security survey-format export-format report response-format weighting; do
  install -D -m 0644 "docs/$page.md" "$doc/$page.md"
done
install -D -m 0644 deploy/pwe.toml.example "$doc/examples/pwe.toml.example"
install -D -m 0644 deploy/Caddyfile "$doc/examples/Caddyfile"
install -D -m 0644 deploy/nginx.conf "$doc/examples/nginx.conf"
{
  echo "pwe: a Participatory Value Evaluation engine."
  echo "License: EUPL-1.2"
} > "$doc/copyright"

mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: pwe
Version: $version
Architecture: $arch
Maintainer: pwe developers <pwe@localhost>
Depends: libc6
Section: web
Priority: optional
Description: Participatory Value Evaluation (PWE) consultations
 Residents choose a portfolio of policy options within a budget and explain
 why; pwe serves the consultation, checks and stores the answers, and
 analyses them. One instance per configuration: pwe@<name>.service reads
 /etc/pwe/<name>.toml (see /usr/share/doc/pwe/deploy.md).
CONTROL
# The service's own user and folders; nothing is started before a
# configuration exists.
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd pwe >/dev/null || useradd --system --home-dir /var/lib/pwe --shell /usr/sbin/nologin pwe
  install -d -o pwe -g pwe -m 0700 /var/lib/pwe
  install -d -o root -g pwe -m 0750 /etc/pwe
  systemctl daemon-reload >/dev/null 2>&1 || true
fi
POSTINST
chmod 0755 "$root/DEBIAN/postinst"

mkdir -p "$out"
deb="$out/pwe_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
