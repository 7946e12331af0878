// name: upstream
// description: Everything that leads to a factor, directly or through other factors, nearest first
// param: to=capital-sell-off
//
// Walks cw:causes backward, breadth first, from the factor whose id is the
// param `to`, and emits each factor reached once, with the fewest causal
// hops it takes from there. The factor itself appears only if a feedback
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

var start = $to;
if (g.V(node(start)).Out(TYPE).Count() === 0) {
  throw new Error("no entity or factor has the id " + JSON.stringify(start));
}

var hops = {};
var reached = [];
var frontier = [node(start)];
for (var depth = 1; frontier.length > 0; depth++) {
  var next = [];
  for (var i = 0; i < frontier.length; i++) {
    var causes = g.V(frontier[i]).In(CAUSES).ToArray();
    for (var j = 0; j < causes.length; j++) {
      var e = causes[j];
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
