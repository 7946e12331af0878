package main

// Scripts of Chinese a source is written in: its language tag and, for
// every word below, which of the two forms it takes.
const (
	hant = "zh-Hant"
	hans = "zh-Hans"
)

// word is one term in English and in both Chinese scripts.
type word struct {
	en, hant, hans string
}

// zh returns the term in the script of lang.
func (w word) zh(lang string) string {
	if lang == hans {
		return w.hans
	}
	return w.hant
}

// concepts name factors: quantities and conditions an economist's argument
// moves.
func concepts() []word {
	return []word{
		{"power demand", "電力需求", "电力需求"},
		{"capital spending", "資本開支", "资本开支"},
		{"profit growth", "利潤增長", "利润增长"},
		{"market liquidity", "市場流動性", "市场流动性"},
		{"debt financing", "債務融資", "债务融资"},
		{"chip inventory", "芯片庫存", "芯片库存"},
		{"depreciation costs", "折舊成本", "折旧成本"},
		{"grid ageing", "電網老化", "电网老化"},
		{"layoffs", "裁員規模", "裁员规模"},
		{"turnover", "成交量", "成交量"},
		{"valuations", "估值水平", "估值水平"},
		{"interest rates", "利率", "利率"},
		{"inflation", "通脹", "通胀"},
		{"exports", "出口", "出口"},
		{"exchange rate", "匯率", "汇率"},
		{"house prices", "房價", "房价"},
		{"consumption", "消費", "消费"},
		{"employment", "就業", "就业"},
		{"fiscal deficit", "財政赤字", "财政赤字"},
		{"treasury issuance", "國債發行", "国债发行"},
		{"compute supply", "算力供給", "算力供给"},
		{"energy prices", "能源價格", "能源价格"},
		{"risk appetite", "風險偏好", "风险偏好"},
		{"household income", "居民收入", "居民收入"},
		{"credit spreads", "信用利差", "信用利差"},
		{"order backlog", "訂單積壓", "订单积压"},
		{"supply-chain costs", "供應鏈成本", "供应链成本"},
		{"dollar strength", "美元強勢", "美元强势"},
		{"margin debt", "融資餘額", "融资余额"},
		{"sell-off pressure", "拋售壓力", "抛售压力"},
	}
}

// entityKind is an entity type of the curated format with the words its
// labels are made of.
type entityKind struct {
	typ  string
	name word
}

// entityKinds are the entity types the pool of shared entities cycles
// through (speakers and the interviewer are made apart).
func entityKinds() []entityKind {
	return []entityKind{
		{"company", word{"Company", "公司", "公司"}},
		{"market", word{"Market", "市場", "市场"}},
		{"country", word{"Country", "國家", "国家"}},
		{"institution", word{"Institution", "機構", "机构"}},
		{"index", word{"Index", "指數", "指数"}},
		{"asset", word{"Asset", "資產", "资产"}},
		{"currency", word{"Currency", "貨幣", "货币"}},
		{"product", word{"Product", "產品", "产品"}},
		{"infrastructure", word{"Facility", "設施", "设施"}},
		{"region", word{"Region", "地區", "地区"}},
		{"concept", word{"Concept", "概念", "概念"}},
		{"structure", word{"Structure", "結構", "结构"}},
		{"person", word{"Person", "人物", "人物"}},
	}
}

// A link sentence names its cause and effect (in that order, as %[1]s and
// %[2]s) and says which way the effect moves.
func plusLinks() []word {
	return []word{
		{"", "因為%[1]s上升,%[2]s也跟著上升。", "因为%[1]s上升,%[2]s也跟着上升。"},
		{"", "%[1]s越多,%[2]s就越多。", "%[1]s越多,%[2]s就越多。"},
		{"", "%[1]s導致%[2]s增加。", "%[1]s导致%[2]s增加。"},
		{"", "隨著%[1]s擴大,%[2]s會進一步走高。", "随着%[1]s扩大,%[2]s会进一步走高。"},
	}
}

func minusLinks() []word {
	return []word{
		{"", "%[1]s越高,%[2]s就越低。", "%[1]s越高,%[2]s就越低。"},
		{"", "%[1]s上升會壓低%[2]s。", "%[1]s上升会压低%[2]s。"},
		{"", "一旦%[1]s惡化,%[2]s就會減少。", "一旦%[1]s恶化,%[2]s就会减少。"},
	}
}

// juxtaposed is a link the text only implies: the two factors side by side.
func juxtaposed() word {
	return word{"", "先說%[1]s的變化。再說%[2]s的走勢。", "先说%[1]s的变化。再说%[2]s的走势。"}
}

// Hedges put in front of a link sentence; certain has none.
func hedgeWords() map[string]word {
	return map[string]word{
		"probable": {"", "我認為", "我认为"},
		"possible": {"", "這可能意味著,", "这可能意味着,"},
	}
}

// leadIns start a sentence outside its quote, as a speaker's connectives do.
func leadIns() []word {
	return []word{
		{"", "其次,", "其次,"},
		{"", "另外,", "另外,"},
		{"", "我們再看,", "我们再看,"},
		{"", "簡單講,", "简单讲,"},
	}
}

// fillers are sentences with no cue and no number, which no quote needs.
func fillers() []word {
	return []word{
		{"", "我們接著往下看。", "我们接着往下看。"},
		{"", "這個問題大家都很關心。", "这个问题大家都很关心。"},
		{"", "這一點非常重要。", "这一点非常重要。"},
		{"", "大家可以自己去觀察。", "大家可以自己去观察。"},
	}
}

func interviewerPrefix() word { return word{"", "主持人問:", "主持人问:"} }

func footer() word {
	return word{"", "京公網安備 1101140201%04d號", "京公网安备 1101140201%04d号"}
}

func disclaimer() word {
	return word{"", "免責聲明:本文僅供參考,不構成投資建議。", "免责声明:本文仅供参考,不构成投资建议。"}
}
