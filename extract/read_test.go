package extract

import (
	"fmt"
	"io/fs"
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
			name: "the end of a file without a final newline (found by FuzzRead)",
			yaml: "source: [缺電",
			want: []string{`1:12: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence from line 1, column 9)`},
		},
		{
			name: "lines that end with CR alone, as the parser counts them (found by FuzzRead)",
			yaml: "source:\r  title: 缺電\r\x01",
			want: []string{`3:1: the control character U+0001 may not stand in YAML (write it as an escape in a double-quoted string)`},
		},
		{
			name: "a file of one line that ends with CR",
			yaml: "\r0",
			want: []string{`2:1: expected a mapping, found text`},
		},
		{
			name: "an empty document without a final line break (found by FuzzRead)",
			yaml: "---",
			want: []string{`1:4: expected a mapping, found nothing`},
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
			name: "a raw control character after multi-byte text (found by FuzzRead)",
			yaml: "source:\n  title: 缺電\x13\n",
			want: []string{`2:12: the control character U+0013 may not stand in YAML (write it as an escape in a double-quoted string)`},
		},
		{
			name: "a byte order mark takes no column",
			yaml: "\uFEFFsource: [缺電\x01]",
			want: []string{`1:12: the control character U+0001 may not stand in YAML (write it as an escape in a double-quoted string)`},
		},
		{
			name: "a byte order mark takes no column in the parser's positions either",
			yaml: "\uFEFFsource: [缺電: x: y]",
			want: []string{`1:15: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence from line 1, column 9)`},
		},
		{
			name: "a noncharacter",
			yaml: "source:\n  title: 缺電\uFFFE\n",
			want: []string{`2:12: the character U+FFFE may not stand in YAML`},
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

func TestReadLimits(t *testing.T) {
	tooBig := make([]byte, MaxFileSize+1<<20)
	long := func(n int) string { return strings.Repeat("缺", n) }
	tests := []struct {
		name   string
		change func(fsys fstest.MapFS)
		body   string
		want   []string // "c.yaml:line:col: message" of each problem, in order
	}{
		{
			name:   "a curated file over the size limit",
			change: func(fsys fstest.MapFS) { fsys["c.yaml"] = &fstest.MapFile{Data: tooBig} },
			want:   []string{`c.yaml: cannot read curated file: it is 65.0 MiB, larger than the limit of 64 MiB`},
		},
		{
			name:   "a source text over the size limit",
			change: func(fsys fstest.MapFS) { fsys["src.txt"] = &fstest.MapFile{Data: tooBig} },
			want:   []string{`c.yaml:6:9: cannot read source text src.txt: it is 65.0 MiB, larger than the limit of 64 MiB`},
		},
		{
			name:   "no curated file",
			change: func(fsys fstest.MapFS) { delete(fsys, "c.yaml") },
			want:   []string{`c.yaml: cannot read curated file: file does not exist`},
		},
		{
			name: "a curated file that is a directory",
			change: func(fsys fstest.MapFS) {
				delete(fsys, "c.yaml")
				fsys["c.yaml/x"] = &fstest.MapFile{}
			},
			want: []string{`c.yaml: cannot read curated file: it is a directory`},
		},
		{
			name: "a source text that is not UTF-8",
			change: func(fsys fstest.MapFS) {
				fsys["src.txt"] = &fstest.MapFile{Data: []byte("美國\n高端\xe8\x8a芯片")}
			},
			want: []string{`c.yaml:6:9: source text src.txt is not UTF-8: byte 0xe8 at line 2, column 3`},
		},
		{
			name: "quotes and labels at and past their length limits",
			body: fmt.Sprintf(`claims:
  - {id: c, about: us, statement: s, hedge: certain, quote: %s}
  - {id: d, about: us, statement: s, hedge: certain, quote: %s}
  - {id: e, about: us, statement: %s, hedge: certain, quote: 美國}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: certain, quote: 因為他缺電}
chains:
  - {id: ch, steps: [power-shortage, idle-chips], label: %s, label_zh: %s}
`, long(MaxQuoteRunes), long(MaxQuoteRunes+1), long(MaxTextRunes+1), long(MaxTextRunes), long(MaxTextRunes+1)),
			want: []string{
				`c.yaml:15:61: quote is not a verbatim substring of the source text (it matches up to "缺", then differs at "缺缺缺缺缺缺缺缺")`,
				`c.yaml:16:61: quote: 10001 characters long, past the limit of 10000`,
				`c.yaml:17:35: statement: 1001 characters long, past the limit of 1000`,
				fmt.Sprintf(`c.yaml:21:%d: label_zh: 1001 characters long, past the limit of 1000`, 70+MaxTextRunes),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := file(tt.body)
			if tt.change != nil {
				tt.change(fsys)
			}
			_, err := Read(fsys, "c.yaml")
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Read problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestReadKeepsTheTextInTheFilesDirectory(t *testing.T) {
	tests := []struct {
		name  string
		text  string            // the text: field of sub/c.yaml
		links map[string]string // symbolic links: name -> target
		want  string            // the problem, or "" for none
	}{
		{name: "beside", text: "src.txt"},
		{name: "below, by a detour", text: "./t/../src.txt"},
		{name: "a link that stays inside", text: "link.txt", links: map[string]string{"sub/link.txt": "src.txt"}},
		{name: "a directory link that stays inside", text: "d/src.txt", links: map[string]string{"sub/d": "."}},
		{name: "up", text: "../src.txt", want: `sub/c.yaml:6:9: text: "../src.txt" leaves this file's directory; keep the source text beside this file or below it`},
		{name: "down and up too far", text: "t/../../src.txt", want: `sub/c.yaml:6:9: text: "t/../../src.txt" leaves this file's directory; keep the source text beside this file or below it`},
		{name: "absolute", text: "/etc/passwd", want: `sub/c.yaml:6:9: text: "/etc/passwd" is an absolute path; give the path of the source text relative to this file`},
		{
			name: "a link out", text: "out.txt", links: map[string]string{"sub/out.txt": "../src.txt"},
			want: `sub/c.yaml:6:9: text: "out.txt" goes through the symbolic link out.txt to ../src.txt, out of this file's directory`,
		},
		{
			name: "a link to an absolute path", text: "abs.txt", links: map[string]string{"sub/abs.txt": "/etc/passwd"},
			want: `sub/c.yaml:6:9: text: "abs.txt" goes through the symbolic link abs.txt to /etc/passwd, out of this file's directory`,
		},
		{
			name: "a directory link out", text: "up/sub/src.txt", links: map[string]string{"sub/up": ".."},
			want: `sub/c.yaml:6:9: text: "up/sub/src.txt" goes through the symbolic link up to .., out of this file's directory`,
		},
		{
			name: "a link to a link out", text: "a.txt", links: map[string]string{"sub/a.txt": "b.txt", "sub/b.txt": "../src.txt"},
			want: `sub/c.yaml:6:9: text: "a.txt" goes through the symbolic link b.txt to ../src.txt, out of this file's directory`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flat := file("")
			fsys := fstest.MapFS{
				"sub/c.yaml":  {Data: []byte(strings.Replace(string(flat["c.yaml"].Data), "text: src.txt", "text: "+tt.text, 1))},
				"sub/src.txt": flat["src.txt"],
				"src.txt":     flat["src.txt"],
			}
			for name, target := range tt.links {
				fsys[name] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
			}
			_, err := Read(fsys, "sub/c.yaml")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Read with text %q = %q; want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestReadChecksTheLanguageTag: the source's language tags every quote in
// the quads, and N-Quads and JSON-LD readers refuse a tag that is not one.
func TestReadChecksTheLanguageTag(t *testing.T) {
	for tag, want := range map[string]string{
		"zh-Hant": "", "en": "", "zh-Hant-TW": "", "x-1": "",
		"zh Hant": `5:13: language "zh Hant" is not a language tag such as zh-Hant or en`,
		"zh_Hant": `5:13: language "zh_Hant" is not a language tag such as zh-Hant or en`,
		"中文":      `5:13: language "中文" is not a language tag such as zh-Hant or en`,
		"zh-":     `5:13: language "zh-" is not a language tag such as zh-Hant or en`,
	} {
		fsys := file("")
		fsys["c.yaml"].Data = []byte(strings.Replace(string(fsys["c.yaml"].Data), "language: zh-Hant", "language: "+tag, 1))
		if got := strings.Join(problems(t, fsys), "\n"); got != want {
			t.Errorf("Read with language %q: %q; want %q", tag, got, want)
		}
	}
}
