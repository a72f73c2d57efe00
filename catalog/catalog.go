package catalog

import "slices"

// Category is one of the opportunities a program offers.
type Category string

// The categories.
const (
	Know      Category = "know"      // 知る
	Challenge Category = "challenge" // 挑戦する
	Learn     Category = "learn"     // 学ぶ
	Manager   Category = "manager"   // 管理職
)

// CategoryInfo names a category.
type CategoryInfo struct {
	ID     Category
	NameJA string
	NameEN string
}

// Categories lists the categories; the first three are the three
// opportunities of the career autonomy programs.
var Categories = []CategoryInfo{
	{Know, "知る", "Know"},
	{Challenge, "挑戦する", "Challenge"},
	{Learn, "学ぶ", "Learn"},
	{Manager, "管理職", "Managers"},
}

// Kind is a kind of program. A company's programs each have one kind, and a
// kind belongs to one category.
type Kind struct {
	ID       string
	Category Category
	NameJA   string
	NameEN   string
	// Labels are other names HR exports give the kind, in Japanese and
	// English.
	Labels []string
}

// Kinds lists the kinds of program, as in the product specification.
var Kinds = []Kind{
	{"career_interview", Know, "キャリア面談", "Career interview", []string{"キャリア面談", "キャリア面接", "キャリアカウンセリング", "career interview", "career counseling"}},
	{"one_on_one", Know, "1on1", "1on1", []string{"1on1", "1on1ミーティング", "1on1面談", "one on one", "one-on-one"}},
	{"self_assessment", Know, "自己診断", "Self-assessment", []string{"自己診断", "適性診断", "ストレングスファインダー", "StrengthsFinder", "EQ診断", "self assessment", "assessment"}},
	{"internal_posting", Challenge, "社内公募", "Internal posting", []string{"社内公募", "社内公募制度", "internal posting", "job posting"}},
	{"internal_fa", Challenge, "社内FA", "Internal FA", []string{"社内FA", "社内FA制度", "FA制度", "internal free agent", "internal fa"}},
	{"side_job", Challenge, "副業・兼業", "Side job", []string{"副業", "兼業", "副業・兼業", "side job", "side business"}},
	{"training", Learn, "研修", "Training", []string{"研修", "リスキリング研修", "アンラーニング研修", "集合研修", "training", "reskilling"}},
	{"certification", Learn, "資格取得支援", "Certification subsidy", []string{"資格取得", "資格取得支援", "資格取得費用補助", "受験料補助", "certification", "certification subsidy"}},
	{"elearning", Learn, "eラーニング", "E-learning", []string{"eラーニング", "Eラーニング", "e-learning", "elearning", "オンライン学習"}},
	{"manager_training", Manager, "管理職研修", "Manager training", []string{"管理職研修", "面談研修", "マネジメント研修", "manager training"}},
}

// KindByID returns the kind with the given id.
func KindByID(id string) (Kind, bool) {
	i := slices.IndexFunc(Kinds, func(k Kind) bool { return k.ID == id })
	if i < 0 {
		return Kind{}, false
	}
	return Kinds[i], true
}

// Program is a program of a company: an id of its own, one kind, and the
// kind's category.
type Program struct {
	ID       string
	Kind     string
	Category Category
	NameJA   string
	NameEN   string
}

// Builtin returns the built-in default programs: one per kind, whose id is
// the kind's. A company that loads no program catalog uses these, and events
// may name a program by its kind.
func Builtin() []Program {
	out := make([]Program, len(Kinds))
	for i, k := range Kinds {
		out[i] = Program{ID: k.ID, Kind: k.ID, Category: k.Category, NameJA: k.NameJA, NameEN: k.NameEN}
	}
	return out
}

// Action is what an event of a program records.
type Action struct {
	ID     string
	NameJA string
	NameEN string
	// Qualifying actions are uses of a program; a rejected application is
	// not.
	Qualifying bool
	Labels     []string
}

// Actions lists the actions.
var Actions = []Action{
	{"participated", "参加", "Participated", true, []string{"参加", "受講", "実施", "利用", "参加済", "受講済", "participated", "attended", "done"}},
	{"applied", "応募", "Applied", true, []string{"応募", "申請", "申込", "エントリー", "applied", "application"}},
	{"approved", "承認", "Approved", true, []string{"承認", "許可", "認定", "approved"}},
	{"rejected", "却下", "Rejected", false, []string{"却下", "不承認", "不許可", "否認", "不合格", "rejected", "declined"}},
	{"selected", "選考通過", "Selected", true, []string{"選考通過", "合格", "内定", "採用", "selected", "accepted"}},
	{"transferred", "異動", "Transferred", true, []string{"異動", "異動済", "着任", "transferred", "moved"}},
	{"completed", "修了", "Completed", true, []string{"修了", "完了", "取得", "合格済", "completed", "finished", "passed"}},
}

// ActionByID returns the action with the given id.
func ActionByID(id string) (Action, bool) {
	i := slices.IndexFunc(Actions, func(a Action) bool { return a.ID == id })
	if i < 0 {
		return Action{}, false
	}
	return Actions[i], true
}
