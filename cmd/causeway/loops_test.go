package main

import "testing"

func TestLoopsFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    loopsOptions
		wantErr bool
	}{
		{args: []string{}, want: loopsOptions{format: "text", maxLength: 12, limit: 20}},
		{args: []string{"--through", "裁員潮", "--format", "json"}, want: loopsOptions{through: "裁員潮", format: "json", maxLength: 12, limit: 20}},
		{args: []string{"x"}, wantErr: true},
		{args: []string{"--through", ""}, wantErr: true},
		{args: []string{"--format", "xml"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(joinArgs(tt.args), func(t *testing.T) {
			got, err := parseCmd(&env{}, newLoopsCmd, tt.args)
			if tt.wantErr {
				wantUsageError(t, "loops", tt.args, err)
				return
			}
			if err != nil {
				t.Fatalf("loops %q: %v", tt.args, err)
			}
			got.env = nil
			if *got != tt.want {
				t.Errorf("loops %q = %+v; want %+v", tt.args, *got, tt.want)
			}
		})
	}
}
