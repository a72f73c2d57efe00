package demo

import (
	"math"
)

// divisionPlan is a division (本部) and the stems of its departments'
// names. Departments marked low run few 1on1s: their people are less
// engaged and leave more (see Story).
type divisionPlan struct {
	name      string
	corporate bool // head-office functions: one division even in the large company
	depts     []deptPlan
}

type deptPlan struct {
	stem string
	low  bool
}

// divisions are the small company's: 6 divisions, 40 departments.
var divisions = []divisionPlan{
	{name: "営業本部", depts: []deptPlan{{"第一営業部", false}, {"第二営業部", false}, {"法人営業第三部", true}, {"営業企画部", false}, {"海外営業部", false}, {"代理店営業部", false}, {"カスタマーサクセス部", false}}},
	{name: "開発本部", depts: []deptPlan{{"製品開発部", false}, {"ソフトウェア開発部", false}, {"基盤技術部", false}, {"品質保証部", false}, {"研究開発部", false}, {"データサイエンス部", false}, {"デザイン部", false}}},
	{name: "製造本部", depts: []deptPlan{{"第一製造部", false}, {"第二製造部", true}, {"生産技術部", false}, {"生産管理部", false}, {"調達部", false}, {"物流センター", true}, {"設備保全部", false}}},
	{name: "マーケティング本部", depts: []deptPlan{{"ブランド戦略部", false}, {"デジタルマーケティング部", false}, {"広報部", false}, {"商品企画部", false}, {"市場調査部", false}}},
	{name: "カスタマーサービス本部", depts: []deptPlan{{"コールセンター部", true}, {"サービス企画部", false}, {"フィールドサービス部", false}, {"技術サポート部", false}, {"修理センター", false}, {"お客様相談室", false}}},
	{name: "管理本部", corporate: true, depts: []deptPlan{{"経営企画部", false}, {"人事部", false}, {"総務部", false}, {"経理部", false}, {"法務部", false}, {"情報システム部", false}, {"財務部", false}, {"内部監査室", false}}},
}

// regions split the large company's line divisions in two halves, each
// with departments in three cities: 11 divisions and 200 departments.
var regions = []struct {
	half   string
	cities []string
}{
	{"東日本", []string{"東京", "横浜", "仙台"}},
	{"西日本", []string{"大阪", "名古屋", "福岡"}},
}

// dept is a department of the company.
type dept struct {
	name     string
	div      int
	weight   float64 // its share of the headcount
	low      bool
	oneOnOne float64 // the share of months its people have a 1on1
	attr     float64 // factor on its people's risk of leaving
	eng      float64 // shift of its people's engagement
}

type division struct {
	name  string
	depts []int
}

// sizePlan is what differs between the sizes.
type sizePlan struct {
	headcount int  // at the end of the last fiscal year
	regional  bool // departments in regions (large)
	// elearn is the mean number of e-learning sessions of a user in a
	// year; it sets the number of events.
	elearn float64
}

var sizePlans = map[Size]sizePlan{
	Small: {headcount: 2000, elearn: 26},
	Large: {headcount: 100000, regional: true, elearn: 26},
}

// organise builds the divisions and departments.
func organise(sp sizePlan, r *rng) ([]division, []dept) {
	var divs []division
	var depts []dept
	add := func(div int, name string, low, corporate bool) {
		d := dept{name: name, div: div, low: low}
		d.weight = math.Exp(r.NormFloat64() * 0.35)
		if corporate {
			d.weight *= 0.45
		}
		if low {
			d.weight = math.Max(d.weight, 1) * 1.2
			d.oneOnOne = 0.27 + r.Float64()*0.06
			d.attr = 1.9
			d.eng = -0.45
		} else {
			d.oneOnOne = 0.63 + r.Float64()*0.23
			d.attr = 0.85 + r.Float64()*0.3
			d.eng = r.NormFloat64() * 0.12
		}
		divs[div].depts = append(divs[div].depts, len(depts))
		depts = append(depts, d)
	}
	for _, dp := range divisions {
		if !sp.regional || dp.corporate {
			divs = append(divs, division{name: dp.name})
			for _, d := range dp.depts {
				add(len(divs)-1, d.stem, d.low, dp.corporate)
			}
			continue
		}
		for _, reg := range regions {
			divs = append(divs, division{name: reg.half + dp.name})
			for _, city := range reg.cities {
				for _, d := range dp.depts {
					add(len(divs)-1, city+d.stem, d.low, false)
				}
			}
		}
	}
	return divs, depts
}

// Names: common family names and given names, all in JIS X 0208 so that
// they survive Shift_JIS.
var (
	familyNames = []string{
		"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
		"吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
		"山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川",
		"前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本",
		"斉藤", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦",
		"原田", "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田",
		"上田", "原", "柴田", "酒井", "工藤", "横山", "宮崎", "宮本", "内田", "高木",
		"安藤", "島田", "谷口", "大野", "丸山", "今井", "高田", "藤本", "武田", "村田",
		"上野", "杉山", "増田", "小山", "大塚", "平野", "菅原", "久保", "松井", "千葉",
		"岩崎", "桜井", "木下", "野口", "松尾", "菊地", "野村", "新井", "渡部", "佐野",
	}
	maleNames = []string{
		"翔太", "大輔", "拓也", "健太", "直樹", "大樹", "翔", "達也", "和也", "誠",
		"亮", "浩", "隆", "修", "健一", "雄一", "剛", "大介", "拓海", "蓮",
		"悠斗", "陽翔", "湊", "大和", "颯太", "優斗", "一郎", "健", "聡", "学",
		"徹", "茂", "博", "明", "稔", "智也", "裕太", "慎也", "哲也", "康介",
	}
	femaleNames = []string{
		"陽子", "美穂", "恵", "愛", "裕子", "真由美", "香織", "直美", "由美", "久美子",
		"智子", "明美", "舞", "彩", "美咲", "さくら", "陽菜", "結衣", "葵", "凛",
		"美優", "花子", "奈々", "麻衣", "千尋", "沙織", "彩香", "理恵", "友美", "恵美",
		"綾", "瞳", "優子", "亜希子", "真理", "幸子", "和子", "洋子", "京子", "美香",
	}
)
