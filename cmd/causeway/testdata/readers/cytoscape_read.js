// Load a Cytoscape JSON (.cyjs) file into Cytoscape.js, headless, with the
// file's style, and print what it holds as JSON. Usage: node
// cytoscape_read.js FILE. Cytoscape.js is the npm copy beside this script,
// or else the web view's vendored copy.
'use strict';
const fs = require('fs');
const path = require('path');
let cytoscape;
try {
  cytoscape = require('cytoscape');
} catch (e) {
  cytoscape = require(path.join(__dirname, '..', '..', '..', '..', 'web', 'static', 'vendor', 'cytoscape.min.js'));
}

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
// As a page would: cytoscape({container, ...doc}).
const cy = cytoscape({ ...doc, headless: true, styleEnabled: true });
const out = {
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  // Edges whose ends Cytoscape.js did not find: it would not add them.
  missingEnds: cy.edges().filter((e) => e.source().empty() || e.target().empty()).length,
  nodeData: cy.nodes().map((n) => n.data()),
  edgeData: cy.edges().map((e) => e.data()),
  // The positions Cytoscape.js gave the nodes, and the style it computed
  // for each element.
  positions: Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()])),
  styleRules: cy.style().json().length,
  edgeStyle: Object.fromEntries(cy.edges().map((e) => [e.id(), {
    lineStyle: e.style('line-style'), lineColor: e.style('line-color'), arrowFill: e.style('target-arrow-fill'),
  }])),
  nodeStyle: Object.fromEntries(cy.nodes().map((n) => [n.id(), {
    label: n.style('label'), borderWidth: n.style('border-width'),
  }])),
  warnings,
};
process.stdout.write(JSON.stringify(out), () => process.exit(0));
