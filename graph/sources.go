package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/causeway/causeway/graph/schema"
)

// Source is a source document of the store, as its curated file describes
// it. The store keeps where its text was and its hash, not the text.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Speaker is the id of the entity who says what the text says, unless
	// a link or claim names another.
	Speaker  string `json:"speaker,omitempty"`
	Date     string `json:"date,omitempty"`
	Language string `json:"language,omitempty"`
	// Text is the path of the source text, relative to its curated file;
	// SHA256 the hex sha256 of that text.
	Text   string `json:"text"`
	SHA256 string `json:"sha256"`
	Origin string `json:"origin,omitempty"`
}

// Sources reads every source of the store, sorted by id.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	subjects, err := s.subjectsOfType(ctx, schema.ClassSource)
	if err != nil {
		return nil, err
	}
	out := make([]Source, 0, len(subjects))
	for _, v := range subjects {
		src := Source{ID: sourceID(v)}
		err := s.eachQuad(ctx, quad.Subject, v, func(q quad.Quad) {
			p, _ := q.Predicate.(quad.IRI)
			val, _ := text(q.Object)
			switch string(p) {
			case schema.DCTitle:
				src.Title = val
			case schema.DCDate:
				src.Date = val
			case schema.DCLanguage:
				src.Language = val
			case schema.PredTextPath:
				src.Text = val
			case schema.PredSHA256:
				src.SHA256 = val
			case schema.PredOrigin:
				src.Origin = val
			case schema.ProvBy:
				src.Speaker = nodeID(q.Object)
			}
		})
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}
