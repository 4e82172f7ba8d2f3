#!/bin/sh
# Judge the ext2 images the unit tests left in $1 with Linux's own tools
# (tests/tests.mk): e2fsck -fn must find nothing to fix in any X.img, and
# where the tests also left X.file, debugfs must read /aurora.bin in X.img
# back as exactly those bytes.
set -u
dir=$1
status=0
count=0
for img in "$dir"/*.img; do
	[ -e "$img" ] || continue
	count=$((count + 1))
	if ! out=$(e2fsck -fn "$img" 2>&1); then
		echo "e2fsck -fn $img:"; echo "$out"; status=1
	fi
	expected=${img%.img}.file
	[ -e "$expected" ] || continue
	if ! debugfs -R 'cat /aurora.bin' "$img" 2>/dev/null | cmp -s - "$expected"; then
		echo "debugfs: /aurora.bin in $img differs from $expected"; status=1
	fi
done
if [ "$count" = 0 ]; then
	echo "ext2 judge: no images in $dir"; exit 1
fi
[ "$status" = 0 ] && echo "ext2 judge: e2fsck and debugfs agree with $count images"
exit $status
