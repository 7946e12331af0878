package export

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/causeway/causeway/graph/schema"
)

// The files WriteCSV's output goes to, in the directory a user names.
const (
	CSVNodes         = "nodes.csv"
	CSVRelationships = "relationships.csv"
)

// csvType is the type suffix neo4j-admin reads from a header field.
func csvType(t attrType) string {
	switch t {
	case typeBool:
		return ":boolean"
	case typeInt:
		return ":int"
	}
	return ""
}

// WriteCSV writes g as the two files of a neo4j-admin import: nodes (an
// "id:ID" column, ":LABEL" Entity, Factor or Claim, and the attributes,
// aliases as ;-separated string arrays) and relationships (":START_ID",
// ":END_ID", ":TYPE" CAUSES, INVOLVES or ABOUT, and the attributes). Load
// them with
//
//	neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv
//
// (with --multiline-fields=true should a quote ever hold a line break).
func WriteCSV(nodes, relationships io.Writer, g schema.View) error {
	nattrs, eattrs := nodeAttrs(), edgeAttrs()
	nw := csv.NewWriter(nodes)
	header := []string{"id:ID", ":LABEL"}
	for _, a := range nattrs {
		h := a.name + csvType(a.typ)
		if strings.HasPrefix(a.name, "aliases") {
			h = a.name + ":string[]"
		}
		header = append(header, h)
	}
	if err := nw.Write(header); err != nil {
		return err
	}
	for _, n := range g.Nodes {
		row := []string{n.ID, title(n.Kind)}
		for _, a := range nattrs {
			v, _ := a.get(n)
			row = append(row, v)
		}
		if err := nw.Write(row); err != nil {
			return err
		}
	}
	nw.Flush()
	if err := nw.Error(); err != nil {
		return err
	}

	rw := csv.NewWriter(relationships)
	header = []string{":START_ID", ":END_ID", ":TYPE", "id"}
	for _, a := range eattrs {
		header = append(header, a.name+csvType(a.typ))
	}
	if err := rw.Write(header); err != nil {
		return err
	}
	for _, e := range g.Edges {
		row := []string{e.From, e.To, strings.ToUpper(e.Kind), e.ID}
		for _, a := range eattrs {
			v, _ := a.get(e)
			row = append(row, v)
		}
		if err := rw.Write(row); err != nil {
			return err
		}
	}
	rw.Flush()
	return rw.Error()
}

// title capitalises a kind for a neo4j label: "factor" is "Factor".
func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
