// Load a Cytoscape JSON (.cyjs) file into Cytoscape.js, headless, and print
// what it holds as JSON. Usage: node cytoscape_read.js FILE
'use strict';
const fs = require('fs');
const cytoscape = require('cytoscape');

const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const warnings = [];
console.warn = (...args) => warnings.push(args.join(' '));
const cy = cytoscape({ headless: true, elements: doc.elements });
const out = {
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  // Edges whose ends Cytoscape.js did not find: it would not add them.
  missingEnds: cy.edges().filter((e) => e.source().empty() || e.target().empty()).length,
  nodeData: cy.nodes().map((n) => n.data()),
  edgeData: cy.edges().map((e) => e.data()),
  warnings,
};
process.stdout.write(JSON.stringify(out));
