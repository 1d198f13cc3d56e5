#!/usr/bin/env bash
# Builds the three app images as OCI/Docker tarballs WITHOUT a Docker daemon and WITHOUT a registry (where Docker Hub
# is unreachable): base image `scratch` plus one extra layer holding a jlink'd Java 17 runtime (from the local JDK)
# and the glibc/libstdc++ libraries it links against (copied from this host). Then proves each tarball runs by
# unpacking its layers and executing the image's own entrypoint with `--help` in a chroot (needs root).
#
#   deploy/jib/build-offline-images.sh            ->  ingest/target/jib-image.tar, scoring-stream/..., ranking-sink/...
#   docker load -i ingest/target/jib-image.tar    (on a machine with Docker)
#
# With registry access use the normal base image instead: ./mvnw -B package -DskipTests jib:dockerBuild (or jib:build).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD/target/jib-offline
rm -rf "$root" && mkdir -p "$root/rootfs/tmp"

# 1. a Java 17 runtime with the modules the apps use (Kafka, Jetty, JDBC, JMX metrics, TLS/SASL)
jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs,jdk.naming.dns \
      --strip-debug --no-header-files --no-man-pages --compress=2 --output "$root/rootfs/opt/java"

# 2. the shared libraries it needs (scratch has no libc)
for f in "$root/rootfs/opt/java/bin/java" $(find "$root/rootfs/opt/java/lib" -name '*.so'); do
  ldd "$f" 2>/dev/null | awk '/=> \//{print $3} /^\t\/.*ld-linux/{print $1}'
done | sort -u | while read -r lib; do
  mkdir -p "$root/rootfs$(dirname "$lib")"
  cp -L "$lib" "$root/rootfs$lib"
done
mkdir -p "$root/rootfs/etc" && echo 'root:x:0:0:root:/root:/bin/false' > "$root/rootfs/etc/passwd"

# 3. the images: Jib with base scratch and the runtime as an extra directory layer
./mvnw -B -q -o -pl ingest,scoring-stream,ranking-sink -am package jib:buildTar -DskipTests \
  -Djib.base.image=scratch \
  -Djib.extraDirectories.paths="$root/rootfs" \
  -Djib.extraDirectories.permissions='/opt/java/bin/*=755,/opt/java/lib/jspawnhelper=755,/lib64/*=755,/tmp=777' \
  -Djib.container.environment=PATH=/opt/java/bin,JAVA_HOME=/opt/java,LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server,LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server

# 4. proof: every tarball's entrypoint runs
for app in ingest scoring-stream ranking-sink; do
  tar=$app/target/jib-image.tar
  fs=$root/check-$app && mkdir -p "$fs/image" "$fs/root"
  tar -xf "$tar" -C "$fs/image"
  for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$fs/image/manifest.json"); do
    tar -xzf "$fs/image/$layer" -C "$fs/root" 2>/dev/null || tar -xf "$fs/image/$layer" -C "$fs/root"
  done
  # LD_LIBRARY_PATH: in a chroot without /proc the launcher cannot resolve its $ORIGIN rpath (the image sets it too)
  cmd=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))[0]; c=json.load(open(sys.argv[2]+"/"+m["Config"]))["config"]; print(" ".join(c["Entrypoint"]))' "$fs/image/manifest.json" "$fs/image")
  echo "== $app ($(du -h "$tar" | cut -f1)): $cmd --help"
  env -i PATH=/opt/java/bin LD_LIBRARY_PATH=/opt/java/lib:/opt/java/lib/server JAVA_TOOL_OPTIONS=-Xmx128m "$(command -v chroot)" "$fs/root" $cmd --help | head -3
done
