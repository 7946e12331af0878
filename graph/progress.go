package graph

import (
	"sync/atomic"
	"time"
)

// LoadPhase is what a load is doing.
type LoadPhase int32

// The phases of a load, in order.
const (
	// PhasePlan compares the quads with the store's: the catalog's
	// records, or the quads themselves.
	PhasePlan LoadPhase = iota
	// PhaseQuads writes Cayley's values, quads and indexes.
	PhaseQuads
	// PhaseCatalog writes the catalog: source records, counts, the name
	// and text indexes.
	PhaseCatalog
	// PhaseCommit commits the transaction: the store's pages reach the
	// disk.
	PhaseCommit
	// PhaseDone is a load finished, written or failed.
	PhaseDone
)

// String names the phase as a progress line shows it.
func (p LoadPhase) String() string {
	switch p {
	case PhasePlan:
		return "comparing"
	case PhaseQuads:
		return "writing quads"
	case PhaseCatalog:
		return "writing the catalog"
	case PhaseCommit:
		return "committing"
	}
	return "done"
}

// LoadProgress is what a load has done so far, for a caller that shows
// it while the load runs (see Store.Watch): its methods may be called
// from any goroutine.
type LoadProgress struct {
	phase   atomic.Int32
	records atomic.Int64
	started atomic.Int64
}

// Phase tells what the load does now.
func (p *LoadProgress) Phase() LoadPhase { return LoadPhase(p.phase.Load()) }

// Records tells how many records the load has handed to the store's
// transaction: in a bolt store, each of Cayley's keys (a value, a quad,
// an index entry) and each of the catalog's; 0 elsewhere.
func (p *LoadProgress) Records() int64 { return p.records.Load() }

// Elapsed tells how long the load has run, 0 before it starts.
func (p *LoadProgress) Elapsed() time.Duration {
	if s := p.started.Load(); s != 0 {
		return time.Duration(time.Now().UnixNano() - s)
	}
	return 0
}

// start marks the load begun.
func (p *LoadProgress) start() {
	if p != nil {
		p.started.Store(time.Now().UnixNano())
		p.phase.Store(int32(PhasePlan))
	}
}

// enter marks the load in phase ph.
func (p *LoadProgress) enter(ph LoadPhase) {
	if p != nil {
		p.phase.Store(int32(ph))
	}
}

// add counts n records written.
func (p *LoadProgress) add(n int64) {
	if p != nil {
		p.records.Add(n)
	}
}

// Watch makes the store's loads report what they do to p (nil for none).
func (s *Store) Watch(p *LoadProgress) {
	s.progress = p
	if s.kv != nil {
		s.kv.progress = p
	}
}
