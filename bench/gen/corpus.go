package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// entity is a named thing; the pool's entities are declared, the same, in
// every source that names them.
type entity struct {
	id, typ            string
	label, labelZh     string
	aliases, aliasesZh []string
}

// factor is a node of the causal graph, made by one source (its home) and
// borrowed, with the same labels and involvements, by others.
type factor struct {
	id                 string
	home               int
	label, labelZh     string
	aliases, aliasesZh []string
	involves           []*entity
}

type link struct {
	cause, effect    *factor
	polarity, hedge  string
	inferred         bool
	quote, note      string
	backward, borrow bool
}

type claim struct {
	id, about, statement, quote, hedge, speaker string
	number, note                                string
	inferred                                    bool
}

type chain struct {
	id, label, labelZh string
	steps              []*factor
}

type omission struct{ quote, reason string }

// source is one curated file and its text, before they are written.
type source struct {
	n            int
	id, lang     string
	title, date  string
	dateInferred bool
	speaker      *entity
	entities     []*entity
	own          []*factor
	borrowed     []*factor
	claims       []claim
	links        []link
	chains       []chain
	omitted      []omission
	text         strings.Builder
}

func (s *source) file() string     { return s.id + ".yaml" }
func (s *source) textFile() string { return s.id + ".txt" }

// generator makes sources one after another from one random stream, so the
// same seed gives the same corpus.
type generator struct {
	rng         *rand.Rand
	seed        uint64
	perSource   int // own factors a source has on average
	pool        []*entity
	speakers    []*entity
	interviewer *entity
	factors     []*factor
	// onLoop is a factor that a backward link puts on a feedback loop.
	onLoop *factor
}

// quadsPerFactor is about how many quads an own factor brings with its
// share of links, claims, chains and entities (measured on the output).
const quadsPerFactor = 58

// newGenerator sizes the pools for a corpus of about target quads: as many
// sources as give each about 3,000 quads (the size of a transcript's
// curation), at least three.
func newGenerator(seed uint64, target int) *generator {
	sources := max(3, (target+1500)/3000)
	g := &generator{
		rng:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		seed:      seed,
		perSource: max(6, target/sources/quadsPerFactor),
	}
	kinds := entityKinds()
	for i := range sources*3 + 20 {
		k := kinds[i%len(kinds)]
		lang := hant
		if i%3 == 2 {
			lang = hans
		}
		e := &entity{
			id:      fmt.Sprintf("%s-%04d", k.typ, i),
			typ:     k.typ,
			label:   fmt.Sprintf("%s %04d", k.name.en, i),
			labelZh: fmt.Sprintf("%s%04d", k.name.zh(lang), i),
			aliases: []string{fmt.Sprintf("%s no. %d", k.name.en, i)},
		}
		if k.name.hant != k.name.hans {
			e.aliasesZh = []string{fmt.Sprintf("%s%04d", k.name.zh(other(lang)), i)}
		}
		g.pool = append(g.pool, e)
	}
	for i := range max(3, sources/5) {
		g.speakers = append(g.speakers, &entity{
			id:        fmt.Sprintf("speaker-%04d", i),
			typ:       "person",
			label:     fmt.Sprintf("Speaker %04d", i),
			labelZh:   fmt.Sprintf("講者%04d", i),
			aliasesZh: []string{fmt.Sprintf("讲者%04d", i)},
		})
	}
	g.interviewer = &entity{
		id: "interviewer", typ: "role",
		label: "Interviewer", labelZh: "主持人",
		aliases: []string{"host"}, aliasesZh: []string{"提問者"},
	}
	return g
}

func other(lang string) string {
	if lang == hans {
		return hant
	}
	return hans
}

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// popular picks an entity of the pool, the first ones far more often, so
// that a few entities are named by most sources and most by a few.
func (g *generator) popular() *entity {
	u := g.rng.Float64()
	return g.pool[int(u*u*u*float64(len(g.pool)))]
}

// source makes the n-th source (1-based).
func (g *generator) source(n int) *source {
	s := &source{n: n, id: fmt.Sprintf("source-%04d", n), lang: hant}
	if n%5 == 2 || n%5 == 4 { // two sources in five are in simplified script
		s.lang = hans
	}
	s.speaker = g.speakers[g.rng.IntN(len(g.speakers))]
	declared := map[*entity]bool{}
	declare := func(e *entity) {
		if !declared[e] {
			declared[e] = true
			s.entities = append(s.entities, e)
		}
	}
	declare(s.speaker)
	declare(g.interviewer)
	var named []*entity // the entities factors and claims may be about
	for range 3 + g.perSource/6 {
		e := g.popular()
		if !declared[e] {
			named = append(named, e)
		}
		declare(e)
	}

	// Factors: new ones, then a few borrowed from earlier sources with
	// the entities they involve.
	k := g.perSource*4/5 + g.rng.IntN(g.perSource*2/5+1)
	words := concepts()
	for range k {
		seq := len(g.factors) + len(s.own) + 1
		w := words[g.rng.IntN(len(words))]
		f := &factor{
			id:      fmt.Sprintf("f%06d", seq),
			home:    n,
			label:   fmt.Sprintf("%s %06d", w.en, seq),
			labelZh: fmt.Sprintf("%s%06d", w.zh(s.lang), seq),
			aliases: []string{fmt.Sprintf("factor %06d", seq)},
		}
		if w.hant != w.hans {
			f.aliasesZh = []string{fmt.Sprintf("%s%06d", w.zh(other(s.lang)), seq)}
		}
		for range 1 + g.rng.IntN(2) {
			e := named[g.rng.IntN(len(named))]
			if !slices.Contains(f.involves, e) {
				f.involves = append(f.involves, e)
			}
		}
		s.own = append(s.own, f)
	}
	if earlier := g.factors; len(earlier) > 0 {
		for range min(len(earlier), 2+k/5) {
			f := earlier[g.rng.IntN(len(earlier))]
			if slices.Contains(s.borrowed, f) {
				continue
			}
			s.borrowed = append(s.borrowed, f)
			for _, e := range f.involves {
				declare(e)
			}
		}
	}
	g.factors = append(g.factors, s.own...)

	g.makeLinks(s)
	g.makeClaims(s, named)
	g.makeChains(s)
	g.writeText(s)
	s.title = fmt.Sprintf("合成語料%04d:%s與%s", n, words[g.rng.IntN(len(words))].zh(s.lang), words[g.rng.IntN(len(words))].zh(s.lang))
	if s.lang == hans {
		s.title = strings.NewReplacer("語", "语", "與", "与").Replace(s.title)
	}
	s.date = fmt.Sprintf("2025-%02d-%02d", 1+g.rng.IntN(12), 1+g.rng.IntN(28))
	s.dateInferred = g.chance(0.3)
	return s
}

// makeLinks gives every own factor about three effects: the next two
// factors of the source, and one more, usually further on, sometimes a
// factor borrowed from another source (a path into that source), sometimes
// an earlier one (a feedback loop). Some borrowed factors cause an own one.
func (g *generator) makeLinks(s *source) {
	pairs := map[[2]*factor]bool{}
	add := func(cause, effect *factor, backward, borrow bool) {
		if cause == effect || pairs[[2]*factor{cause, effect}] {
			return
		}
		pairs[[2]*factor{cause, effect}] = true
		l := link{cause: cause, effect: effect, polarity: "+", hedge: "certain", backward: backward, borrow: borrow}
		if g.chance(0.25) {
			l.polarity = "-"
		}
		switch r := g.rng.Float64(); {
		case r < 0.08:
			l.inferred = true
			l.note = "the text only sets the two side by side"
		case r < 0.25:
			l.hedge = "probable"
		case r < 0.35:
			l.hedge = "possible"
		}
		s.links = append(s.links, l)
		if backward && g.onLoop == nil {
			g.onLoop = cause
		}
	}
	own := s.own
	for i, f := range own {
		for _, d := range []int{1, 2} {
			if i+d < len(own) && g.chance(0.92) {
				add(f, own[i+d], false, false)
			}
		}
		switch r := g.rng.Float64(); {
		case r < 0.3 && len(s.borrowed) > 0:
			add(f, s.borrowed[g.rng.IntN(len(s.borrowed))], false, true)
		case r < 0.36 && i > 0:
			add(f, own[max(0, i-1-g.rng.IntN(6))], true, false)
		case i+3 < len(own):
			add(f, own[i+3+g.rng.IntN(min(8, len(own)-i-3))], false, false)
		}
	}
	for _, b := range s.borrowed {
		if g.chance(0.2) {
			add(b, own[g.rng.IntN(len(own))], false, true)
		}
	}
}

// makeClaims states about two claims for every three own factors, most of
// them with a number, about a factor or an entity the source names.
func (g *generator) makeClaims(s *source, named []*entity) {
	for i := range max(1, len(s.own)*2/3) {
		c := claim{id: fmt.Sprintf("claim-%04d", i+1), hedge: "certain"}
		f := s.own[g.rng.IntN(len(s.own))]
		zh := func(w word) string { return w.zh(s.lang) }
		switch g.rng.IntN(6) {
		case 0:
			n := 10 + g.rng.IntN(1990)
			e := g.pick(named, "company", "institution")
			c.about = e.id
			c.quote = fmt.Sprintf(zh(word{"", "%s今年的營收達到%d億美元。", "%s今年的营收达到%d亿美元。"}), e.labelZh, n)
			c.statement = fmt.Sprintf("%s's revenue this year reached %s billion US dollars.", e.label, strconv.FormatFloat(float64(n)/10, 'f', -1, 64))
			c.number = fmt.Sprintf("{value: %s, unit: USD, per: year}", num(float64(n)*1e8))
		case 1:
			n := 1 + g.rng.IntN(9)
			e := g.pick(named, "company", "institution")
			c.about = e.id
			c.quote = fmt.Sprintf(zh(word{"", "%s當季裁員%d萬人。", "%s当季裁员%d万人。"}), e.labelZh, n)
			c.statement = fmt.Sprintf("%s laid off %d people this quarter.", e.label, n*10000)
			c.number = fmt.Sprintf("{value: %s, unit: people, per: quarter}", num(float64(n)*1e4))
		case 2:
			n := 11 + g.rng.IntN(30)
			e := g.pick(named, "market", "index", "asset")
			c.about = e.id
			c.quote = fmt.Sprintf(zh(word{"", "%s的日成交量在%s萬億以上。", "%s的日成交量在%s万亿以上。"}), e.labelZh, strconv.FormatFloat(float64(n)/10, 'f', -1, 64))
			c.statement = fmt.Sprintf("%s's daily turnover is above %s trillion yuan.", e.label, strconv.FormatFloat(float64(n)/10, 'f', -1, 64))
			c.number = fmt.Sprintf("{value: %s, comparator: \">\", unit: CNY, per: day}", num(float64(n)*1e11))
			c.inferred = true
			c.note = "the currency (yuan) is unsaid"
		case 3:
			a := 1 + g.rng.IntN(20)
			b := a + 1 + g.rng.IntN(20)
			y := 2020 + g.rng.IntN(6)
			c.about = f.id
			c.quote = fmt.Sprintf("%s在%d年上升了%d%%到%d%%。", f.labelZh, y, a, b)
			c.statement = fmt.Sprintf("%s rose by %d to %d percent in %d.", f.label, a, b, y)
			c.number = fmt.Sprintf("{min: %d, max: %d, unit: percent}", a, b)
		case 4:
			c.about = f.id
			c.quote = fmt.Sprintf(zh(word{"", "我覺得%s明年大概會繼續上升。", "我觉得%s明年大概会继续上升。"}), f.labelZh)
			c.statement = fmt.Sprintf("%s will probably keep rising next year.", f.label)
			c.hedge = "probable"
		default:
			c.about = f.id
			c.quote = fmt.Sprintf(zh(word{"", "%s有可能在年底前見頂。", "%s有可能在年底前见顶。"}), f.labelZh)
			c.statement = fmt.Sprintf("%s may peak before the end of the year.", f.label)
			c.hedge = "possible"
		}
		if g.chance(0.1) {
			c.speaker = g.interviewer.id
		}
		s.claims = append(s.claims, c)
	}
}

// pick picks one of the entities, of one of the types if the source names
// any, else of any type.
func (g *generator) pick(entities []*entity, types ...string) *entity {
	var fit []*entity
	for _, e := range entities {
		if slices.Contains(types, e.typ) {
			fit = append(fit, e)
		}
	}
	if len(fit) == 0 {
		fit = entities
	}
	return fit[g.rng.IntN(len(fit))]
}

// num writes a number as YAML reads it back exactly.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// makeChains follows the source's own links forward from a few factors, two
// to four hops each.
func (g *generator) makeChains(s *source) {
	next := map[*factor][]*factor{}
	for _, l := range s.links {
		if !l.backward && !l.borrow {
			next[l.cause] = append(next[l.cause], l.effect)
		}
	}
	for i := range max(1, len(s.own)/12) {
		f := s.own[g.rng.IntN(len(s.own))]
		steps := []*factor{f}
		for len(steps) < 3+g.rng.IntN(3) && len(next[f]) > 0 {
			f = next[f][g.rng.IntN(len(next[f]))]
			steps = append(steps, f)
		}
		if len(steps) < 2 {
			continue
		}
		first, last := steps[0], steps[len(steps)-1]
		c := chain{
			id:      fmt.Sprintf("chain-%02d", i+1),
			label:   fmt.Sprintf("From %s to %s", first.label, last.label),
			labelZh: fmt.Sprintf("從%s到%s", first.labelZh, last.labelZh),
			steps:   steps,
		}
		if s.lang == hans {
			c.labelZh = fmt.Sprintf("从%s到%s", first.labelZh, last.labelZh)
		}
		s.chains = append(s.chains, c)
	}
}

// writeText writes the source text: a title line, then paragraphs of
// sentences, each link's and claim's quote a sentence (some after a
// connective that the quote leaves out), fillers between them, and a
// footer and disclaimer the curation omits.
func (g *generator) writeText(s *source) {
	t := &s.text
	zh := func(w word) string { return w.zh(s.lang) }
	fmt.Fprintf(t, zh(word{"", "%s直播文字稿整理\n", "%s直播文字稿整理\n"}), s.speaker.labelZh)
	sentences := 0
	say := func(prefix, quote string) {
		if sentences > 0 && sentences%7 == 0 {
			t.WriteString("\n")
		}
		t.WriteString(prefix)
		t.WriteString(quote)
		sentences++
	}
	claimsAt := map[int][]int{} // own factor index -> claims said after its links
	for i := range s.claims {
		claimsAt[i*len(s.own)/len(s.claims)] = append(claimsAt[i*len(s.own)/len(s.claims)], i)
	}
	hedges := hedgeWords()
	plus, minus, leads, fill := plusLinks(), minusLinks(), leadIns(), fillers()
	li := 0
	for i, f := range s.own {
		for ; li < len(s.links) && s.links[li].cause == f; li++ {
			l := &s.links[li]
			var form word
			switch {
			case l.inferred:
				form = juxtaposed()
			case l.polarity == "-":
				form = minus[g.rng.IntN(len(minus))]
			default:
				form = plus[g.rng.IntN(len(plus))]
			}
			l.quote = zh(hedges[l.hedge]) + fmt.Sprintf(zh(form), l.cause.labelZh, l.effect.labelZh)
			prefix := ""
			if g.chance(0.3) {
				prefix = zh(leads[g.rng.IntN(len(leads))])
			}
			say(prefix, l.quote)
		}
		for _, ci := range claimsAt[i] {
			c := &s.claims[ci]
			prefix := ""
			if c.speaker == g.interviewer.id {
				prefix = zh(interviewerPrefix())
			}
			say(prefix, c.quote)
		}
		if g.chance(0.2) {
			say("", zh(fill[g.rng.IntN(len(fill))]))
		}
	}
	for ; li < len(s.links); li++ { // the borrowed factors' links
		l := &s.links[li]
		form := plus[g.rng.IntN(len(plus))]
		if l.polarity == "-" {
			form = minus[g.rng.IntN(len(minus))]
		}
		if l.inferred {
			form = juxtaposed()
		}
		l.quote = zh(hedges[l.hedge]) + fmt.Sprintf(zh(form), l.cause.labelZh, l.effect.labelZh)
		say("", l.quote)
	}
	t.WriteString("\n")
	foot := fmt.Sprintf(zh(footer()), s.n)
	fmt.Fprintf(t, "%s\n%s\n", foot, zh(disclaimer()))
	s.omitted = []omission{
		{foot, "page footer (a website registration number), not part of the argument"},
		{zh(disclaimer()), "editorial boilerplate"},
	}
}
