// name: claim-quotes
// description: The quotes behind every claim about a node, or about a factor that involves it
// param: about=oracle
//
// Finds the claims whose cw:about is the node with the id `about`, and, when
// that node is an entity, the claims about the factors that involve it
// (cw:involves). Emits each claim once with its statement, hedge, speaker,
// and the verbatim quote with its rune offsets in the source text. `via` is
// the node the claim is about.

var NODE = "https://causeway.dev/id/";
var VOCAB = "https://causeway.dev/vocab#";
var SOURCE = "https://causeway.dev/source/";
var TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
var FROM = "<http://www.w3.org/ns/prov#wasDerivedFrom>";
var BY = "<http://www.w3.org/ns/prov#wasAttributedTo>";

function node(id) { return "<" + NODE + id + ">"; }
function idOf(iri) { return iri.slice(NODE.length + 1, iri.length - 1); }
function pred(local) { return "<" + VOCAB + local + ">"; }
function one(n, p) { return g.V(n).Out(p).ToValue(); }
function itemID(iri) { return iri.slice(iri.lastIndexOf("/") + 1, iri.length - 1); }

var about = node($about);
if (g.V(about).Out(TYPE).Count() === 0) {
  throw new Error("no entity or factor has the id " + JSON.stringify($about));
}

var targets = [about].concat(g.V(about).In(pred("involves")).ToArray());
var rows = [];
var seen = {};
for (var i = 0; i < targets.length; i++) {
  var claims = g.V(targets[i]).In(pred("about")).Has(TYPE, pred("Claim")).ToArray();
  for (var j = 0; j < claims.length; j++) {
    var c = claims[j];
    if (seen.hasOwnProperty(c)) { continue; }
    seen[c] = true;
    var src = one(c, FROM);
    rows.push({
      claim: itemID(c),
      via: idOf(targets[i]),
      statement: one(c, pred("statement")),
      hedge: one(c, pred("hedge")),
      speaker: idOf(one(c, BY) || ""),
      quote: one(c, pred("quote")),
      quote_start: one(c, pred("quoteStart")),
      quote_end: one(c, pred("quoteEnd")),
      source: src.slice(SOURCE.length + 1, src.length - 1)
    });
  }
}
rows.sort(function (a, b) {
  if (a.source !== b.source) { return a.source < b.source ? -1 : 1; }
  return a.quote_start - b.quote_start;
});
for (var k = 0; k < rows.length; k++) {
  g.Emit(rows[k]);
}
