package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// curatedYAML writes a source's curated file in the layout of the shipped
// data (data/liu-yuhui-2025-livestream.yaml).
func curatedYAML(s *source, origin string) []byte {
	var b strings.Builder
	sum := sha256.Sum256([]byte(s.text.String()))
	fmt.Fprintf(&b, "# Synthetic curation written by Causeway's benchmark generator (bench/gen).\n")
	fmt.Fprintf(&b, "# Every quote below is a verbatim passage of %s.\n", s.textFile())
	b.WriteString("source:\n")
	field(&b, 2, "id", s.id)
	field(&b, 2, "title", s.title)
	field(&b, 2, "speaker", s.speaker.id)
	field(&b, 2, "date", s.date)
	if s.dateInferred {
		b.WriteString("  date_inferred: true\n")
	}
	field(&b, 2, "language", s.lang)
	field(&b, 2, "text", s.textFile())
	field(&b, 2, "sha256", hex.EncodeToString(sum[:]))
	field(&b, 2, "origin", origin)

	b.WriteString("\nentities:\n")
	for _, e := range s.entities {
		item(&b, "id", e.id)
		field(&b, 4, "type", e.typ)
		field(&b, 4, "label", e.label)
		field(&b, 4, "label_zh", e.labelZh)
		list(&b, "aliases", e.aliases)
		list(&b, "aliases_zh", e.aliasesZh)
	}

	b.WriteString("\nfactors:\n")
	for _, f := range append(append([]*factor{}, s.own...), s.borrowed...) {
		item(&b, "id", f.id)
		field(&b, 4, "label", f.label)
		field(&b, 4, "label_zh", f.labelZh)
		list(&b, "aliases", f.aliases)
		list(&b, "aliases_zh", f.aliasesZh)
		ids := make([]string, len(f.involves))
		for i, e := range f.involves {
			ids[i] = e.id
		}
		list(&b, "involves", ids)
	}

	b.WriteString("\nclaims:\n")
	for _, c := range s.claims {
		item(&b, "id", c.id)
		field(&b, 4, "about", c.about)
		field(&b, 4, "statement", c.statement)
		field(&b, 4, "quote", c.quote)
		field(&b, 4, "hedge", c.hedge)
		field(&b, 4, "speaker", c.speaker)
		if c.number != "" {
			fmt.Fprintf(&b, "    number: %s\n", c.number)
		}
		if c.inferred {
			b.WriteString("    inferred: true\n")
		}
		field(&b, 4, "note", c.note)
	}

	b.WriteString("\nlinks:\n")
	for _, l := range s.links {
		item(&b, "cause", l.cause.id)
		field(&b, 4, "effect", l.effect.id)
		field(&b, 4, "polarity", l.polarity)
		field(&b, 4, "hedge", l.hedge)
		fmt.Fprintf(&b, "    inferred: %t\n", l.inferred)
		field(&b, 4, "quote", l.quote)
		field(&b, 4, "note", l.note)
	}

	if len(s.chains) > 0 {
		b.WriteString("\nchains:\n")
	}
	for _, c := range s.chains {
		item(&b, "id", c.id)
		field(&b, 4, "label", c.label)
		field(&b, 4, "label_zh", c.labelZh)
		ids := make([]string, len(c.steps))
		for i, f := range c.steps {
			ids[i] = f.id
		}
		list(&b, "steps", ids)
	}

	b.WriteString("\nomitted:\n")
	for _, o := range s.omitted {
		item(&b, "quote", o.quote)
		field(&b, 4, "reason", o.reason)
	}
	return []byte(b.String())
}

// item starts an item of a list with its first field.
func item(b *strings.Builder, key, value string) {
	fmt.Fprintf(b, "  - %s: %s\n", key, scalar(value, false))
}

// field writes key: value at an indent, or nothing for an empty value (an
// optional field is left out, never given as "").
func field(b *strings.Builder, indent int, key, value string) {
	if value == "" {
		return
	}
	fmt.Fprintf(b, "%s%s: %s\n", strings.Repeat(" ", indent), key, scalar(value, false))
}

// list writes a flow sequence, or nothing for an empty one.
func list(b *strings.Builder, key string, values []string) {
	if len(values) == 0 {
		return
	}
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = scalar(v, true)
	}
	fmt.Fprintf(b, "    %s: [%s]\n", key, strings.Join(quoted, ", "))
}

// scalar writes s plain where YAML reads it back as the same string, and
// double-quoted otherwise (in a flow sequence, also when it holds a flow
// indicator).
func scalar(s string, flow bool) string {
	if plain(s, flow) {
		return s
	}
	return strconv.Quote(s)
}

func plain(s string, flow bool) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`+.~", first) || unicode.IsDigit(first) {
		return false
	}
	switch strings.ToLower(s) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '"' || r == '\\' {
			return false
		}
		if flow && strings.ContainsRune(",[]{}", r) {
			return false
		}
	}
	return true
}
