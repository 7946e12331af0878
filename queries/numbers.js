// name: numbers
// description: Every number claimed about a node, or about a factor that involves it, in text order
// param: about=a-share-turnover
//
// Like claim-quotes, but only the claims that carry a number (cw:unit), with
// the number's value or range (cw:value, cw:min, cw:max) in base units, its
// comparator, unit and period. Fields a claim does not state are left out.

var NODE = "https://causeway.dev/id/";
var VOCAB = "https://causeway.dev/vocab#";
var TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

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
  var claims = g.V(targets[i]).In(pred("about")).Has(TYPE, pred("Claim")).Has(pred("unit")).ToArray();
  for (var j = 0; j < claims.length; j++) {
    var c = claims[j];
    if (seen.hasOwnProperty(c)) { continue; }
    seen[c] = true;
    var row = {claim: itemID(c), via: idOf(targets[i]), statement: one(c, pred("statement"))};
    var fields = ["value", "min", "max", "comparator", "unit", "per", "hedge", "inferred", "quote", "quoteStart"];
    for (var f = 0; f < fields.length; f++) {
      var v = one(c, pred(fields[f]));
      if (v !== null && v !== undefined) {
        row[fields[f] === "quoteStart" ? "quote_start" : fields[f]] = v;
      }
    }
    rows.push(row);
  }
}
rows.sort(function (a, b) { return a.quote_start - b.quote_start; });
for (var k = 0; k < rows.length; k++) {
  g.Emit(rows[k]);
}
