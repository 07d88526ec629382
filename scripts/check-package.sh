#!/usr/bin/env bash
# Checks a package made by scripts/package.sh: the files IT relies on are in
# it, and systemd accepts its unit (systemd-analyze verify, on an instance of
# the template, with ExecStart pointed at the packed binary).
set -euo pipefail
deb="$1"
contents="$(dpkg-deb -c "$deb")"
for path in ./usr/bin/pwe ./lib/systemd/system/pwe@.service \
  ./usr/share/doc/pwe/deploy.md ./usr/share/doc/pwe/security.md \
  ./usr/share/doc/pwe/examples/pwe.toml.example ./usr/share/doc/pwe/copyright; do
  grep -q " $path\$" <<<"$contents" || { echo "check-package: $deb lacks $path" >&2; exit 1; }
done
grep -q -- "-rwxr-xr-x root/root .* ./usr/bin/pwe$" <<<"$contents" \
  || { echo "check-package: ./usr/bin/pwe is not root's and executable" >&2; exit 1; }

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
dpkg-deb -x "$deb" "$dir/root"
dpkg-deb -e "$deb" "$dir/control"
sh -n "$dir/control/postinst"
"$dir/root/usr/bin/pwe" --version >/dev/null
mkdir "$dir/units"
sed "s#^ExecStart=/usr/bin/pwe #ExecStart=$dir/root/usr/bin/pwe #" \
  "$dir/root/lib/systemd/system/pwe@.service" > "$dir/units/pwe@.service"
ln -s pwe@.service "$dir/units/pwe@check.service"
# verify prints its findings and exits non-zero on errors; warnings about
# the unit's settings are errors here too.
findings="$(systemd-analyze verify --man=no "$dir/units/pwe@check.service" 2>&1)" \
  || { echo "$findings" >&2; exit 1; }
if [ -n "$findings" ]; then echo "$findings" >&2; exit 1; fi
echo "package $deb: contents and unit checked"
