package graph

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	csql "github.com/cayleygraph/cayley/graph/sql"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/fold"
	"github.com/causeway/causeway/graph/schema"
)

// shippedDoc reads the curated data shipped in the binary: the property
// tests below edit it as a curator would.
func shippedDoc(t testing.TB) *extract.Document {
	t.Helper()
	docs, err := extract.ReadAll(data.FS(), data.Curated())
	if err != nil {
		t.Fatalf("read the shipped data: %v", err)
	}
	return docs[0]
}

// shippedAndEdited compiles the shipped source, and the same after a
// curator's edit (see mergeClaims).
func shippedAndEdited(t testing.TB) (shipped, edited []schema.Quad) {
	t.Helper()
	doc := shippedDoc(t)
	shipped = extract.Compile(doc)
	mergeClaims(doc)
	return shipped, extract.Compile(doc)
}

// An edit changes a curated document in place, as a curator edits the
// YAML, and says what it did.
type edit struct {
	name string
	do   func(r *rand.Rand, d *extract.Document) string
}

// edits are the curation edits a reload must survive: the ten of the
// issue that found Cayley's reference-count bug (#885), in its order,
// then more.
func edits() []edit {
	return []edit{
		{"change a statement", func(r *rand.Rand, d *extract.Document) string {
			c := &d.Claims[r.Intn(len(d.Claims))]
			c.Statement += " (revised)"
			return c.ID
		}},
		{"delete a claim", func(r *rand.Rand, d *extract.Document) string {
			i := r.Intn(len(d.Claims))
			id := d.Claims[i].ID
			d.Claims = slices.Delete(d.Claims, i, i+1)
			return id
		}},
		{"merge two claims", func(r *rand.Rand, d *extract.Document) string {
			i, j := twoOf(r, len(d.Claims))
			keep, gone := &d.Claims[i], d.Claims[j]
			keep.Statement += " " + gone.Statement
			d.Claims = slices.Delete(d.Claims, j, j+1)
			return gone.ID + " into " + d.Claims[min(i, len(d.Claims)-1)].ID
		}},
		{"change a hedge", func(r *rand.Rand, d *extract.Document) string {
			c := &d.Claims[r.Intn(len(d.Claims))]
			c.Hedge = []string{"certain", "probable", "possible"}[(schema.HedgeRank(c.Hedge)+1)%3]
			return c.ID + " to " + c.Hedge
		}},
		{"delete a link", func(r *rand.Rand, d *extract.Document) string {
			i := r.Intn(len(d.Links))
			id := d.Links[i].ID
			d.Links = slices.Delete(d.Links, i, i+1)
			return id
		}},
		{"rename a factor id", func(r *rand.Rand, d *extract.Document) string {
			f := &d.Factors[r.Intn(len(d.Factors))]
			old, id := f.ID, f.ID+"-renamed"
			f.ID = id
			renameNode(d, old, id)
			return old + " to " + id
		}},
		{"add an alias", func(r *rand.Rand, d *extract.Document) string {
			f := &d.Factors[r.Intn(len(d.Factors))]
			f.AliasesZh = append(f.AliasesZh, f.LabelZh+"別名")
			return f.ID
		}},
		{"relabel a factor", func(r *rand.Rand, d *extract.Document) string {
			f := &d.Factors[r.Intn(len(d.Factors))]
			f.Label = "Relabelled " + f.Label
			return f.ID
		}},
		{"swap two links", func(r *rand.Rand, d *extract.Document) string {
			i, j := twoOf(r, len(d.Links))
			a, b := &d.Links[i], &d.Links[j]
			a.Cause, a.Effect, b.Cause, b.Effect = b.Cause, b.Effect, a.Cause, a.Effect
			return a.ID + " and " + b.ID
		}},
		{"change a number", func(r *rand.Rand, d *extract.Document) string {
			var numeric []int
			for i, c := range d.Claims {
				if c.Number != nil && c.Number.Value != nil {
					numeric = append(numeric, i)
				}
			}
			if len(numeric) == 0 {
				return "none left"
			}
			c := &d.Claims[numeric[r.Intn(len(numeric))]]
			v := *c.Number.Value * 2
			c.Number.Value = &v
			return c.ID
		}},
		{"delete an entity", func(r *rand.Rand, d *extract.Document) string {
			i := r.Intn(len(d.Entities))
			id := d.Entities[i].ID
			d.Entities = slices.Delete(d.Entities, i, i+1)
			for k := range d.Factors {
				d.Factors[k].Involves = slices.DeleteFunc(d.Factors[k].Involves, func(e string) bool { return e == id })
			}
			return id
		}},
		{"change a quote", func(r *rand.Rand, d *extract.Document) string {
			l := &d.Links[r.Intn(len(d.Links))]
			text := []rune(d.Text)
			start := r.Intn(len(text) - 20)
			l.Quote = extract.Quote{Text: string(text[start : start+10+r.Intn(10)]), Start: start}
			l.Quote.End = start + len([]rune(l.Quote.Text))
			return l.ID
		}},
		{"move a claim to another factor", func(r *rand.Rand, d *extract.Document) string {
			c := &d.Claims[r.Intn(len(d.Claims))]
			c.About = d.Factors[r.Intn(len(d.Factors))].ID
			return c.ID + " to " + c.About
		}},
		{"add a link", func(r *rand.Rand, d *extract.Document) string {
			i, j := twoOf(r, len(d.Factors))
			l := d.Links[r.Intn(len(d.Links))]
			l.ID = fmt.Sprintf("added-%d", r.Int())
			l.Cause, l.Effect = d.Factors[i].ID, d.Factors[j].ID
			d.Links = append(d.Links, l)
			return l.ID
		}},
	}
}

// twoOf picks two different indexes below n.
func twoOf(r *rand.Rand, n int) (int, int) {
	i := r.Intn(n)
	j := (i + 1 + r.Intn(n-1)) % n
	return i, j
}

// renameNode makes every reference to the node old refer to id.
func renameNode(d *extract.Document, old, id string) {
	swap := func(s *string) {
		if *s == old {
			*s = id
		}
	}
	for i := range d.Claims {
		swap(&d.Claims[i].About)
	}
	for i := range d.Links {
		swap(&d.Links[i].Cause)
		swap(&d.Links[i].Effect)
	}
	for i := range d.Chains {
		for k := range d.Chains[i].Steps {
			swap(&d.Chains[i].Steps[k])
		}
	}
}

// quadSet reads every quad of s as sorted N-Quads-like lines; an
// unreadable quad (one that lost a direction) fails the test.
func quadSet(t *testing.T, s *Store) []string {
	t.Helper()
	quads, err := s.Quads(context.Background())
	if err != nil {
		t.Fatalf("read the quads of %s: %v", s.Spec(), err)
	}
	out := make([]string, len(quads))
	for i, q := range quads {
		out[i] = q.String()
	}
	slices.Sort(out)
	return out
}

// diffLines says how two sorted quad lists differ, a few lines at most.
func diffLines(got, want []string) string {
	var b strings.Builder
	n := 0
	for _, g := range got {
		if _, ok := slices.BinarySearch(want, g); !ok && n < 5 {
			fmt.Fprintf(&b, "\n  extra:   %s", g)
			n++
		}
	}
	for _, w := range want {
		if _, ok := slices.BinarySearch(got, w); !ok && n < 10 {
			fmt.Fprintf(&b, "\n  missing: %s", w)
			n++
		}
	}
	return b.String()
}

// TestReloadEqualsFreshLoad applies sequences of curation edits to the
// shipped data, reloads the edited document into one store after each
// edit, and compares that store quad for quad with a fresh load of the
// same document, on every backend, and on PostgreSQL written by Cayley's
// own SQL writer as well (one ApplyDeltas call per load, as a CockroachDB
// store writes). The first sequence is the ten edits in order; the
// others are random, seeded for repeatability.
func TestReloadEqualsFreshLoad(t *testing.T) {
	const sequences, steps = 6, 8
	all := edits()
	kinds := append(backends(), backend{"postgres-cayley-writer", openCayleySQL})
	for _, b := range kinds {
		for seq := range sequences {
			t.Run(fmt.Sprintf("%s/seq%d", b.name, seq), func(t *testing.T) {
				ctx := context.Background()
				r := rand.New(rand.NewSource(int64(seq)))
				plan := all[:10]
				if seq > 0 {
					plan = nil
					for range steps {
						plan = append(plan, all[r.Intn(len(all))])
					}
				}
				s, spec := b.open(t)
				doc := shippedDoc(t)
				if _, err := s.Load(ctx, extract.Compile(doc)); err != nil {
					t.Fatal(err)
				}
				var done []string
				for _, e := range plan {
					done = append(done, e.name+" "+e.do(r, doc))
					res, err := s.Load(ctx, extract.Compile(doc))
					if err != nil {
						t.Fatalf("reload after %q: %v", done, err)
					}
					fresh := OpenMemory()
					if _, err := fresh.Load(ctx, extract.Compile(doc)); err != nil {
						t.Fatal(err)
					}
					got, want := quadSet(t, s), quadSet(t, fresh)
					if !slices.Equal(got, want) {
						t.Fatalf("after %q (reload %+v) the store has %d quads, a fresh load %d:%s",
							done, res, len(got), len(want), diffLines(got, want))
					}
					checkCatalog(t, s, b.name != "postgres-cayley-writer")
				}
				// The store's own bookkeeping (reference counts, the quad
				// count) agrees with its quads too.
				if spec != "" {
					s.Close()
					reopened, err := Open(spec, false)
					if err != nil {
						t.Fatal(err)
					}
					defer reopened.Close()
					if d := doctor(t, reopened, extract.Compile(doc)); !d.Healthy() || !d.RefCounts {
						t.Errorf("Doctor after %q = %+v; want healthy, reference counts checked", done, d.Problems)
					}
				}
			})
		}
	}
}

// openCayleySQL opens a store in a new PostgreSQL database through Cayley's
// postgres flavour alone, as Causeway's first PostgreSQL support would have:
// no snapshot, and a load written by Cayley's SQL writer in one
// ApplyDeltas call, the way a CockroachDB store loads.
func openCayleySQL(t testing.TB) (*Store, string) {
	t.Helper()
	spec := newPostgresDB(t)
	s, err := Open(spec, true)
	if err != nil {
		t.Fatal(err)
	}
	// Cayley's writer keeps no catalog: the store is one made before it.
	if _, err := s.sql.db.Exec(`DROP TABLE ` + catalogTable); err != nil {
		t.Fatal(err)
	}
	s.Close()
	qs, err := csql.New(flavourPostgres, spec, nil)
	if err != nil {
		t.Fatal(err)
	}
	s = &Store{qs: qs, spec: spec, names: &fold.Folder{}}
	t.Cleanup(func() { s.Close() })
	return s, spec
}
