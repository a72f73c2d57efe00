package metrics

import (
	"slices"

	"github.com/careerkpi/careerkpi/queries"
)

// The SQL files metric terms read, in queries/sql/metrics.
const (
	sqlWorkforce     = "metrics/workforce"
	sqlUtilization   = "metrics/utilization"
	sqlEvents        = "metrics/events"
	sqlOneOnOne      = "metrics/one_on_one"
	sqlConcentration = "metrics/concentration"
	sqlEngagement    = "metrics/engagement"
	sqlImpact        = "metrics/impact"
	sqlResponseRate  = "metrics/response_rate"
	sqlDrivers       = "metrics/drivers"
)

// Dimension sets of the catalog.
var (
	peopleDims = []string{"fiscal_year", "half", "quarter", "month", "department", "division", "grade", "employment_type",
		"manager", "hire_type", "gender", "job_family", "is_manager", "tenure_band"}
	surveyDims = append(slices.Clone(respondentDims), "theme", "item")
	// respondentDims cut figures about respondents rather than answers.
	respondentDims = []string{"fiscal_year", "half", "quarter", "month", "department", "division", "grade", "employment_type",
		"manager", "hire_type", "gender", "job_family", "is_manager", "tenure_band"}
)

// programs chooses programs by category or by program id or kind.
func programs(categories, ids []string) queries.Params {
	if categories == nil {
		categories = []string{}
	}
	if ids == nil {
		ids = []string{}
	}
	return queries.Params{"categories": categories, "programs": ids}
}

func with(p queries.Params, more queries.Params) queries.Params {
	out := queries.Params{}
	for k, v := range p {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

var (
	threeOpportunities = programs([]string{"know", "challenge", "learn"}, nil)
	anyPeriod          = queries.Params{"whole_period": false}
	averageHeadcount   = &Term{Query: sqlWorkforce, Column: "average_headcount"}
)

// ratio is a numerator and a denominator from two columns of one query.
func ratio(query, numerator, denominator string, p queries.Params) Terms {
	return Terms{Numerator: Term{Query: query, Column: numerator, Params: p},
		Denominator: &Term{Query: query, Column: denominator, Params: p}}
}

// utilization is the share of active employees who used the chosen programs.
func utilization(p queries.Params) Terms {
	return ratio(sqlUtilization, "users", "eligible", with(p, anyPeriod))
}

// perHead divides a count by the average headcount.
func perHead(numerator Term) Terms {
	return Terms{Numerator: numerator, Denominator: averageHeadcount}
}

func eventsOf(p queries.Params, actions ...string) queries.Params {
	if actions == nil {
		actions = []string{}
	}
	return with(p, queries.Params{"actions": actions})
}

func answers(indexOnly bool, themes, scales []string) queries.Params {
	if themes == nil {
		themes = []string{}
	}
	if scales == nil {
		scales = []string{}
	}
	return queries.Params{"index_only": indexOnly, "themes": themes, "scales": scales}
}

const utilizationDefJA = "期間中に1日以上在籍した社員のうち、期間中に対象制度の利用（却下以外のイベント）があった社員の割合。"
const utilizationDefEN = "Of the employees active on at least one day of the period, the share with a qualifying event (any action but rejected) of the programs in it."

// Catalog is every metric careerkpi computes, in display order.
var Catalog = []*Metric{
	// Utilization.
	{ID: "utilization_any", NameJA: "キャリア支援制度 利用率（3つの機会のいずれか）", NameEN: "Utilization, any of the three opportunities",
		DefinitionJA: utilizationDefJA + "対象は「知る」「挑戦する」「学ぶ」の全制度。", DefinitionEN: utilizationDefEN + " Programs: every know, challenge and learn program.",
		Formula: "users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(threeOpportunities), Scale: 100},
	{ID: "utilization_know", NameJA: "「知る」機会 利用率", NameEN: "Utilization, know",
		DefinitionJA: utilizationDefJA + "対象はキャリア面談・1on1・自己診断など「知る」の制度。", DefinitionEN: utilizationDefEN + " Programs: the know category (career interviews, 1on1s, self-assessments).",
		Formula: "users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs([]string{"know"}, nil)), Scale: 100},
	{ID: "utilization_challenge", NameJA: "「挑戦する」機会 利用率", NameEN: "Utilization, challenge",
		DefinitionJA: utilizationDefJA + "対象は社内公募・社内FA・副業など「挑戦する」の制度。", DefinitionEN: utilizationDefEN + " Programs: the challenge category (internal postings, FA, side jobs).",
		Formula: "users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs([]string{"challenge"}, nil)), Scale: 100},
	{ID: "utilization_learn", NameJA: "「学ぶ」機会 利用率", NameEN: "Utilization, learn",
		DefinitionJA: utilizationDefJA + "対象は研修・資格取得支援・eラーニングなど「学ぶ」の制度。", DefinitionEN: utilizationDefEN + " Programs: the learn category (trainings, certification subsidies, e-learning).",
		Formula: "users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs([]string{"learn"}, nil)), Scale: 100},
	{ID: "program_utilization", NameJA: "制度別 利用率", NameEN: "Utilization of one program",
		DefinitionJA: utilizationDefJA + "対象は指定した1つの制度（制度IDまたは種類）。", DefinitionEN: utilizationDefEN + " Programs: the one program (id or kind) the request names.",
		Formula: "users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims, NeedsProgram: true,
		Terms: utilization(nil), Scale: 100},
	{ID: "career_interview_coverage", NameJA: "キャリア面談 実施率", NameEN: "Career interview coverage",
		DefinitionJA: "期間の全日に在籍した社員のうち、期間中にキャリア面談を1回以上受けた社員の割合（目標100%）。", DefinitionEN: "Of the employees active on every day of the period, the share with at least one career interview in it (target 100%).",
		Formula: "employees with a career interview ÷ employees active the whole period × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: ratio(sqlUtilization, "users", "eligible", with(programs(nil, []string{"career_interview"}), queries.Params{"whole_period": true})), Scale: 100},
	{ID: "one_on_one_compliance", NameJA: "1on1 月次実施率", NameEN: "1on1 monthly compliance",
		DefinitionJA: "上司のいる社員の在籍月（1日でも在籍した月）のうち、その月に1on1が1回以上あった月の割合。上司別に見るとチームの実施率。", DefinitionEN: "Of the employee-months of employees with a manager (a month counts when the employee is employed on any day of it), the share with at least one 1on1. By manager, each team's compliance.",
		Formula: "employee-months with a 1on1 ÷ active employee-months with a manager × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: ratio(sqlOneOnOne, "compliant_months", "employee_months", programs(nil, []string{"one_on_one"})), Scale: 100},
	{ID: "posting_applications_per_100", NameJA: "社内公募 応募数（100人あたり）", NameEN: "Internal posting applications per 100 employees",
		DefinitionJA: "期間中の社内公募への応募件数を平均在籍者数100人あたりで表したもの。", DefinitionEN: "Applications to internal postings dated in the period, per 100 of the average headcount.",
		Formula: "applied events ÷ average headcount × 100", Unit: Per100, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: perHead(Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"internal_posting"}), "applied")}), Scale: 100},
	{ID: "fa_applications_per_100", NameJA: "社内FA 応募数（100人あたり）", NameEN: "Internal FA applications per 100 employees",
		DefinitionJA: "期間中の社内FA制度への応募件数を平均在籍者数100人あたりで表したもの。", DefinitionEN: "Applications under the internal FA program dated in the period, per 100 of the average headcount.",
		Formula: "applied events ÷ average headcount × 100", Unit: Per100, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: perHead(Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"internal_fa"}), "applied")}), Scale: 100},
	{ID: "posting_selection_rate", NameJA: "社内公募 選考通過率", NameEN: "Internal posting selection rate",
		DefinitionJA: "期間中の社内公募の選考通過件数 ÷ 応募件数。", DefinitionEN: "Internal posting selections dated in the period ÷ applications dated in it.",
		Formula: "selected events ÷ applied events × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"internal_posting"}), "selected")},
			Denominator: &Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"internal_posting"}), "applied")}}, Scale: 100},
	{ID: "internal_mobility_rate", NameJA: "社内異動率（公募・FA）", NameEN: "Internal mobility rate",
		DefinitionJA: "期間中の社内公募・社内FAによる異動件数 ÷ 平均在籍者数。", DefinitionEN: "Transfers through internal postings and FA dated in the period ÷ average headcount.",
		Formula: "transferred events ÷ average headcount × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: perHead(Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"internal_posting", "internal_fa"}), "transferred")}), Scale: 100},
	{ID: "side_jobs_approved", NameJA: "副業 承認件数", NameEN: "Side jobs approved",
		DefinitionJA: "期間中に承認された副業・兼業の件数。", DefinitionEN: "Side-job approvals dated in the period.",
		Formula: "approved side_job events", Unit: Count, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"side_job"}), "approved")}}, Scale: 1},
	{ID: "training_hours_per_employee", NameJA: "1人あたり研修時間", NameEN: "Training hours per employee",
		DefinitionJA: "期間中の研修（種類 training のみ）の受講時間の合計 ÷ 平均在籍者数。", DefinitionEN: "Hours of trainings (kind training only) in the period ÷ average headcount.",
		Formula: "training hours ÷ average headcount", Unit: Hours, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: perHead(Term{Query: sqlEvents, Column: "hours", Params: eventsOf(programs(nil, []string{"training"}))}), Scale: 1},
	{ID: "training_cost_per_employee", NameJA: "1人あたり研修費用", NameEN: "Training cost per employee",
		DefinitionJA: "期間中の研修（種類 training のみ）の費用（cost_jpy）の合計 ÷ 平均在籍者数（円）。", DefinitionEN: "The cost (cost_jpy) of trainings (kind training only) in the period ÷ average headcount, in yen.",
		Formula: "training cost_jpy ÷ average headcount", Unit: JPY, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: perHead(Term{Query: sqlEvents, Column: "cost_jpy", Params: eventsOf(programs(nil, []string{"training"}))}), Scale: 1},
	{ID: "certification_subsidies", NameJA: "資格取得支援 件数", NameEN: "Certification subsidies",
		DefinitionJA: "期間中の資格取得費用・受験料補助の件数。", DefinitionEN: "Certification subsidy claims in the period.",
		Formula: "qualifying certification events", Unit: Count, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlEvents, Column: "events", Params: eventsOf(programs(nil, []string{"certification"}))}}, Scale: 1},
	{ID: "certification_subsidy_jpy", NameJA: "資格取得支援 金額", NameEN: "Certification subsidies, JPY",
		DefinitionJA: "期間中の資格取得費用・受験料補助の金額の合計（円）。", DefinitionEN: "The sum of certification subsidies paid in the period, in yen.",
		Formula: "sum of cost_jpy of certification events", Unit: JPY, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlEvents, Column: "cost_jpy", Params: eventsOf(programs(nil, []string{"certification"}))}}, Scale: 1},
	{ID: "elearning_active_rate", NameJA: "eラーニング アクティブ率", NameEN: "E-learning active rate",
		DefinitionJA: utilizationDefJA + "対象はeラーニング。", DefinitionEN: utilizationDefEN + " Programs: e-learning.",
		Formula: "e-learning users ÷ active employees × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs(nil, []string{"elearning"})), Scale: 100},
	{ID: "usage_concentration_top20", NameJA: "利用の集中度（上位20%の利用者のシェア）", NameEN: "Usage concentration, top 20% of users",
		DefinitionJA: "期間中の3つの機会の制度利用のうち、利用回数の多い上位20%の利用者によるものの割合。高いほど一部の人に偏っている。", DefinitionEN: "Of all uses of know, challenge and learn programs in the period, the share made by the top 20% of their users. Higher means fewer people use them.",
		Formula: "uses by the top 20% of users ÷ all uses × 100", Unit: Percent, HigherIsBetter: false, Area: Utilization, Dimensions: peopleDims,
		Terms: ratio(sqlConcentration, "top_uses", "all_uses", threeOpportunities), Scale: 100},
	{ID: "manager_training_rate", NameJA: "管理職 研修受講率", NameEN: "Managers' own training",
		DefinitionJA: utilizationDefJA + "対象は管理職本人、制度は管理職向けの制度（面談研修など）。", DefinitionEN: utilizationDefEN + " People: managers themselves; programs: the manager category (interview training and the like).",
		Formula: "managers with a manager program ÷ active managers × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs([]string{"manager"}, nil)), Scale: 100,
		Filters: map[string][]string{"is_manager": {"true"}}},
	{ID: "manager_career_interview_rate", NameJA: "管理職 キャリア面談受診率", NameEN: "Managers' own career interviews",
		DefinitionJA: utilizationDefJA + "対象は管理職本人、制度はキャリア面談。", DefinitionEN: utilizationDefEN + " People: managers themselves; programs: career interviews.",
		Formula: "managers with a career interview ÷ active managers × 100", Unit: Percent, HigherIsBetter: true, Area: Utilization, Dimensions: peopleDims,
		Terms: utilization(programs(nil, []string{"career_interview"})), Scale: 100,
		Filters: map[string][]string{"is_manager": {"true"}}},

	// Engagement.
	{ID: "engagement_index", NameJA: "エンゲージメント指数（肯定的回答率）", NameEN: "Engagement index (% favorable)",
		DefinitionJA: "エンゲージメント指数の設問へのすべての回答のうち肯定的な回答（4件法で3〜4、5件法で4〜5、7件法で6〜7）の割合。逆転項目は反転して数える。", DefinitionEN: "Of all answers to engagement-index items, the share favorable (3-4 on a 4-point scale, 4-5 on 5, 6-7 on 7); reverse-coded items are turned around.",
		Formula: "favorable answers ÷ answers × 100", Unit: Percent, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "favorable", "answers", answers(true, nil, nil)), Scale: 100},
	{ID: "engagement_unfavorable", NameJA: "エンゲージメント指数（否定的回答率）", NameEN: "Engagement index (% unfavorable)",
		DefinitionJA: "エンゲージメント指数の設問へのすべての回答のうち否定的な回答（各Likert尺度で1〜2）の割合。", DefinitionEN: "Of all answers to engagement-index items, the share unfavorable (1-2 on each Likert scale).",
		Formula: "unfavorable answers ÷ answers × 100", Unit: Percent, HigherIsBetter: false, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "unfavorable", "answers", answers(true, nil, nil)), Scale: 100},
	{ID: "engagement_neutral", NameJA: "エンゲージメント指数（中立回答率）", NameEN: "Engagement index (% neutral)",
		DefinitionJA: "エンゲージメント指数の設問へのすべての回答のうち、肯定的でも否定的でもない回答の割合。", DefinitionEN: "Of all answers to engagement-index items, the share neither favorable nor unfavorable.",
		Formula: "(answers − favorable − unfavorable) ÷ answers × 100", Unit: Percent, HigherIsBetter: false, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "neutral", "answers", answers(true, nil, nil)), Scale: 100},
	{ID: "enps", NameJA: "eNPS", NameEN: "eNPS",
		DefinitionJA: "0〜10の推奨度の設問で、推奨者（9〜10）の割合から批判者（0〜6）の割合を引いた値。", DefinitionEN: "On the 0-10 recommendation item, the % of promoters (9-10) minus the % of detractors (0-6).",
		Formula: "(promoters − detractors) ÷ answers × 100", Unit: Points, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "promoters-detractors", "nps_answers", answers(false, nil, []string{"nps11"})), Scale: 100},
	{ID: "career_satisfaction", NameJA: "キャリア満足度", NameEN: "Career satisfaction",
		DefinitionJA: "テーマ「career」の設問への回答のうち肯定的な回答の割合。", DefinitionEN: "Of the answers to items of the theme career, the share favorable.",
		Formula: "favorable answers ÷ answers × 100", Unit: Percent, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "favorable", "answers", answers(false, []string{"career"}, nil)), Scale: 100},
	{ID: "program_satisfaction", NameJA: "キャリア支援制度 満足度", NameEN: "Program satisfaction",
		DefinitionJA: "テーマ「program」の設問への回答のうち肯定的な回答の割合。", DefinitionEN: "Of the answers to items of the theme program, the share favorable.",
		Formula: "favorable answers ÷ answers × 100", Unit: Percent, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "favorable", "answers", answers(false, []string{"program"}, nil)), Scale: 100},
	{ID: "favorable", NameJA: "肯定的回答率（設問・テーマ別）", NameEN: "% favorable, by item or theme",
		DefinitionJA: "Likert尺度とはい/いいえの全設問への回答のうち肯定的な回答の割合。テーマ別・設問別に切り出して使う。", DefinitionEN: "Of the answers to every Likert and yes/no item, the share favorable; cut by theme or item.",
		Formula: "favorable answers ÷ answers × 100", Unit: Percent, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Terms: ratio(sqlEngagement, "favorable", "answers", answers(false, nil, []string{"likert4", "likert5", "likert7", "yesno"})), Scale: 100},
	{ID: "response_rate", NameJA: "回答率", NameEN: "Response rate",
		DefinitionJA: "期間中に締め切られたサーベイの回答者（1問以上に回答した人）の割合。全社の値は招待者数（サーベイに記載がある場合）に対する割合、組織別などの値は締切日の在籍者数に対する割合。",
		DefinitionEN: "Of the people asked, the share who answered at least one item of the surveys closing in the period: against the survey's invited count for the whole company when the survey gives one, else, and for every group, against the headcount on the close date.",
		Formula:      "respondents ÷ invited (or headcount at close) × 100", Unit: Percent, HigherIsBetter: true, Area: Engagement, Dimensions: respondentDims, Survey: true,
		Terms: ratio(sqlResponseRate, "respondents", "invitees", nil), Scale: 100},
	{ID: "drivers", NameJA: "エンゲージメントのドライバー（設問と指数の相関）", NameEN: "Engagement drivers (item-index correlation)",
		DefinitionJA: "設問ごとに、回答者単位で「その設問に肯定的に回答したか（1/0）」と「その人のエンゲージメント指数（肯定的回答率、その設問自体は除く）」のピアソン相関係数。値が大きい設問ほどエンゲージメントとともに動く。nは両方に回答した人数。",
		DefinitionEN: "For each item, Pearson's correlation across respondents between answering it favorably (1/0) and the respondent's own engagement index (% favorable, leaving the item itself out). Items with higher values move most with engagement; n counts the respondents with both.",
		Formula:      "corr(item favorable, respondent's index % favorable) per item", Unit: Correlation, HigherIsBetter: true, Area: Engagement, Dimensions: surveyDims, Survey: true,
		Per: "item", Terms: Terms{Numerator: Term{Query: sqlDrivers, Column: "r"}}, Scale: 1},

	// Attrition.
	{ID: "headcount", NameJA: "在籍者数（期末）", NameEN: "Headcount at the period end",
		DefinitionJA: "期間の最終日に在籍する社員数（入社日 ≤ D かつ 退職日 < D でない）。", DefinitionEN: "Employees on the period's last day D: hire_date ≤ D and no termination_date < D.",
		Formula: "headcount at the period end", Unit: Count, HigherIsBetter: true, Area: Attrition, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlWorkforce, Column: "headcount_end"}}, Scale: 1},
	{ID: "average_headcount", NameJA: "平均在籍者数", NameEN: "Average headcount",
		DefinitionJA: "期首と期間内の各月末の在籍者数の平均。", DefinitionEN: "The mean of the headcount at the period start and at each month end inside it.",
		Formula: "mean of headcount at the start and each month end", Unit: Count, HigherIsBetter: true, Area: Attrition, Dimensions: peopleDims,
		Terms: Terms{Numerator: Term{Query: sqlWorkforce, Column: "average_headcount"}}, Scale: 1},
	{ID: "attrition_rate", NameJA: "離職率", NameEN: "Attrition rate",
		DefinitionJA: "期間中の退職者数 ÷ 平均在籍者数。1年未満の期間は年換算。", DefinitionEN: "Terminations in the period ÷ average headcount, annualised for periods shorter than a year.",
		Formula: "terminations ÷ average headcount × 100 × annualisation", Unit: Percent, HigherIsBetter: false, Area: Attrition, Dimensions: peopleDims, Annualised: true,
		Terms: perHead(Term{Query: sqlWorkforce, Column: "terminations"}), Scale: 100},
	{ID: "voluntary_attrition_rate", NameJA: "自己都合離職率", NameEN: "Voluntary attrition rate",
		DefinitionJA: "期間中の自己都合退職者数 ÷ 平均在籍者数。1年未満の期間は年換算。", DefinitionEN: "Voluntary terminations in the period ÷ average headcount, annualised for periods shorter than a year.",
		Formula: "voluntary terminations ÷ average headcount × 100 × annualisation", Unit: Percent, HigherIsBetter: false, Area: Attrition, Dimensions: peopleDims, Annualised: true,
		Terms: perHead(Term{Query: sqlWorkforce, Column: "voluntary_terminations"}), Scale: 100},
	{ID: "regretted_attrition_rate", NameJA: "惜しまれる離職率", NameEN: "Regretted attrition rate",
		DefinitionJA: "期間中の「惜しまれる」退職者数 ÷ 平均在籍者数。1年未満の期間は年換算。", DefinitionEN: "Regretted terminations in the period ÷ average headcount, annualised for periods shorter than a year.",
		Formula: "regretted terminations ÷ average headcount × 100 × annualisation", Unit: Percent, HigherIsBetter: false, Area: Attrition, Dimensions: peopleDims, Annualised: true,
		Terms: perHead(Term{Query: sqlWorkforce, Column: "regretted_terminations"}), Scale: 100},
	{ID: "first_year_attrition", NameJA: "入社1年以内離職率", NameEN: "First-year attrition",
		DefinitionJA: "期間中の入社者のうち、入社1周年より前に退職した人の割合。", DefinitionEN: "Of the hires of the period, the share whose termination_date is before their first anniversary.",
		Formula: "hires leaving before their first anniversary ÷ hires × 100", Unit: Percent, HigherIsBetter: false, Area: Attrition, Dimensions: peopleDims,
		Terms: ratio(sqlWorkforce, "first_year_leavers", "hires", nil), Scale: 100},
	{ID: "new_graduate_three_year_attrition", NameJA: "新卒3年以内離職率", NameEN: "New-graduate three-year attrition",
		DefinitionJA: "期間中（4月入社の年度コホート）に入社した新卒のうち、入社3周年より前に退職した人の割合。", DefinitionEN: "Of the new graduates hired in the period (the April cohort of a fiscal year), the share whose termination_date is before their third anniversary.",
		Formula: "new graduates leaving before their third anniversary ÷ new-graduate hires × 100", Unit: Percent, HigherIsBetter: false, Area: Attrition, Dimensions: peopleDims,
		Terms: ratio(sqlWorkforce, "new_graduate_three_year_leavers", "new_graduate_hires", nil), Scale: 100},
	{ID: "retention_rate", NameJA: "定着率", NameEN: "Retention rate",
		DefinitionJA: "期首の在籍者のうち、期間中に退職しなかった人の割合。", DefinitionEN: "Of the headcount at the period start, the share not terminated within the period.",
		Formula: "retained ÷ headcount at the start × 100", Unit: Percent, HigherIsBetter: true, Area: Attrition, Dimensions: peopleDims,
		Terms: ratio(sqlWorkforce, "retained", "headcount_start", nil), Scale: 100},
}
