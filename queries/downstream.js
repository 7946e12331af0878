// name: downstream
// description: Everything a factor leads to, directly or through other factors, nearest first
// param: from=power-shortage
//
// Walks cw:causes forward, breadth first, from the factor whose id is the
// param `from`, and emits each factor reached once, with the fewest causal
// hops it takes to get there. The factor itself appears only if a feedback
// loop leads back to it.

var NODE = "https://causeway.dev/id/";
var CAUSES = "<https://causeway.dev/vocab#causes>";
var LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
var TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

function node(id) { return "<" + NODE + id + ">"; }
function idOf(iri) { return iri.slice(NODE.length + 1, iri.length - 1); }

// labelIn returns the label of n tagged with the language tag.
function labelIn(n, tag) {
  var all = g.V(n).Out(LABEL).ToArray();
  for (var i = 0; i < all.length; i++) {
    if (g.V(n).Out(LABEL).Is(lang(all[i], tag)).Count() > 0) {
      return all[i];
    }
  }
  return "";
}

var start = $from;
if (g.V(node(start)).Out(TYPE).Count() === 0) {
  throw new Error("no entity or factor has the id " + JSON.stringify(start));
}

var hops = {};
var reached = [];
var frontier = [node(start)];
for (var depth = 1; frontier.length > 0; depth++) {
  var next = [];
  for (var i = 0; i < frontier.length; i++) {
    var effects = g.V(frontier[i]).Out(CAUSES).ToArray();
    for (var j = 0; j < effects.length; j++) {
      var e = effects[j];
      if (!hops.hasOwnProperty(e)) {
        hops[e] = depth;
        reached.push(e);
        next.push(e);
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
  g.Emit({id: idOf(n), label: labelIn(n, "en"), label_zh: labelIn(n, "zh-Hant"), hops: hops[n]});
}
