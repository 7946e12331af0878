package graph

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/causeway/causeway/graph/schema"
)

// bigLoad is a load large enough to take a while: a chain of n factors,
// each causing the next.
func bigLoad(n int) []schema.Quad {
	quads, _ := syntheticQuads(rand.New(rand.NewSource(1)), n, func(i int) []int { return []int{i + 1} })
	return quads
}

// TestKilledLoadHelper is not a test: TestKilledLoadLeavesStoreAsItWas runs
// the test binary again with it, to load into a store until killed.
func TestKilledLoadHelper(t *testing.T) {
	spec := os.Getenv("CAUSEWAY_KILL_DB")
	if spec == "" {
		t.Skip("helper process only")
	}
	quads := bigLoad(5000)
	s, err := Open(spec, true)
	if err != nil {
		t.Fatal(err)
	}
	if s.kv != nil {
		// A new store's file in many steps, committed one by one (see
		// loadFresh), so that kills come between them.
		s.kv.step = 1000
	}
	fmt.Println("loading")
	if _, err := s.Load(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	s.Close()
	fmt.Println("done")
}

// TestKilledLoadLeavesStoreAsItWas kills a process in the middle of a large
// load, at several moments, on every persistent backend, and checks that
// the store it leaves opens and holds either all of the old data or all of
// the new, never a part.
func TestKilledLoadLeavesStoreAsItWas(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a load in another process several times")
	}
	for _, b := range persistentBackends() {
		t.Run(b.name, func(t *testing.T) { testKilledLoad(t, b) })
	}
}

func testKilledLoad(t *testing.T, b backend) {
	full := OpenMemory()
	if _, err := full.Load(context.Background(), bigLoad(5000)); err != nil {
		t.Fatal(err)
	}
	want := stats(t, full)

	killedMidway := 0
	// The last delay is never: that load is left to finish.
	const never = time.Duration(-1)
	for _, delay := range []time.Duration{0, 50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond, never} {
		name := fmt.Sprintf("killed after %v", delay)
		if delay == never {
			name = "left to finish"
		}
		t.Run(name, func(t *testing.T) {
			s, spec := b.open(t)
			load(t, s, curated("synthetic", parseEdges(t, "old-a -> old-b")))
			before := stats(t, s)
			s.Close()

			finished := runHelper(t, spec, delay, true)

			s, err := Open(spec, false)
			if err != nil {
				t.Fatalf("the store a killed load left does not open: %v", err)
			}
			defer s.Close()
			got := stats(t, s)
			switch got {
			case before:
				killedMidway++
			case want:
			default:
				t.Errorf("store after a load killed at %v holds %+v; want the old %+v or the new %+v", delay, got, before, want)
			}
			if (finished || delay == never) && got != want {
				t.Errorf("the load finished but the store holds %+v; want %+v", got, want)
			}
			// The catalog is the one of the quads left, whichever they are.
			checkCatalog(t, s, true)
		})
	}
	t.Logf("%d of the loads were killed before they committed", killedMidway)
}

// TestKilledCreationLeavesALoadableStore kills, at 100 random moments, a
// process that creates a new bolt store and loads it (a multi-second load),
// and checks after each kill that the store holds none of the load or all
// of it, quad for quad, and that a later load into it succeeds.
func TestKilledCreationLeavesALoadableStore(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a creating load 100 times")
	}
	full := OpenMemory()
	if _, err := full.Load(context.Background(), bigLoad(5000)); err != nil {
		t.Fatal(err)
	}
	want := quadSet(t, full)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	// How long a whole creation takes here, to spread the kills over it.
	start := time.Now()
	runHelper(t, "bolt:"+filepath.Join(t.TempDir(), "timing"), -1, false)
	span := time.Since(start)
	// building counts the kills that came while the load built the new
	// store's file (see loadFresh).
	empty, whole, building := 0, 0, 0
	for i := range 100 {
		dir := filepath.Join(t.TempDir(), fmt.Sprintf("db%d", i))
		// A sixth of the kills come after the load has committed.
		delay := time.Duration(rng.Int63n(int64(span) * 6 / 5))
		runHelper(t, "bolt:"+dir, delay, false)
		spec := "bolt:" + dir
		if s, err := Open(spec, false); err == nil {
			got := quadSet(t, s)
			s.Close()
			switch {
			case len(got) == 0:
				empty++
			case slices.Equal(got, want):
				whole++
			default:
				t.Fatalf("kill %d at %v: the new store holds %d quads; want none or all %d", i, delay, len(got), len(want))
			}
		} else if !errors.Is(err, ErrNoStore) {
			t.Fatalf("kill %d at %v: the store a killed creation left: %v; want it to open, or to say there is no store yet", i, delay, err)
		} else {
			empty++
		}
		if len(leftovers(t, dir)) > 0 {
			building++
		}
		s, err := Open(spec, true)
		if err != nil {
			t.Fatalf("kill %d at %v: a later load cannot open the store: %v", i, delay, err)
		}
		// The file a load killed while building the store is removed.
		if left := leftovers(t, dir); len(left) != 0 {
			t.Fatalf("kill %d at %v: after a writer opened the store, %q remain", i, delay, left)
		}
		load(t, s, curated("after", parseEdges(t, "x -> y")))
		s.Close()
	}
	t.Logf("creation (%v) killed 100 times: %d left no data, %d all of it; %d while building the new file", span, empty, whole, building)
}

// runHelper runs TestKilledLoadHelper loading into the store spec (making
// it if need be), kills it delay after it starts (with afterLoading, after
// it has opened the store and begun the load; never, for a negative delay),
// and reports whether the load finished.
func runHelper(t *testing.T, spec string, delay time.Duration, afterLoading bool) bool {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledLoadHelper$", "-test.v")
	cmd.Env = append(os.Environ(), "CAUSEWAY_KILL_DB="+spec)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if afterLoading {
		for lines.Scan() && lines.Text() != "loading" {
		}
	}
	if delay >= 0 {
		time.AfterFunc(delay, func() { cmd.Process.Kill() })
	}
	finished := false
	for lines.Scan() {
		finished = finished || lines.Text() == "done"
	}
	cmd.Wait()
	return finished
}
