package graph

import (
	"strings"
	"testing"
	"testing/fstest"
)

// reasoningText is the source text of reasoningStore's curated file.
const reasoningText = `美國缺電。
缺電讓芯片吃灰。
芯片吃灰可能讓折舊上升。
折舊上升,芯片吃灰。
折舊上升導致裁員。
我覺得裁員導致缺電。
甲骨文借了180億美金。
`

// reasoningYAML curates reasoningText: two entities, four factors in a
// balancing loop (power-shortage -> idle-chips -> depreciation -> layoffs
// -| power-shortage), two links of different hedges for one pair (a
// stated possible one and an inferred certain one), two claims and a
// chain.
const reasoningYAML = `source:
  id: reasoning
  title: t
  speaker: sp
  language: zh-Hant
  text: reasoning.txt
  sha256: %SHA%
entities:
  - {id: sp, type: person, label: Speaker, label_zh: 講者}
  - {id: us, type: country, label: United States, label_zh: 美國}
  - {id: oracle, type: company, label: Oracle, label_zh: 甲骨文, aliases: [Oracle Corporation]}
factors:
  - {id: power-shortage, label: US power shortage, label_zh: 缺電, aliases: [power shortage], aliases_zh: [很缺電], involves: [us]}
  - {id: idle-chips, label: Idle chips, label_zh: 芯片吃灰}
  - {id: depreciation, label: Depreciation rises, label_zh: 折舊上升}
  - {id: layoffs, label: Layoffs, label_zh: 裁員, involves: [us]}
claims:
  - {id: power-claim, about: power-shortage, statement: The US is short of power., quote: 美國缺電, hedge: certain}
  - id: oracle-debt
    about: oracle
    statement: Oracle borrowed 18 billion US dollars.
    quote: 甲骨文借了180億美金
    hedge: certain
    number: {value: 1.8e10, unit: USD}
links:
  - {cause: power-shortage, effect: idle-chips, polarity: "+", hedge: certain, quote: 缺電讓芯片吃灰}
  - {cause: idle-chips, effect: depreciation, polarity: "+", hedge: possible, quote: 芯片吃灰可能讓折舊上升}
  - {id: idle-chips--depreciation--inferred, cause: idle-chips, effect: depreciation, polarity: "+", hedge: certain, inferred: true, quote: "折舊上升,芯片吃灰"}
  - {cause: depreciation, effect: layoffs, polarity: "+", hedge: certain, quote: 折舊上升導致裁員}
  - {cause: layoffs, effect: power-shortage, polarity: "-", hedge: probable, quote: 我覺得裁員導致缺電}
chains:
  - id: shortage-to-depreciation
    label: From the shortage to depreciation
    label_zh: 從缺電到折舊
    steps: [power-shortage, idle-chips, depreciation]
`

// reasoningStore returns an in-memory store holding reasoningYAML.
func reasoningStore(t testing.TB) *Store {
	t.Helper()
	s := OpenMemory()
	y := []byte(strings.ReplaceAll(reasoningYAML, "%SHA%", sha(reasoningText)))
	load(t, s, fstest.MapFS{
		"reasoning.yaml": {Data: y},
		"reasoning.txt":  {Data: []byte(reasoningText)},
	})
	return s
}
