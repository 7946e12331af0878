// Package synth writes synthetic curated sources for benchmarks and the
// attack inputs of bench/attacks: a Chinese text of numbered sentences and
// a curated file whose every quote is a verbatim part of it.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Header writes the source block of a curated file with the given id, its
// text at ID.txt with the sha256 of text, and the entity of its speaker.
func Header(y *strings.Builder, id, text string) {
	sum := sha256.Sum256([]byte(text))
	fmt.Fprintf(y, `source:
  id: %s
  title: %s
  speaker: speaker
  language: zh-Hant
  text: %s.txt
  sha256: %s
entities:
  - {id: speaker, type: person, label: Speaker, label_zh: 講者}
`, id, id, id, hex.EncodeToString(sum[:]))
}

// hanzi are the characters the synthetic texts are written in.
const hanzi = "的一是不了人我在有他這中大來上個國到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物臺象記邊共風戰干接它許八特覺望直服毛林題建南度統色字請交愛讓認算論百吃義科怎元社術結六功指思非流每青管夫連遠資隊跟帶花快條院變聯言權往展該領傳近留紅治決周保達辦運武半候七必城父強步完革深區即求品士轉量空甚眾技輕程告江語英基派滿式李息寫呢識極令黃德收臉錢黨倒未持取設始版雙歷越史商千片容研像找友孩站廣改議形委早房音火際則首單據導影失拿網香似斯專石若兵弟誰校讀志飛觀爭究包組造落視濟喜離坐集編谈府拉黑且隨格盡劍講布殺微怕母調局根曾準團段終樂切級克精哪官示冷域"

// Source returns a curated file of source id (its text at ID.txt) and its
// text: n causal links between n/4 factors (at least 2), each quoting its
// own sentence of a text of n sentences, so that the quotes are spread over
// the whole text. The same n gives the same bytes.
func Source(id string, n int) (yaml, text string) {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	chars := []rune(hanzi)
	var t strings.Builder
	sentences := make([]string, n)
	for i := range sentences {
		var s strings.Builder
		for range 20 + r.IntN(20) {
			s.WriteRune(chars[r.IntN(len(chars))])
		}
		fmt.Fprintf(&s, "%d。", i)
		sentences[i] = s.String()
		t.WriteString(sentences[i])
		if i%10 == 9 {
			t.WriteString("\n")
		}
	}
	var y strings.Builder
	Header(&y, id, t.String())
	y.WriteString("factors:\n")
	factors := max(n/4, 2)
	for i := range factors {
		fmt.Fprintf(&y, "  - {id: f-%d, label: Factor %d, label_zh: 因素%d}\n", i, i, i)
	}
	y.WriteString("links:\n")
	for i, s := range sentences {
		cause := r.IntN(factors)
		effect := (cause + 1 + r.IntN(factors-1)) % factors
		q := []rune(s)
		from := r.IntN(len(q) / 2)
		fmt.Fprintf(&y, "  - {id: l-%d, cause: f-%d, effect: f-%d, polarity: \"+\", hedge: certain, quote: %s}\n",
			i, cause, effect, string(q[from:]))
	}
	return y.String(), t.String()
}
