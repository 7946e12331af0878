"""Read a GraphML or GEXF file with networkx and print what it holds as JSON.

Usage: networkx_read.py graphml|gexf FILE

networkx 2.8 (Debian 12) knows the GEXF 1.1draft and 1.2draft namespaces
only; GEXF 1.3 keeps their structure for static graphs, so the 1.3
namespace is registered with the same reader.
"""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        g = nx.read_graphml(path)
    else:
        gexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        }
        g = nx.read_gexf(path, version="1.3")
    out = {
        "directed": g.is_directed(),
        "nodes": {str(n): clean(d) for n, d in g.nodes(data=True)},
        "edges": edges(g),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


def edges(g):
    """The edges as [source, target, data]; the id of a parallel edge,
    which networkx's GraphML reader keeps as its key, in its data."""
    if not g.is_multigraph():
        return [[str(u), str(v), clean(d)] for u, v, d in g.edges(data=True)]
    out = []
    for u, v, k, d in g.edges(keys=True, data=True):
        d = clean(d)
        d.setdefault("id", str(k))
        out.append([str(u), str(v), d])
    return out


def clean(data):
    """Keep the attributes JSON can hold (yFiles geometry may be None)."""
    return {k: v for k, v in data.items() if isinstance(v, (str, bool, int, float))}


main()
