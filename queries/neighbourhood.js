// name: neighbourhood
// description: What lies within a few hops of a node, over causal links and involvement in either direction
// param: node=nvidia
// param: hops=2
//
// A breadth-first walk from the entity or factor whose id is the param
// `node`, along cw:causes (factor to factor) and cw:involves (factor to
// entity), both ways, up to `hops` steps. Emits every entity and factor
// reached, nearest first, with its kind and the fewest steps to it.

var NODE = "https://causeway.dev/id/";
var VOCAB = "https://causeway.dev/vocab#";
var EDGES = ["<" + VOCAB + "causes>", "<" + VOCAB + "involves>"];
var LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
var TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

function node(id) { return "<" + NODE + id + ">"; }
function idOf(iri) { return iri.slice(NODE.length + 1, iri.length - 1); }

function labelIn(n, tag) {
  var all = g.V(n).Out(LABEL).ToArray();
  for (var i = 0; i < all.length; i++) {
    if (g.V(n).Out(LABEL).Is(lang(all[i], tag)).Count() > 0) {
      return all[i];
    }
  }
  return "";
}

function kindOf(n) {
  if (g.V(n).Has(TYPE, "<" + VOCAB + "Entity>").Count() > 0) { return "entity"; }
  return "factor";
}

var start = node($node);
var max = parseInt($hops, 10);
if (isNaN(max) || max < 0) {
  throw new Error("hops must be a whole number of steps, not " + JSON.stringify($hops));
}
if (g.V(start).Out(TYPE).Count() === 0) {
  throw new Error("no entity or factor has the id " + JSON.stringify($node));
}

var hops = {};
hops[start] = 0;
var reached = [];
var frontier = [start];
for (var depth = 1; depth <= max && frontier.length > 0; depth++) {
  var next = [];
  for (var i = 0; i < frontier.length; i++) {
    var near = g.V(frontier[i]).Both(EDGES).ToArray();
    for (var j = 0; j < near.length; j++) {
      var m = near[j];
      if (!hops.hasOwnProperty(m)) {
        hops[m] = depth;
        reached.push(m);
        next.push(m);
      }
    }
  }
  frontier = next;
}

reached.sort(function (a, b) {
  if (hops[a] !== hops[b]) { return hops[a] - hops[b]; }
  return a < b ? -1 : a > b ? 1 : 0;
});
for (var k = 0; k < reached.length; k++) {
  var n = reached[k];
  g.Emit({id: idOf(n), kind: kindOf(n), label: labelIn(n, "en"), label_zh: labelIn(n, "zh-Hant"), hops: hops[n]});
}
