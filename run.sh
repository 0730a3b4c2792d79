#!/usr/bin/env bash
# Installs dependencies, builds evalreport and renders the sample reports into output/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
scripts/render-samples.sh
