package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds Debian's Chromium (or $CHROME). Under CI=true a missing
// browser fails the test, as a missing export reader does; elsewhere the
// test is skipped with a message.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium on PATH: the web view's tests need it (Debian: apt-get install chromium)")
	}
	t.Skip("no Chromium on PATH (Debian: apt-get install chromium); skipping the web view's tests")
	return ""
}

// browser starts a headless Chromium with a fresh profile and returns a
// context to drive a tab with, and the console problems seen so far.
func browser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })

	// A first action starts the browser and the tab, which Console needs.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	var (
		mu       sync.Mutex
		problems []string
	)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch m.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s %s:%d: %s", m.Type, m.URL, m.Line+1, m))
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}
}

// screenshots is where the browser tests write their screenshots:
// $CAUSEWAY_SCREENSHOTS, or a temporary directory.
func screenshots(t *testing.T) string {
	if dir := os.Getenv("CAUSEWAY_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.TempDir()
}

// shoot writes a screenshot of the page to dir/name.
func shoot(ctx context.Context, t *testing.T, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// eval evaluates a JavaScript expression in the page into out.
func eval[T any](ctx context.Context, t *testing.T, expr string, out *T) {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	*out = v
}

// waitFor waits until a JavaScript expression is true in the page.
func waitFor(ctx context.Context, t *testing.T, expr string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	poll := func() error {
		return chromedp.Do(wctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
	}
	err := poll()
	// Right after a navigation the poll may be sent to the page's old
	// JavaScript context, which Chromium has just destroyed: poll again
	// in the new one, within the same bound.
	for err != nil && strings.Contains(err.Error(), "Cannot find context with specified id") && wctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
		err = poll()
	}
	if err != nil {
		// Say what the page shows instead.
		page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.causeway && causeway.state) + " " +
			((document.querySelector(".tab.active") || document.body).innerText || "").slice(0, 400)`))
		t.Fatalf("waiting for %s: %v; the page shows %s", expr, err, page)
	}
}

// clickElement clicks the graph element id with the mouse, as a reader
// does: a node at its centre, an edge at a point of it that no node
// covers. The view is first centred on that point, so that the click
// cannot miss.
func clickElement(ctx context.Context, t *testing.T, id string) {
	t.Helper()
	var at struct{ X, Y float64 }
	eval(ctx, t, fmt.Sprintf(`(() => {
		const cy = causeway.cy, id = %q, el = cy.$id(id);
		if (el.empty()) throw new Error("no element " + id);
		cy.zoom(1.4);
		let p = el.isNode() ? el.position() : null;
		if (!p) {
			// An edge: the first point along it, from its middle out,
			// that no node covers.
			const a = el.sourceEndpoint(), b = el.targetEndpoint();
			// A bundled edge is a quadratic Bézier curve through its
			// control point; a lone edge a straight line.
			const c = (el.controlPoints() || [])[0];
			const at = (f) => c ? {
				x: (1 - f) * (1 - f) * a.x + 2 * (1 - f) * f * c.x + f * f * b.x,
				y: (1 - f) * (1 - f) * a.y + 2 * (1 - f) * f * c.y + f * f * b.y,
			} : {x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f};
			const covered = (q) => cy.nodes().some((n) => {
				const bb = n.boundingBox({includeLabels: false});
				return n.visible() && q.x >= bb.x1 - 4 && q.x <= bb.x2 + 4 && q.y >= bb.y1 - 4 && q.y <= bb.y2 + 4;
			});
			for (const f of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
				const q = at(f);
				if (!covered(q)) { p = q; break; }
			}
			if (!p) throw new Error("every point of edge " + id + " is under a node");
		}
		cy.pan({x: cy.width() / 2 - p.x * cy.zoom(), y: cy.height() / 2 - p.y * cy.zoom()});
		const box = document.getElementById("graph").getBoundingClientRect();
		return {X: box.left + cy.width() / 2, Y: box.top + cy.height() / 2};
	})()`, id), &at)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		t.Fatalf("click %s: %v", id, err)
	}
}

// waitEqual waits until a JavaScript expression counts want, and fails
// with what it last counted if it does not within a few seconds.
func waitEqual(ctx context.Context, t *testing.T, what, expr string, want int) {
	t.Helper()
	var got int
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		eval(ctx, t, expr, &got)
		if got == want || time.Now().After(deadline) {
			break
		}
	}
	if got != want {
		t.Errorf("%s: %d; want %d", what, got, want)
	}
}

// clickOn clicks the middle of the element a CSS selector finds, with the
// mouse, after scrolling it into view.
func clickOn(ctx context.Context, t *testing.T, css string) {
	t.Helper()
	var at struct{ X, Y float64 }
	eval(ctx, t, fmt.Sprintf(`(() => {
		const sel = %q, el = document.querySelector(sel);
		if (!el) throw new Error("nothing matches " + sel);
		el.scrollIntoView({block: "nearest"});
		const r = el.getBoundingClientRect();
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2};
	})()`, css), &at)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at.X, at.Y)); err != nil {
		t.Fatalf("click %s: %v", css, err)
	}
}

// reopen loads address afresh in the tab, as a colleague who is sent it
// does (a page whose address differs only in its fragment would not load
// again), and returns the tab's context.
func reopen(ctx context.Context, t *testing.T, address string) context.Context {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(address)); err != nil {
		t.Fatalf("open %s: %v", address, err)
	}
	return ctx
}

// getJSON reads an API answer into out.
func getJSON(t *testing.T, base, path string, out any) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// TestWebView drives the web view in a real headless Chromium against a
// real causeway serve, as a reader would: it loads without a console
// error, search finds 缺電 in both scripts, a click on a link shows its
// quote inside its paragraph of the text, a trace between two picked
// nodes highlights the path the API returns, the filters change what is
// drawn, and the address restores a view.
func TestWebView(t *testing.T) {
	ctx, problems := browser(t)
	base := startServe(t)
	dir := screenshots(t)

	type cyData struct {
		ID, Kind, Hedge string
		Inferred        bool
	}
	var export struct {
		Elements struct {
			Nodes []struct{ Data cyData }
			Edges []struct{ Data cyData }
		}
	}
	getJSON(t, base, "/api/export?format=cytoscape", &export)

	t.Run("loads", func(t *testing.T) {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		waitFor(ctx, t, `window.causeway && causeway.ready === true`)
		var counts []int
		eval(ctx, t, `[causeway.cy.nodes().length, causeway.cy.edges().length, causeway.cy.edges('.causes').length]`, &counts)
		causal := 0
		for _, e := range export.Elements.Edges {
			if e.Data.Kind == "causes" {
				causal++
			}
		}
		want := []int{len(export.Elements.Nodes), len(export.Elements.Edges), causal}
		if !slices.Equal(counts, want) {
			t.Errorf("the view draws %v nodes, edges and causal links; the API has %v", counts, want)
		}
		shoot(ctx, t, dir, "graph.png")
		if p := problems(); len(p) > 0 {
			t.Errorf("the page logged problems:\n%s", strings.Join(p, "\n"))
		}
	})

	t.Run("search in both scripts", func(t *testing.T) {
		for _, q := range []string{"缺電", "缺电"} {
			eval(ctx, t, `document.getElementById("search").value = ""`, new(string))
			clickOn(ctx, t, "#search")
			if err := chromedp.Do(ctx, chromedp.KeyEvent(q+"\r")); err != nil {
				t.Fatal(err)
			}
			waitFor(ctx, t, fmt.Sprintf(`document.getElementById("search-out").dataset.q === %q && document.querySelector("#search-out .result") !== null`, q))
			var first string
			var matched bool
			eval(ctx, t, `document.querySelector("#search-out .result").dataset.id`, &first)
			eval(ctx, t, `causeway.cy.$id("power-shortage").hasClass("match")`, &matched)
			if first != "power-shortage" || !matched {
				t.Errorf("search %s: first result %q, node marked %v; want power-shortage, marked", q, first, matched)
			}
		}
		shoot(ctx, t, dir, "search.png")
	})

	t.Run("a link shows its quote in its paragraph", func(t *testing.T) {
		const id = "liu-yuhui-2025-livestream/link/power-shortage--idle-chips"
		clickElement(ctx, t, id)
		waitFor(ctx, t, `document.querySelector("#evidence mark") !== null`)
		var got struct {
			Mark, Para, Hedge, Speaker, Link string
		}
		eval(ctx, t, `({Mark: document.querySelector("#evidence mark").textContent,
			Para: document.querySelector("#evidence").textContent,
			Hedge: document.getElementById("ev-hedge").textContent,
			Speaker: document.getElementById("ev-speaker").textContent,
			Link: causeway.state.link})`, &got)
		var show struct {
			Outgoing []struct{ Link, Quote string }
		}
		getJSON(t, base, "/api/show?name=power-shortage", &show)
		quote := ""
		for _, h := range show.Outgoing {
			if h.Link == "power-shortage--idle-chips" {
				quote = h.Quote
			}
		}
		text, err := os.ReadFile("../../data/liu-yuhui-2025-livestream.txt")
		if err != nil {
			t.Fatal(err)
		}
		if got.Link != id || quote == "" || got.Mark != quote {
			t.Errorf("clicked link %q shows %q marked; want link %s and its quote %q", got.Link, got.Mark, id, quote)
		}
		if !strings.Contains(got.Para, quote) || len(got.Para) <= len(quote) || !slices.Contains(strings.Split(string(text), "\n"), got.Para) {
			t.Errorf("the quote is shown in %q; want its whole paragraph (a line of the text)", got.Para)
		}
		if got.Hedge != "certain" || !strings.Contains(got.Speaker, "Liu Yuhui") {
			t.Errorf("hedge %q, speaker %q; want certain, Liu Yuhui", got.Hedge, got.Speaker)
		}
		shoot(ctx, t, dir, "link.png")
	})

	t.Run("a trace between two picked nodes", func(t *testing.T) {
		clickElement(ctx, t, "power-shortage")
		waitFor(ctx, t, `document.querySelector('#trace-from[data-node="power-shortage"]') !== null`)
		clickOn(ctx, t, "#trace-from")
		clickElement(ctx, t, "capital-sell-off")
		waitFor(ctx, t, `document.querySelector('#trace-to[data-node="capital-sell-off"]') !== null`)
		clickOn(ctx, t, "#trace-to")
		waitFor(ctx, t, `document.querySelector("#trace-out .path-item") !== null`)
		var trace struct {
			Paths []struct {
				Nodes []struct{ ID string }
				Hops  []struct{ Kind, Source, Link string }
			}
		}
		getJSON(t, base, "/api/trace?from=power-shortage&to=capital-sell-off", &trace)
		var wantEdges, wantNodes []string
		hops := 0
		for _, p := range trace.Paths {
			for _, n := range p.Nodes {
				wantNodes = append(wantNodes, n.ID)
			}
			for _, h := range p.Hops {
				wantEdges = append(wantEdges, h.Source+"/link/"+h.Link)
			}
			hops += len(p.Hops)
		}
		slices.Sort(wantEdges)
		slices.Sort(wantNodes)
		wantEdges, wantNodes = slices.Compact(wantEdges), slices.Compact(wantNodes)
		var got struct {
			Edges, Nodes []string
			Hops         int
		}
		eval(ctx, t, `({Edges: causeway.cy.edges(".path").map(e => e.id()).sort(),
			Nodes: causeway.cy.nodes(".path").map(n => n.id()).sort(),
			Hops: document.querySelectorAll("#trace-out .hop").length})`, &got)
		if len(wantEdges) == 0 || !slices.Equal(got.Edges, wantEdges) || !slices.Equal(got.Nodes, wantNodes) {
			t.Errorf("the view highlights edges %q and nodes %q; the API's paths are %q through %q", got.Edges, got.Nodes, wantEdges, wantNodes)
		}
		if got.Hops != hops {
			t.Errorf("the view lists %d hops; the API's paths have %d", got.Hops, hops)
		}
		shoot(ctx, t, dir, "trace.png")

		// A colleague opens the address: the same trace.
		var address string
		eval(ctx, t, `location.href`, &address)
		tab := reopen(ctx, t, address)
		waitFor(tab, t, `window.causeway && causeway.ready === true && document.querySelector("#trace-out .path-item") !== null`)
		var shared []string
		eval(tab, t, `causeway.cy.edges(".path").map(e => e.id()).sort()`, &shared)
		if !slices.Equal(shared, wantEdges) {
			t.Errorf("the address %s highlights %q; want %q", address, shared, wantEdges)
		}
	})

	t.Run("filters change what is drawn, and the address keeps them", func(t *testing.T) {
		clickOn(ctx, t, "#clear")
		const visible = `causeway.cy.edges(".causes").filter(e => e.visible()).length`
		certain, certainStated := 0, 0
		for _, e := range export.Elements.Edges {
			if e.Data.Kind == "causes" && e.Data.Hedge == "certain" {
				certain++
				if !e.Data.Inferred {
					certainStated++
				}
			}
		}
		// A select's list is no part of the page to click on: choose as a
		// keyboard does, and tell the page as the browser would.
		eval(ctx, t, `(() => { const s = document.getElementById("f-hedge"); s.value = "certain";
			s.dispatchEvent(new Event("change")); return s.value; })()`, new(string))
		waitEqual(ctx, t, "causal links drawn with min hedge certain", visible, certain)
		clickOn(ctx, t, "#f-inferred")
		waitEqual(ctx, t, "causal links drawn without inferred links", visible, certainStated)
		clickOn(ctx, t, "#f-entities")
		waitEqual(ctx, t, "entities drawn with entities off", `causeway.cy.nodes(".entity").filter(n => n.visible()).length`, 0)
		waitEqual(ctx, t, "involvement edges drawn with entities off", `causeway.cy.edges(".involves").filter(e => e.visible()).length`, 0)
		shoot(ctx, t, dir, "filters.png")

		var address string
		eval(ctx, t, `location.href`, &address)
		u, err := url.Parse(address)
		if err != nil {
			t.Fatal(err)
		}
		frag, _ := url.ParseQuery(u.Fragment)
		if frag.Get("min_hedge") != "certain" || frag.Get("inferred") != "0" || frag.Get("entities") != "0" {
			t.Errorf("the address %s does not keep the filters", address)
		}
		// A colleague opens the address.
		tab := reopen(ctx, t, address)
		waitFor(tab, t, `window.causeway && causeway.ready === true`)
		var again struct {
			Visible, Entities int
			Hedge             string
			Inferred          bool
		}
		eval(tab, t, `({Visible: causeway.cy.edges(".causes").filter(e => e.visible()).length,
			Entities: causeway.cy.nodes(".entity").filter(n => n.visible()).length,
			Hedge: document.getElementById("f-hedge").value, Inferred: document.getElementById("f-inferred").checked})`, &again)
		if again.Visible != certainStated || again.Entities != 0 || again.Hedge != "certain" || again.Inferred {
			t.Errorf("the shared address shows %+v; want %d links, no entity, min hedge certain, no inferred link", again, certainStated)
		}
	})

	t.Run("loops", func(t *testing.T) {
		var loops struct {
			Loops []struct{ Type string }
		}
		getJSON(t, base, "/api/loops", &loops)
		clickOn(ctx, t, `#tabs button[data-tab="loops"]`)
		var n int
		eval(ctx, t, `document.querySelectorAll("#loops-out .loop-item").length`, &n)
		if n != len(loops.Loops) || n == 0 {
			t.Errorf("the view lists %d loops; the API has %d", n, len(loops.Loops))
		}
	})

	if p := problems(); len(p) > 0 {
		t.Errorf("the page logged problems:\n%s", strings.Join(p, "\n"))
	}
}
