package demo

import (
	"cmp"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// item is a survey question.
type item struct {
	id, text string
	scale    string // likert5, likert4, nps11 or text
	theme    string
	reverse  bool
	index    bool // belongs to the engagement index
	mu       float64
	load     float64 // how much engagement moves the answer
}

// The autumn engagement survey: identified, 15 items.
var engagementItems = []item{
	{"Q01", "この会社で働くことに誇りを感じる", "likert5", "engagement", false, true, 0.35, 0.9},
	{"Q02", "仕事に意欲的に取り組めている", "likert5", "engagement", false, true, 0.6, 0.8},
	{"Q03", "今後もこの会社で働き続けたい", "likert5", "engagement", false, true, 0.3, 1.0},
	{"Q04", "今の仕事にやりがいを感じている", "likert5", "engagement", false, true, 0.45, 0.9},
	{"Q05", "自分のキャリアの方向性を描けている", "likert5", "career", false, false, 0.05, 0.7},
	{"Q06", "この会社で目指すキャリアを実現できると思う", "likert5", "career", false, false, -0.05, 0.8},
	{"Q07", "仕事を通じて成長を実感している", "likert5", "growth", false, false, 0.4, 0.8},
	{"Q08", "必要なスキルを学ぶ機会が十分にある", "likert5", "growth", false, false, 0.15, 0.7},
	{"Q09", "上司は私のキャリアについて相談に乗ってくれる", "likert5", "manager", false, false, 0.45, 0.6},
	{"Q10", "上司との1on1は自分にとって有意義だ", "likert5", "manager", false, false, 0.3, 0.6},
	{"Q11", "業務量が多すぎて、余裕がないと感じる", "likert5", "workload", true, false, 0.1, -0.5},
	{"Q12", "キャリア面談や研修などの会社のキャリア支援制度に満足している", "likert5", "program", false, false, 0, 0.6},
	{"Q13", "社内公募や副業など、挑戦する機会が用意されている", "likert5", "program", false, false, 0.05, 0.5},
	{"Q14", "この会社を働く場所として親しい友人や知人にどの程度勧めたいですか", "nps11", "enps", false, false, 6.3, 2.0},
	{"Q15", "キャリア支援や働き方について、ご意見があれば自由にお書きください", "text", "comment", false, false, 0, 0},
}

// The spring pulse survey: anonymous, 6 items; its export is wide, one
// column per item headed by the item's text.
var pulseItems = []item{
	{"P1", "今の仕事にやりがいを感じている", "likert5", "engagement", false, true, 0.45, 0.9},
	{"P2", "この会社で働き続けたいと思う", "likert5", "engagement", false, true, 0.3, 1.0},
	{"P3", "この1か月、上司と十分に話す機会があった", "likert5", "manager", false, false, 0.3, 0.6},
	{"P4", "自分のキャリアについて考える機会があった", "likert4", "career", false, false, 0, 0.7},
	{"P5", "心身ともに健康に働けている", "likert4", "wellbeing", false, false, 0.4, 0.6},
	{"P6", "新しいことを学ぶ時間を確保できている", "likert5", "growth", false, false, 0, 0.7},
}

var scaleNames = map[string]string{"likert5": "5件法", "likert4": "4件法", "nps11": "NPS", "text": "自由記述"}

// The labels survey tools write, by value.
var (
	likert5Labels = []string{"", "全くそう思わない", "そう思わない", "どちらともいえない", "そう思う", "とてもそう思う"}
	likert4Labels = []string{"", "全くそう思わない", "あまりそう思わない", "そう思う", "とてもそう思う"}
)

// Free-text answers, favourable and not. Some hold commas, quotes and
// line breaks, as comments do.
var (
	goodComments = []string{
		"キャリア面談で上司と将来の話ができ、視野が広がりました。",
		"DXアカデミーで学んだことを業務に活かせています。",
		"社内公募で希望の部署に異動でき、毎日が充実しています。",
		"1on1の時間が定着し、相談しやすくなりました。",
		"eラーニングの講座がもっと増えると嬉しいです。",
		"資格取得支援のおかげで、応用情報技術者試験に合格できました！",
		"制度は充実していると思います。引き続き、周知をお願いします。",
		"研修の内容が実践的で、とても良かった。",
		"副業制度を使って社外の経験を積めることに感謝しています。\r\n社内にも還元していきたいです。",
		"上司が\"まずやってみよう\"と背中を押してくれる職場です。",
	}
	badComments = []string{
		"業務が忙しく、研修に参加する時間が取れません。",
		"1on1が形だけになっていて、実施されない月も多いです。",
		"キャリア面談の結果がその後どう活かされているのか分かりません。",
		"人員が足りず、残業が続いています。改善をお願いします。",
		"制度があっても、現場では使いにくい雰囲気があります。",
		"評価の基準が不透明だと感じます。",
		"社内公募に応募しましたが、結果の理由が説明されませんでした。",
		"上司と話す機会がほとんどありません。",
		"給与水準が他社と比べて低いと感じる。",
		"部署間の連携が悪く、同じ作業を何度もしている。\r\n仕組みを見直してほしい。",
		"特になし",
	}
)

// survey is one run of a survey.
type survey struct {
	id, title   string
	k           int // the fiscal year
	pulse       bool
	open, close day
	items       []item
}

// surveys lists the surveys closed by today, in order of closing: every
// fiscal year a pulse in April and the engagement survey in October.
func (c *company) surveys() []survey {
	var out []survey
	for k := 1; k < len(c.fys); k++ {
		y := c.fys[k].year
		ys := strconv.Itoa(y)
		open := nextWeekday(dayOf(y, time.April, 10))
		out = append(out, survey{id: "PULSE" + ys, title: ys + "年度 春のパルスサーベイ", k: k, pulse: true, open: open, close: lastWeekday(dayOf(y, time.April, 30)), items: pulseItems})
		open = dayOf(y, time.October, 1)
		for open.weekday() != 1 {
			open++
		}
		out = append(out, survey{id: "ENG" + ys, title: ys + "年度 エンゲージメントサーベイ", k: k, open: open, close: lastWeekday(dayOf(y, time.October, 31)), items: engagementItems})
	}
	return slices.DeleteFunc(out, func(s survey) bool { return s.close > c.now })
}

func nextWeekday(d day) day {
	for d.weekend() {
		d++
	}
	return d
}

func lastWeekday(d day) day {
	for d.weekend() {
		d--
	}
	return d
}

// invited counts the people employed on the day the survey opens.
func (c *company) invited(s survey) int {
	n := 0
	for i := range c.people {
		if c.people[i].active(s.open) {
			n++
		}
	}
	return n
}

var surveyHeader = []string{"調査ID", "調査名", "開始日", "締切日", "対象者数", "記名式", "設問ID", "設問", "尺度", "テーマ", "逆転項目", "エンゲージメント指標"}

// surveyWriters write the definitions of all surveys in one file, and each
// survey's answers in a file of its own.
func (c *company) surveyWriters(dir string) []writer {
	svs := c.surveys()
	ws := []writer{{cost: float64(len(c.people)) / 10, write: func() (File, error) { return c.writeSurveys(filepath.Join(dir, "surveys.csv"), svs) }}}
	for n, s := range svs {
		path := filepath.Join(dir, "responses_"+s.id+".csv")
		ws = append(ws, writer{cost: float64(len(c.people) * len(s.items)), write: func() (File, error) { return c.writeResponses(path, s, n) }})
	}
	return ws
}

func (c *company) writeSurveys(path string, svs []survey) (File, error) {
	w, err := createCSV(path, utf8Plain)
	if err != nil {
		return File{}, err
	}
	if err := w.header(surveyHeader...); err != nil {
		return File{}, w.abort(err)
	}
	for _, s := range svs {
		invited := c.invited(s)
		for _, it := range s.items {
			w.text(s.id)
			w.text(s.title)
			w.raw(s.open.slash)
			w.raw(s.close.slash)
			w.raw(func(b []byte) []byte { return strconv.AppendInt(b, int64(invited), 10) })
			w.text(yesNo(!s.pulse))
			w.text(it.id)
			w.text(it.text)
			w.text(scaleNames[it.scale])
			w.text(it.theme)
			w.text(yesNo(it.reverse))
			w.text(yesNo(it.index))
			if err := w.end(); err != nil {
				return File{}, w.abort(err)
			}
		}
	}
	return File{Dataset: "surveys", Path: path}, w.close()
}

// gradeEngagement shifts engagement by grade: new joiners and the senior
// grades are the most engaged.
var gradeEngagement = [7]float64{0, 0.1, -0.05, -0.05, 0, 0.1, 0.15}

// respondent is someone who answered a survey, and when.
type respondent struct {
	i    int32
	at   day
	secs int32
	eng  float32 // their engagement at the time
}

// respondents draws who of the invited answer the survey and when.
func (c *company) respondents(s survey, n int) []respondent {
	r := newRNG()
	var out []respondent
	t := float64(s.k - 1)
	for i := range c.people {
		p := &c.people[i]
		if !p.active(s.open) {
			continue
		}
		r.seed(c.seed, streamRespond, uint64(i), uint64(n))
		st := p.state(s.k)
		dp := &c.depts[st.dept]
		e := float64(p.eng) + dp.eng + 0.03*t + 0.35*r.NormFloat64()
		if !s.pulse {
			u := st.use
			if u&useCareer != 0 {
				e += 0.25
			}
			if u&(useDX|useReskill) != 0 {
				e += 0.2
			}
			if u&useELearn != 0 {
				e += 0.1
			}
			if u&(usePosting|useFA|useSideJob) != 0 {
				e += 0.1
			}
			e += gradeEngagement[st.grade]
			if p.termType == termVoluntary && p.term-s.close < 240 {
				e -= 0.5
			}
		}
		rate := 0.84
		if s.pulse {
			rate = 0.77
		}
		if dp.low {
			rate -= 0.06
		}
		if !r.chance(clamp(rate+0.06*e, 0.3, 0.98)) {
			continue
		}
		last := min(s.close, p.term)
		var at day
		switch x := r.Float64(); {
		case x < 0.45:
			at = r.between(s.open, min(s.open+3, last))
		case x < 0.85:
			at = r.between(s.open, last)
		default:
			at = r.between(max(s.open, last-2), last)
		}
		if at.weekend() && r.chance(0.8) {
			at = r.weekdayBetween(s.open, last)
		}
		out = append(out, respondent{i: int32(i), at: at, secs: int32(30600 + r.IntN(41400)), eng: float32(e)})
	}
	slices.SortFunc(out, func(a, b respondent) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.secs, b.secs), cmp.Compare(a.i, b.i))
	})
	return out
}

// answer draws a respondent's answer to an item: a value on its scale, or
// 0 for a blank; for text items, an index into the comments plus one.
func (c *company) answer(it item, rp respondent, st *yearState, r *rng) int {
	e := float64(rp.eng)
	dp := &c.depts[st.dept]
	switch it.scale {
	case "nps11":
		return int(clamp(math.Round(it.mu+it.load*e+1.5*r.NormFloat64()), 0, 10))
	case "text":
		if !r.chance(0.2) {
			return 0
		}
		if e > 0 {
			return 1 + r.IntN(len(goodComments))
		}
		return 1 + len(goodComments) + r.IntN(len(badComments))
	}
	z := it.mu + it.load*e + 0.75*r.NormFloat64()
	switch it.theme {
	case "manager":
		z += 1.6 * (dp.oneOnOne - 0.75)
	case "career":
		if st.use&useCareer != 0 {
			z += 0.35
		}
	case "program":
		if st.use&(useCareer|useDX|useReskill) != 0 {
			z += 0.5
		}
		if it.id == "Q13" && st.use&(usePosting|useFA|useSideJob) != 0 {
			z += 0.3
		}
	case "growth":
		if st.use&(useDX|useReskill|useELearn) != 0 {
			z += 0.25
		}
	case "workload":
		if dp.low {
			z += 0.4
		}
	}
	if it.scale == "likert4" {
		switch {
		case z < -1.1:
			return 1
		case z < 0:
			return 2
		case z < 1.2:
			return 3
		}
		return 4
	}
	switch {
	case z < -1.6:
		return 1
	case z < -0.6:
		return 2
	case z < 0.25:
		return 3
	case z < 1.25:
		return 4
	}
	return 5
}

func comment(v int) string {
	if v <= len(goodComments) {
		return goodComments[v-1]
	}
	return badComments[v-1-len(goodComments)]
}

// tenureBand is how survey tools band the years of service.
func tenureBand(hire, d day) string {
	switch y := float64(d-hire) / 365.25; {
	case y < 1:
		return "1年未満"
	case y < 3:
		return "1〜3年"
	case y < 5:
		return "3〜5年"
	case y < 10:
		return "5〜10年"
	case y < 20:
		return "10〜20年"
	}
	return "20年以上"
}

// writeResponses writes the answers to survey number n: the engagement
// survey in long form, one row per answer; the pulse as the survey tool
// exports it, one row per respondent.
func (c *company) writeResponses(path string, s survey, n int) (File, error) {
	enc := utf8Plain
	if s.pulse {
		enc = utf8BOM
	}
	w, err := createCSV(path, enc)
	if err != nil {
		return File{}, err
	}
	if s.pulse {
		head := []string{"回答日時", "所属", "等級", "勤続年数区分"}
		for _, it := range s.items {
			head = append(head, it.text)
		}
		err = w.header(head...)
	} else {
		err = w.header("survey_id", "employee_id", "item_id", "value", "responded_at")
	}
	if err != nil {
		return File{}, w.abort(err)
	}
	r := newRNG()
	for _, rp := range c.respondents(s, n) {
		p := &c.people[rp.i]
		st := p.state(s.k)
		r.seed(c.seed, streamAnswers, uint64(rp.i), uint64(n))
		if s.pulse {
			w.raw(func(b []byte) []byte { return clock(rp.at.slash0(b), int(rp.secs)) })
			w.text(c.depts[st.dept].name)
			w.text(grade(st.grade))
			w.text(tenureBand(p.hire, rp.at))
			for _, it := range s.items {
				v := c.answer(it, rp, st, r)
				if r.chance(0.02) {
					v = 0
				}
				switch {
				case v == 0:
					w.empty()
				case it.scale == "likert4":
					w.text(likert4Labels[v])
				default:
					w.text(likert5Labels[v])
				}
			}
			if err := w.end(); err != nil {
				return File{}, w.abort(err)
			}
			continue
		}
		for _, it := range s.items {
			v := c.answer(it, rp, st, r)
			if it.scale != "text" && r.chance(0.015) || it.scale == "text" && v == 0 {
				continue
			}
			w.text(s.id)
			w.raw(func(b []byte) []byte { return appendEmployeeID(b, rp.i) })
			w.text(it.id)
			if it.scale == "text" {
				w.text(comment(v))
			} else {
				w.raw(func(b []byte) []byte { return strconv.AppendInt(b, int64(v), 10) })
			}
			w.raw(func(b []byte) []byte { return clock(rp.at.iso(b), int(rp.secs)) })
			if err := w.end(); err != nil {
				return File{}, w.abort(err)
			}
		}
	}
	f := File{Dataset: "responses", Path: path}
	if s.pulse {
		f.Survey = s.id
	}
	return f, w.close()
}
