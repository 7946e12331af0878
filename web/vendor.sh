#!/usr/bin/env bash
# Vendors the web view's graph library from npm into static/vendor, where
# the binary embeds it: Cytoscape.js and its dagre layout (which bundles
# @dagrejs/dagre), each with its licence. Run it after changing a version
# in package.json, and commit what it copies; the view needs no build.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
cp node_modules/cytoscape/dist/cytoscape.min.js static/vendor/
cp node_modules/cytoscape/LICENSE static/vendor/cytoscape.LICENSE
cp node_modules/cytoscape-dagre/dist/cytoscape-dagre.min.js static/vendor/
cp node_modules/cytoscape-dagre/LICENSE static/vendor/cytoscape-dagre.LICENSE
rm -rf node_modules
