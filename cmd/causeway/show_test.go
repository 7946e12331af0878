package main

import "testing"

func TestShowFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    showOptions
		wantErr bool
	}{
		{args: []string{"缺電"}, want: showOptions{name: "缺電", format: "text"}},
		{args: []string{"oracle", "--format", "json"}, want: showOptions{name: "oracle", format: "json"}},
		{args: []string{}, wantErr: true},
		{args: []string{"a", "b"}, wantErr: true},
		{args: []string{""}, wantErr: true},
		{args: []string{"a", "--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newShowCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "show", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("show %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("show %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}
