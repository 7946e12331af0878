// name: loops
// description: Every feedback loop (a directed cycle of cw:causes) and its members, shortest first
//
// Reads the causal graph (every cw:causes edge between factors) and finds
// each simple directed cycle once: a depth-first search from every factor
// that only enters factors whose id sorts after the start, so each loop is
// found from its smallest member. Emits the members in causal order,
// starting from that smallest id, with their English labels.

var NODE = "https://causeway.dev/id/";
var CAUSES = "<https://causeway.dev/vocab#causes>";
var LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";

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

// sortedSet returns the distinct values of list, sorted: a traversal
// yields a node once per path to it.
function sortedSet(list) {
  var seen = {}, out = [];
  for (var i = 0; i < list.length; i++) {
    if (!seen.hasOwnProperty(list[i])) {
      seen[list[i]] = true;
      out.push(list[i]);
    }
  }
  return out.sort();
}

var nodes = sortedSet(g.V().Has(CAUSES).ToArray());
var adj = {};
for (var i = 0; i < nodes.length; i++) {
  adj[nodes[i]] = sortedSet(g.V(nodes[i]).Out(CAUSES).ToArray());
}

var loops = [];
function search(start, at, path, onPath) {
  var next = adj[at] || [];
  for (var j = 0; j < next.length; j++) {
    var n = next[j];
    if (n === start) {
      loops.push(path.slice());
    } else if (n > start && !onPath[n]) {
      onPath[n] = true;
      path.push(n);
      search(start, n, path, onPath);
      path.pop();
      onPath[n] = false;
    }
  }
}
for (var s = 0; s < nodes.length; s++) {
  var on = {};
  on[nodes[s]] = true;
  search(nodes[s], nodes[s], [nodes[s]], on);
}

loops.sort(function (a, b) {
  if (a.length !== b.length) { return a.length - b.length; }
  var ka = a.join(" "), kb = b.join(" ");
  return ka < kb ? -1 : ka > kb ? 1 : 0;
});
for (var k = 0; k < loops.length; k++) {
  var members = [], labels = [];
  for (var m = 0; m < loops[k].length; m++) {
    members.push(idOf(loops[k][m]));
    labels.push(labelIn(loops[k][m], "en"));
  }
  g.Emit({length: members.length, members: members, labels: labels});
}
