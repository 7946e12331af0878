package main

import "testing"

func TestWhyAndEffectsFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    treeOptions
		wantErr bool
	}{
		{args: []string{"拋售"}, want: treeOptions{name: "拋售", maxDepth: 4, limit: 500, format: "text"}},
		{args: []string{"x", "--max-depth", "2", "--format", "json"}, want: treeOptions{name: "x", maxDepth: 2, limit: 500, format: "json"}},
		{args: []string{"x", "--limit", "7"}, want: treeOptions{name: "x", maxDepth: 4, limit: 7, format: "text"}},
		{args: []string{"x", "--limit", "0"}, wantErr: true},
		{args: []string{}, wantErr: true},
		{args: []string{"x", "y"}, wantErr: true},
		{args: []string{" "}, wantErr: true},
		{args: []string{"x", "--max-depth", "0"}, wantErr: true},
		{args: []string{"x", "--format", "xml"}, wantErr: true},
	}
	for _, upstream := range []bool{true, false} {
		name, newCmd := "effects", newEffectsCmd
		if upstream {
			name, newCmd = "why", newWhyCmd
		}
		for _, tt := range tests {
			t.Run(name+" "+joinArgs(tt.args), func(t *testing.T) {
				got, err := parseCmd(&env{}, newCmd, tt.args)
				if tt.wantErr {
					wantUsageError(t, name, tt.args, err)
					return
				}
				if err != nil {
					t.Fatalf("%s %q: %v", name, tt.args, err)
				}
				got.env = nil
				want := tt.want
				want.upstream = upstream
				if *got != want {
					t.Errorf("%s %q = %+v; want %+v", name, tt.args, *got, want)
				}
			})
		}
	}
}
