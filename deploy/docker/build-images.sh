#!/usr/bin/env bash
# Builds every service image (each module with a src/main/resources/application.yml) from the
# repository root with deploy/docker/Dockerfile.
#   deploy/docker/build-images.sh [version] [registry]
# defaults: version 0.2.0, registry ghcr.io/qrlogin. Push with `docker push` (or add --push).
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:-0.2.0}"
registry="${2:-ghcr.io/qrlogin}"
for yml in */src/main/resources/application.yml; do
  module="${yml%%/*}"
  docker build -f deploy/docker/Dockerfile --build-arg MODULE="${module}" --build-arg VERSION="${version}" \
    -t "${registry}/${module}:${version}" .
done
