"""Parse an N-Quads or JSON-LD file with rdflib and print its counts as JSON.

Usage: rdflib_read.py nquads|json-ld FILE
"""
import json
import sys

import rdflib


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    g = rdflib.ConjunctiveGraph()
    g.parse(path, format=fmt)
    quads = list(g.quads((None, None, None, None)))
    langs = sorted({o.language for _, _, o, _ in quads if isinstance(o, rdflib.Literal) and o.language})
    types = sorted({str(o.datatype) for _, _, o, _ in quads if isinstance(o, rdflib.Literal) and o.datatype})
    graphs = sorted({str(c.identifier) for _, _, _, c in quads})
    json.dump({"quads": len(quads), "languages": langs, "datatypes": types, "graphs": graphs},
              sys.stdout, ensure_ascii=False)


main()
