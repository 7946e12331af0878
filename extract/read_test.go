package extract

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// billionLaughs is a YAML file whose aliases expand to 9^levels strings.
func billionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString(`a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]` + "\n")
	for i := 1; i <= levels; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+", ", 8)+p)
	}
	return b.String()
}

func TestReadRefusesBadYAML(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // "line:col: message" of each problem, in order
	}{
		{
			name: "a syntax error after multi-byte text is at its line and column in runes",
			yaml: "source:\n  title: 美國只有4萬億千瓦時 id: x\n",
			want: []string{`2:23: invalid YAML: mapping values are not allowed in this context`},
		},
		{
			name: "an unclosed flow sequence says where it began",
			yaml: "source:\n  title: 缺電\n  id: [unclosed\nlinks: x\n",
			want: []string{`4:6: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence from line 3, column 7)`},
		},
		{
			name: "a tab in the indentation",
			yaml: "source:\n  title: 缺電\n\tid: x\n",
			want: []string{`3:1: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar from line 2, column 10)`},
		},
		{
			name: "an unknown anchor",
			yaml: "source: *nowhere\n",
			want: []string{`1:9: invalid YAML: unknown anchor 'nowhere' referenced`},
		},
		{
			name: "a second document",
			yaml: "source: {id: x}\n---\nsource: {id: y}\n",
			want: []string{`2:1: a second YAML document starts here; a curated file holds one document (remove the ---, or move this one to a file of its own)`},
		},
		{
			name: "an empty second document",
			yaml: "source: {id: x}\n\n---\n",
			want: []string{`3:1: a second YAML document starts here; a curated file holds one document (remove the ---, or move this one to a file of its own)`},
		},
		{
			name: "a syntax error in a second document",
			yaml: "source: {id: x}\n---\n[x\n",
			want: []string{`4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence from line 3, column 1)`},
		},
		{
			name: "an explicit start and end of the one document are fine",
			yaml: "---\nsource: [x]\n...\n",
			want: []string{`2:9: expected a mapping, found a list`},
		},
		{
			name: "nothing",
			yaml: "# a comment\n",
			want: []string{`1:1: empty file`},
		},
		{
			name: "invalid UTF-8 after multi-byte text",
			yaml: "source:\n  title: 缺電\xff\n",
			want: []string{`2:12: invalid UTF-8 (byte 0xff); a curated file is UTF-8 text`},
		},
		{
			name: "UTF-16",
			yaml: "\xff\xfes\x00o\x00",
			want: []string{`1:1: invalid UTF-8 (byte 0xff); a curated file is UTF-8 text`},
		},
		{
			name: "a billion laughs",
			yaml: billionLaughs(9) + "source: *a9\n",
			want: []string{`6:10: alias *a4 repeats 66430 nodes, taking what aliases repeat past the limit of 100000 nodes`},
		},
		{
			name: "an alias to the value it is in",
			yaml: "source: &s {id: *s}\n",
			want: []string{`1:17: alias *s refers to a value it is part of`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"c.yaml": {Data: []byte(tt.yaml)}, "src.txt": {Data: []byte(text)}}
			got := problems(t, fsys)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadExpandsAliases(t *testing.T) {
	fsys := file(`claims:
  - &claim {id: c, about: us, statement: s, hedge: certain, quote: 美國只有4萬億千瓦時}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: &sure certain, quote: 因為他缺電}
chains:
  - {id: ch, label: c, steps: &steps [power-shortage, idle-chips]}
  - {id: ch2, label: *sure, steps: *steps}
  - *claim
`)
	// The repeated claim is no chain: its problems are reported where it
	// is written.
	want := []string{
		`15:5: missing label`,
		`15:5: missing steps`,
		`15:20: unknown key "about" (want one of id, label, label_zh, steps)`,
		`15:31: unknown key "statement" (want one of id, label, label_zh, steps)`,
		`15:45: unknown key "hedge" (want one of id, label, label_zh, steps)`,
		`15:61: unknown key "quote" (want one of id, label, label_zh, steps)`,
	}
	if got := problems(t, fsys); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	fsys = file(`links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: &sure certain, quote: 因為他缺電}
chains:
  - {id: ch, label: c, steps: &steps [power-shortage, idle-chips]}
  - {id: ch2, label: *sure, steps: *steps}
`)
	doc, err := Read(fsys, "c.yaml")
	if err != nil {
		t.Fatalf("Read with aliases: %v", err)
	}
	if got := doc.Chains[1]; got.Label != "certain" || strings.Join(got.Steps, " ") != "power-shortage idle-chips" {
		t.Errorf("chain ch2 = %+v; want the label and steps its aliases repeat", got)
	}
}
