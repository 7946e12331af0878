package graph

import (
	"context"
	"testing"
)

// TestSources reads the shipped source back as its curated file describes
// it, from a memory store and from bolt.
func TestSources(t *testing.T) {
	bolt, _ := openBolt(t)
	if _, err := bolt.Load(context.Background(), extractShipped(t)); err != nil {
		t.Fatal(err)
	}
	want := Source{
		ID: "liu-yuhui-2025-livestream", Speaker: "liu-yuhui", Date: "2025-11", Language: "zh-Hant",
		Text:   "liu-yuhui-2025-livestream.txt",
		SHA256: "b9c27b3070e8b3e305d253e91774da3a0e180187f46545e254b07967304bc2e7",
		Origin: "shared/seeds/000_ee0052c72febbc89.txt",
	}
	for name, s := range map[string]*Store{"memory": shippedStore(t), "bolt": bolt} {
		t.Run(name, func(t *testing.T) {
			got, err := s.Sources(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("Sources() = %d sources; want 1", len(got))
			}
			title := got[0].Title
			got[0].Title = ""
			if got[0] != want || title == "" {
				t.Errorf("Sources() = %+v (title %q); want %+v and a title", got[0], title, want)
			}
		})
	}
	empty, err := OpenMemory().Sources(context.Background())
	if err != nil || len(empty) != 0 {
		t.Errorf("Sources() of an empty store = %v, %v; want none", empty, err)
	}
}
