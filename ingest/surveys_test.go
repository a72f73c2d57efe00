package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/careerkpi/careerkpi/ingest"
	"github.com/careerkpi/careerkpi/queries"
)

const surveyDefinition = "調査ID,調査名,開始日,締切日,対象者数,記名式,設問ID,設問,尺度,テーマ,逆転項目,エンゲージメント指標\n" +
	"es2024,2024年度 従業員意識調査,2024/10/1,2024/10/31,120,いいえ,q1,仕事にやりがいを感じる,5件法,engagement,,はい\n" +
	"es2024,,,2024/10/31,,,q2,この会社を友人に勧めたい,NPS,enps,,\n" +
	"es2024,,,2024/10/31,,,q3,キャリアについて上司と話す機会がある,5件法,career,,はい\n" +
	"es2024,,,2024/10/31,,,q4,仕事の負担が大きすぎる,5件法,engagement,はい,はい\n" +
	"es2024,,,2024/10/31,,,q5,ご意見をお聞かせください,自由記述,,,\n" +
	"pulse,パルス調査,2025/1/6,2025/1/10,,はい,p1,今週は充実していた,likert4,engagement,,yes\n"

func TestSurveysAndResponses(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	dir := t.TempDir()
	rep := mustLoad(t, s, ingest.Request{Dataset: "surveys", Files: []string{writeFile(t, dir, "survey.csv", surveyDefinition)}})
	if rep.Rows != 6 {
		t.Fatalf("items: %d", rep.Rows)
	}
	type sv struct {
		ID         string  `ch:"survey_id"`
		Title      string  `ch:"title_ja"`
		Invited    *uint32 `ch:"invited"`
		Identified bool    `ch:"identified"`
		Items      uint64  `ch:"items"`
	}
	svs, err := queries.Select[sv](ctx, s, `SELECT s.survey_id, s.title_ja, s.invited, s.identified, count() AS items
		FROM surveys AS s INNER JOIN survey_items AS i ON i.survey_id = s.survey_id GROUP BY s.survey_id, s.title_ja, s.invited, s.identified ORDER BY s.survey_id`, nil)
	if err != nil || len(svs) != 2 || svs[0].ID != "es2024" || svs[0].Items != 5 || *svs[0].Invited != 120 || svs[0].Identified || !svs[1].Identified {
		t.Fatalf("surveys = %+v, %v", svs, err)
	}

	// An anonymous survey in wide form: items headed by their text, labels
	// as answers, segments captured at answer time.
	wide := "回答日時,所属,等級,仕事にやりがいを感じる,この会社を友人に勧めたい,キャリアについて上司と話す機会がある,仕事の負担が大きすぎる,ご意見をお聞かせください\n" +
		"2024/10/5 10:00,営業部,G2,とてもそう思う,9,そう思う,あまりそう思わない,研修を増やしてほしい\n" +
		"2024/10/6,営業部,G3,4,10点,Strongly agree,2,\n" +
		"2024/11/6,人事部,G3,どちらともいえない,3,,全くそう思わない,\n" // answered after the close: a warning
	rep = mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{writeFile(t, dir, "wide.csv", wide)}, Survey: "es2024"})
	if rep.Rows != 12 || rep.WarningCount != 1 || !strings.Contains(rep.Warnings[0].Reason, "outside survey es2024 (2024-10-01 to 2024-10-31)") {
		t.Fatalf("wide: %d rows, warnings %v", rep.Rows, rep.Warnings)
	}
	type answer struct {
		Respondent string `ch:"respondent_id"`
		Item       string `ch:"item_id"`
		Value      *uint8 `ch:"value"`
		Text       string `ch:"text"`
		Department string `ch:"segment_department"`
	}
	got, err := queries.Select[answer](ctx, s, "SELECT respondent_id, item_id, value, text, segment_department FROM survey_responses WHERE respondent_id LIKE 'wide.csv#2' ORDER BY item_id", nil)
	if err != nil || len(got) != 5 {
		t.Fatalf("answers of line 2: %+v %v", got, err)
	}
	vals := []string{}
	for _, a := range got {
		v := a.Text
		if a.Value != nil {
			v = fmtInt(int64(*a.Value))
		}
		vals = append(vals, a.Item+"="+v)
	}
	if strings.Join(vals, " ") != "q1=5 q2=9 q3=4 q4=2 q5=研修を増やしてほしい" || got[0].Department != "営業部" {
		t.Fatalf("answers of line 2: %v", vals)
	}

	// An identified survey in long form: respondents must be employees, and
	// answers on the scale.
	mustLoad(t, s, ingest.Request{Dataset: "employees", Files: []string{writeFile(t, dir, "e.csv", "社員番号,所属,入社日\nE1,営業部,2020/4/1\nE2,人事部,2021/4/1\n")}})
	long := "survey_id,employee_id,item_id,value\npulse,E1,p1,4\npulse,E2,p1,ややそう思う\n"
	rep = mustLoad(t, s, ingest.Request{Dataset: "responses", Files: []string{writeFile(t, dir, "long.csv", long)}})
	if rep.Rows != 2 {
		t.Fatalf("long: %d rows", rep.Rows)
	}
	bad := "survey_id,employee_id,item_id,value\npulse,E9,p1,3\npulse,E1,p1,5\npulse,E2,p9,1\nnope,E1,p1,1\n"
	rep = load(t, s, ingest.Request{Dataset: "responses", Files: []string{writeFile(t, dir, "bad.csv", bad)}})
	wantReasons := []string{"employee E9 is not in the HR master", "5 is outside likert4 (1–4)", "survey pulse has no item p9", "survey nope is not loaded"}
	if rep.Outcome != ingest.Invalid || rep.ErrorCount != len(wantReasons) {
		t.Fatalf("bad answers: %s %v", rep.Outcome, rep.Errors)
	}
	for i, w := range wantReasons {
		if !strings.Contains(rep.Errors[i].Reason, w) || rep.Errors[i].Line != i+2 {
			t.Errorf("error %d = %+v, want line %d with %q", i, rep.Errors[i], i+2, w)
		}
	}
	// A second answer of a respondent to an item is an error.
	twice := "survey_id,employee_id,item_id,value\npulse,E1,p1,3\npulse,E1,p1,4\n"
	rep = load(t, s, ingest.Request{Dataset: "responses", Files: []string{writeFile(t, dir, "twice.csv", twice)}})
	if rep.Outcome != ingest.Invalid || !containsReason(rep, "E1 answered item p1 twice (first at twice.csv:2)") {
		t.Fatalf("twice: %v", rep.Errors)
	}
	// A wide file without a survey cannot be read, and says how to fix it.
	rep = load(t, s, ingest.Request{Dataset: "responses", Files: []string{writeFile(t, dir, "w2.csv", "所属,q1\n営業部,3\n")}})
	if rep.Outcome != ingest.Invalid || !containsReason(rep, "give --survey or a mapping file") {
		t.Fatalf("wide without a survey: %v", rep.Errors)
	}
}
