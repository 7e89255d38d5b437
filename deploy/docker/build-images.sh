#!/usr/bin/env bash
# Builds the four service images from the repository root with deploy/docker/Dockerfile.
#   deploy/docker/build-images.sh [version] [registry]
# defaults: version 0.1.0, registry ghcr.io/qrlogin. Push with `docker push` (or add --push).
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:-0.1.0}"
registry="${2:-ghcr.io/qrlogin}"
for module in notify-gateway qr-service scan-service session-service; do
  docker build -f deploy/docker/Dockerfile --build-arg MODULE="${module}" --build-arg VERSION="${version}" \
    -t "${registry}/${module}:${version}" .
done
