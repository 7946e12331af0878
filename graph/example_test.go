package graph_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/causeway/causeway/data"
	"github.com/causeway/causeway/extract"
	"github.com/causeway/causeway/graph"
)

// Trace answers the main question of Causeway: by what chain does one
// factor lead to another, hop by hop, on whose word and how surely. Names
// are those a user types, in either language.
func ExampleStore_Trace() {
	ctx := context.Background()
	quads, err := extract.Quads(data.FS(), data.Curated())
	if err != nil {
		fmt.Println(err)
		return
	}
	s := graph.OpenMemory()
	defer s.Close()
	if _, err := s.Load(ctx, quads); err != nil {
		fmt.Println(err)
		return
	}

	res, err := s.Trace(ctx, graph.TraceRequest{From: "缺電", To: "拋售", MaxDepth: 8, Limit: 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Paths {
		fmt.Printf("%s, net %s, confidence %s\n", res.From.Name(), p.Polarity, p.Confidence)
		for i, h := range p.Hops {
			fmt.Printf("  %s %s → %s\n", h.Polarity, h.Hedge, p.Nodes[i+1].Name())
		}
	}

	// The other way round there is no path: the answer says so, and why.
	_, err = s.Trace(ctx, graph.TraceRequest{From: "拋售", To: "缺電", MaxDepth: 8, Limit: 10})
	var nothing *graph.NothingFoundError
	fmt.Println(errors.As(err, &nothing), err)
	// Output:
	// US power shortage 「缺電」, net +, confidence possible
	//   + certain → High-end chips idle in warehouses 「高端芯片躺在倉庫里吃灰」
	//   + certain → Depreciation costs rise 「折舊成本上升」
	//   + certain → Costs outrun revenue 「收入無法覆蓋成本」
	//   + possible → Profit growth slows (second derivative turns negative) 「利潤增長速度下滑，二階導轉負」
	//   + certain → Market-cap negative feedback 「市值負反饋」
	//   + certain → Capital sell-off 「資本拋售」
	// true no causal path from Capital sell-off 「資本拋售」 to US power shortage 「缺電」 within 8 hops (nor at any depth)
}
