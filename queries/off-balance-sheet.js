// name: off-balance-sheet
// description: The companies financed off balance sheet through a structure (an SPV), and how much
// param: structure=spv
//
// A company counts when a factor involves both it and the structure whose id
// is `structure` (cw:involves), or when a claim about it quotes one of the
// structure's names (its labels and aliases, in either language). For each
// such company, emits every claim about it in a currency (USD or CNY) whose
// quote names the structure: the amount financed that way. A company tied to
// the structure with no such claim is emitted once, without an amount.

var NODE = "https://causeway.dev/id/";
var VOCAB = "https://causeway.dev/vocab#";
var TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
var LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>";
var ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>";
var CURRENCIES = ["USD", "CNY"];

function node(id) { return "<" + NODE + id + ">"; }
function idOf(iri) { return iri.slice(NODE.length + 1, iri.length - 1); }
function pred(local) { return "<" + VOCAB + local + ">"; }
function one(n, p) { return g.V(n).Out(p).ToValue(); }
function itemID(iri) { return iri.slice(iri.lastIndexOf("/") + 1, iri.length - 1); }
function labelIn(n, tag) {
  var all = g.V(n).Out(LABEL).ToArray();
  for (var i = 0; i < all.length; i++) {
    if (g.V(n).Out(LABEL).Is(lang(all[i], tag)).Count() > 0) {
      return all[i];
    }
  }
  return "";
}

var structure = node($structure);
if (g.V(structure).Out(TYPE).Count() === 0) {
  throw new Error("no entity or factor has the id " + JSON.stringify($structure));
}
var names = g.V(structure).Out([LABEL, ALT]).ToArray();
function namesStructure(quote) {
  for (var i = 0; i < names.length; i++) {
    if (names[i] !== "" && quote.indexOf(names[i]) >= 0) { return true; }
  }
  return false;
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

var companies = sortedSet(g.V().Has(TYPE, pred("Entity")).Has(pred("kind"), "company").ToArray());
for (var i = 0; i < companies.length; i++) {
  var co = companies[i];
  var tied = g.V(co).In(pred("involves")).Out(pred("involves")).Is(structure).Count() > 0;
  var claims = sortedSet(g.V(co).In(pred("about")).Has(TYPE, pred("Claim")).ToArray());
  var amounts = [];
  for (var j = 0; j < claims.length; j++) {
    var q = one(claims[j], pred("quote"));
    if (!namesStructure(q)) { continue; }
    tied = true;
    if (CURRENCIES.indexOf(one(claims[j], pred("unit"))) >= 0) {
      amounts.push(claims[j]);
    }
  }
  if (!tied) { continue; }
  var base = {company: idOf(co), label: labelIn(co, "en"), label_zh: labelIn(co, "zh-Hant")};
  if (amounts.length === 0) {
    g.Emit(base);
    continue;
  }
  for (var k = 0; k < amounts.length; k++) {
    var c = amounts[k];
    var row = {company: base.company, label: base.label, label_zh: base.label_zh, claim: itemID(c),
      statement: one(c, pred("statement")), unit: one(c, pred("unit")), quote: one(c, pred("quote"))};
    var fields = ["value", "min", "max", "comparator"];
    for (var f = 0; f < fields.length; f++) {
      var v = one(c, pred(fields[f]));
      if (v !== null && v !== undefined) { row[fields[f]] = v; }
    }
    g.Emit(row);
  }
}
