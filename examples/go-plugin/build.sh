#!/bin/sh
# Builds the Go examples with Debian's packages only, in GOPATH mode (no module downloads):
#   examples/go-plugin/build.sh [<out dir>]   → <out dir>/myplugin and <out dir>/go-host (default: ./bin)
# Needs: golang-go golang-google-grpc-dev golang-github-golang-protobuf-1-3-dev
#        golang-github-spf13-cobra-dev protobuf-compiler protoc-gen-go-1-3
# The protocol code is generated from protocol/domain.proto (the reference proto) on every build,
# with the 1.3 protoc-gen-go (and its grpc plugin), which matches Debian's 1.3 protobuf runtime.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
examples=$(dirname "$here")
out=${1:-$here/bin}
mkdir -p "$out"
out=$(cd "$out" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/qntx-go-examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
src="$work/src/qntxexample"
mkdir -p "$src/protocol"
cp -r "$here/domains" "$here/plugingrpc" "$here/myplugin" "$src/"
cp -r "$examples/go-host" "$src/gohost"
protoc -I "$here/protocol" --go_out=plugins=grpc,paths=source_relative:"$src/protocol" "$here/protocol/domain.proto"

# The build cache outlives the temporary GOPATH, so a second build takes a second or two.
export GO111MODULE=off GOFLAGS= GOPATH="$work:/usr/share/gocode"
export GOCACHE="${GOCACHE:-${TMPDIR:-/tmp}/qntx-go-build-cache}"
cd "$work"
go build -o "$out/myplugin" qntxexample/myplugin
go build -o "$out/go-host" qntxexample/gohost
