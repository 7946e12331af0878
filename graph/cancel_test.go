package graph

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
)

// cancelAt is a context cancelled for good once the load it watches has
// written records records: a cancellation (Ctrl-C, --timeout) at a known
// point of a load, without a race with a timer. It records where the load
// was when it first looked.
type cancelAt struct {
	context.Context
	p       *LoadProgress
	records int64

	mu sync.Mutex
	// seen is whether the load has looked since the cancellation, and
	// phase what it was doing then.
	seen  bool
	phase LoadPhase
}

func (c *cancelAt) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.p.Records() < c.records {
		return c.Context.Err()
	}
	if !c.seen {
		c.seen, c.phase = true, c.p.Phase()
	}
	return context.Canceled
}

// A load into bolt that is cancelled in the middle of writing (the quads
// of a new store, which bulkAdd writes; those of a store that holds quads,
// which Cayley writes; the catalog) stops within a few thousand records of
// the cancellation, not at the end of its writing, fails with the
// context's error, and leaves the store as it was.
func TestCancelledLoadStopsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a large synthetic corpus")
	}
	quads := bigLoad(3000)
	half := bigLoad(1500)
	for _, tc := range []struct {
		name   string
		before bool // whether the store holds half the quads first
		// at is where to cancel, as a part of the records of the whole
		// load, and phase the phase that is then.
		at    float64
		phase LoadPhase
	}{
		{"bulk writing into a new store", false, 0.3, PhaseQuads},
		{"Cayley writing into a store that holds quads", true, 0.3, PhaseQuads},
		{"writing the catalog", false, 0.97, PhaseCatalog},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openBolt(t)
			if tc.before {
				if _, err := s.Load(context.Background(), half); err != nil {
					t.Fatal(err)
				}
			}
			was := quadSet(t, s)
			var p LoadProgress
			s.Watch(&p)
			// The records of the whole load, counted in a load rolled back.
			errStop := errors.New("rolled back")
			s.beforeCommit = func() error { return errStop }
			if _, err := s.Load(context.Background(), quads); !errors.Is(err, errStop) {
				t.Fatalf("Load = %v; want it rolled back", err)
			}
			s.beforeCommit = nil
			whole := p.Records()
			p = LoadProgress{}
			ctx := &cancelAt{Context: context.Background(), p: &p, records: int64(tc.at * float64(whole))}
			_, err := s.Load(ctx, quads)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Load cancelled at record %d of %d = %v; want context.Canceled", ctx.records, whole, err)
			}
			if ctx.phase != tc.phase {
				t.Errorf("cancelled at record %d of %d, the load stopped %s; want %s", ctx.records, whole, ctx.phase, tc.phase)
			}
			if after := p.Records() - ctx.records; after > 2*checkEvery {
				t.Errorf("cancelled at record %d of %d, the load wrote %d more records", ctx.records, whole, after)
			}
			if now := quadSet(t, s); !slices.Equal(now, was) {
				t.Errorf("after a cancelled load the store holds %d quads; want the %d it held", len(now), len(was))
			}
			// And the store takes the load afterwards.
			if _, err := s.Load(context.Background(), quads); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// The name and text indexes' changes, worked out beside a load, stop when
// the load is cancelled and are not written: waiting for them fails with
// the context's error, never gives changes worked out in part.
func TestCancelledIndexChangesAreNotWritten(t *testing.T) {
	s := OpenMemory()
	quads := group(bigLoad(200)).order
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := s.prepareIndexers(ctx, quads, nil)()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("index changes of a cancelled load = %v; want context.Canceled", err)
	}
	for prefix, ch := range got {
		if ch != nil {
			t.Errorf("index %q worked its changes out after the cancellation", prefix)
		}
	}
	whole, err := s.prepareIndexers(context.Background(), quads, nil)()
	if err != nil || len(whole) == 0 {
		t.Fatalf("index changes = %v, %v; want them", whole, err)
	}
	for prefix, ch := range whole {
		if ch == nil {
			t.Errorf("index %q has no changes for %d quads", prefix, len(quads))
		}
	}
}
