package ingest

import "github.com/careerkpi/careerkpi/catalog"

// The datasets and their fields, with the header names HR systems, survey
// tools and Excel sheets in Japan give them. A file's columns are matched to
// fields by these names (ignoring case, width, spaces, underscores and notes
// in brackets); a mapping file names the columns for anything else.

var employeesDataset = &Dataset{
	Name:    "employees",
	Aliases: []string{"employee", "master", "hr_master"},
	Fields: []Field{
		{Name: "employee_id", Kind: Text, Required: true, Headers: []string{"社員番号", "従業員番号", "社員ID", "従業員ID", "社員コード", "従業員コード", "職員番号", "社員No", "社員NO", "個人コード", "employee number", "employee no", "emp id", "empid", "staff id", "id"}},
		{Name: "department", Kind: Text, Required: true, Headers: []string{"所属", "部署", "所属部署", "所属名", "部署名", "所属部門", "組織", "組織名", "dept", "department name", "section"}},
		{Name: "division", Kind: Text, Headers: []string{"本部", "事業部", "部門", "事業本部", "本部名", "事業部名", "division name"}},
		{Name: "grade", Kind: Text, Headers: []string{"等級", "グレード", "職能等級", "資格等級", "職級", "役割等級", "level", "job level", "band"}},
		{Name: "job_family", Kind: Text, Headers: []string{"職種", "職群", "ジョブファミリー", "職務", "job role", "job title", "position", "role"}},
		{Name: "employment_type", Kind: Text, Headers: []string{"雇用形態", "雇用区分", "社員区分", "契約区分", "employment status type", "contract type"}},
		{Name: "is_manager", Kind: Bool, Headers: []string{"管理職", "管理職区分", "管理職フラグ", "役職者", "manager", "is manager", "manager flag"}},
		{Name: "manager_id", Kind: Text, Headers: []string{"上長社員番号", "上司社員番号", "上長ID", "上司ID", "上長", "上司", "評価者社員番号", "manager id", "supervisor id", "reports to"}},
		{Name: "gender", Kind: Enum, Headers: []string{"性別", "sex"}, Values: []EnumValue{
			{"female", []string{"女性", "女", "F", "woman", "w"}},
			{"male", []string{"男性", "男", "M", "man"}},
			{"other", []string{"その他", "回答しない", "無回答", "non-binary", "x"}},
		}},
		{Name: "birth_date", Kind: Date, Headers: []string{"生年月日", "誕生日", "date of birth", "dob", "birthday"}},
		{Name: "hire_type", Kind: Enum, Headers: []string{"採用区分", "入社区分", "新卒中途区分", "新卒・中途", "採用種別", "hiring type"}, Values: []EnumValue{
			{"new_graduate", []string{"新卒", "新卒採用", "新卒入社", "定期採用", "new graduate", "graduate"}},
			{"mid_career", []string{"中途", "中途採用", "中途入社", "キャリア採用", "経験者採用", "mid-career", "mid career", "experienced"}},
		}},
		{Name: "hire_date", Kind: Date, Required: true, Headers: []string{"入社日", "入社年月日", "雇用開始日", "採用日", "date of hire", "hired", "start date"}},
		{Name: "termination_date", Kind: Date, Headers: []string{"退職日", "退職年月日", "離職日", "雇用終了日", "date of termination", "termination", "end date", "leave date"}},
		{Name: "termination_type", Kind: Enum, Headers: []string{"退職区分", "退職事由", "退職事由区分", "退職理由区分", "離職区分", "termination reason type"}, Values: []EnumValue{
			{"voluntary", []string{"自己都合", "自己都合退職", "依願退職", "任意退職", "resignation", "resigned", "voluntarily terminated"}},
			{"involuntary", []string{"会社都合", "会社都合退職", "解雇", "懲戒解雇", "諭旨解雇", "dismissal", "terminated for cause"}},
			{"retirement", []string{"定年", "定年退職", "retired"}},
			{"other", []string{"その他", "契約満了", "転籍", "死亡"}},
		}},
		{Name: "regretted", Kind: Bool, Headers: []string{"惜しまれる退職", "ハイパフォーマー退職", "引き留め対象", "regretted attrition", "regrettable"}},
		{Name: "as_of", Kind: Date, Headers: []string{"基準日", "時点", "スナップショット日", "データ基準日", "snapshot date", "as of date"}},
	},
}

// kindValues are the program kinds as enum values, labelled as HR calls them.
func kindValues() []EnumValue {
	out := make([]EnumValue, len(catalog.Kinds))
	for i, k := range catalog.Kinds {
		out[i] = EnumValue{Value: k.ID, Labels: append([]string{k.NameJA, k.NameEN}, k.Labels...)}
	}
	return out
}

func categoryValues() []EnumValue {
	out := make([]EnumValue, len(catalog.Categories))
	for i, c := range catalog.Categories {
		out[i] = EnumValue{Value: string(c.ID), Labels: []string{c.NameJA, c.NameEN}}
	}
	return out
}

func actionValues() []EnumValue {
	out := make([]EnumValue, len(catalog.Actions))
	for i, a := range catalog.Actions {
		out[i] = EnumValue{Value: a.ID, Labels: append([]string{a.NameJA, a.NameEN}, a.Labels...)}
	}
	return out
}

var programsDataset = &Dataset{
	Name:    "programs",
	Aliases: []string{"program", "catalog"},
	Fields: []Field{
		{Name: "program_id", Kind: Text, Required: true, Headers: []string{"制度ID", "施策ID", "プログラムID", "制度コード", "施策コード", "program code", "id"}},
		{Name: "kind", Kind: Enum, Required: true, Headers: []string{"種別", "制度種別", "施策種別", "種類", "type", "program type"}, Values: kindValues()},
		{Name: "category", Kind: Enum, Headers: []string{"カテゴリ", "カテゴリー", "区分", "機会", "分類", "opportunity"}, Values: categoryValues()},
		{Name: "name_ja", Kind: Text, Headers: []string{"制度名", "施策名", "プログラム名", "名称", "name"}},
		{Name: "name_en", Kind: Text, Headers: []string{"英語名", "制度名(英語)", "name english", "english name"}},
	},
}

var eventsDataset = &Dataset{
	Name:    "events",
	Aliases: []string{"program_events", "event", "usage"},
	Fields: []Field{
		{Name: "employee_id", Kind: Text, Required: true, Headers: employeesDataset.Fields[0].Headers},
		{Name: "program", Kind: Text, Required: true, Headers: []string{"program_id", "制度", "施策", "プログラム", "制度名", "施策名", "制度ID", "施策ID", "program name", "program kind"}},
		{Name: "event_date", Kind: Date, Required: true, Headers: []string{"実施日", "利用日", "日付", "参加日", "受講日", "申請日", "面談日", "実施年月日", "date", "event date"}},
		{Name: "action", Kind: Enum, Headers: []string{"アクション", "状態", "ステータス", "結果", "区分", "status", "result"}, Values: actionValues()},
		{Name: "hours", Kind: Float, Headers: []string{"時間", "時間数", "受講時間", "学習時間", "研修時間", "duration", "duration hours"}},
		{Name: "cost_jpy", Kind: Int, Headers: []string{"費用", "金額", "補助額", "費用(円)", "受講料", "補助金額", "cost", "amount", "cost jpy"}},
		{Name: "counterpart_id", Kind: Text, Headers: []string{"面談者", "面談者社員番号", "相手", "相手社員番号", "実施者", "interviewer", "counterpart", "manager id"}},
		{Name: "event_id", Kind: Text, Headers: []string{"イベントID", "明細ID", "明細番号", "レコードID", "record id"}},
	},
}

var scaleValues = []EnumValue{
	{"likert4", []string{"4件法", "4段階", "4 point"}},
	{"likert5", []string{"5件法", "5段階", "5 point"}},
	{"likert7", []string{"7件法", "7段階", "7 point"}},
	{"nps11", []string{"NPS", "eNPS", "11段階", "0-10", "11 point"}},
	{"yesno", []string{"はい/いいえ", "2択", "yes/no"}},
	{"text", []string{"自由記述", "記述", "free text", "comment"}},
}

var surveysDataset = &Dataset{
	Name:    "surveys",
	Aliases: []string{"survey", "survey_items", "questions"},
	Fields: []Field{
		{Name: "survey_id", Kind: Text, Required: true, Headers: []string{"調査ID", "サーベイID", "アンケートID", "survey code"}},
		{Name: "title_ja", Kind: Text, Headers: []string{"調査名", "サーベイ名", "アンケート名", "タイトル", "title"}},
		{Name: "title_en", Kind: Text, Headers: []string{"調査名(英語)", "title english", "english title"}},
		{Name: "opens_on", Kind: Date, Headers: []string{"開始日", "実施開始日", "回答開始日", "open date", "start date"}},
		{Name: "closes_on", Kind: Date, Required: true, Headers: []string{"締切日", "終了日", "実施終了日", "回答締切日", "close date", "end date", "deadline"}},
		{Name: "invited", Kind: Int, Headers: []string{"対象者数", "配信数", "依頼数", "invitations", "invited count"}},
		{Name: "identified", Kind: Bool, Headers: []string{"記名式", "記名", "identified survey", "named"}},
		{Name: "item_id", Kind: Text, Required: true, Headers: []string{"設問ID", "設問番号", "項目ID", "質問ID", "question id", "question no"}},
		{Name: "text_ja", Kind: Text, Headers: []string{"設問", "設問文", "質問", "質問文", "項目", "question", "text"}},
		{Name: "text_en", Kind: Text, Headers: []string{"設問(英語)", "設問文(英語)", "question english", "english text"}},
		{Name: "scale", Kind: Enum, Required: true, Headers: []string{"尺度", "回答形式", "選択肢", "answer type"}, Values: scaleValues},
		{Name: "theme", Kind: Text, Headers: []string{"テーマ", "カテゴリ", "分類", "領域", "category", "dimension", "factor"}},
		{Name: "reverse_coded", Kind: Bool, Headers: []string{"逆転項目", "反転項目", "逆転", "reverse", "reversed"}},
		{Name: "engagement_index", Kind: Bool, Headers: []string{"エンゲージメント指標", "エンゲージメント項目", "指標対象", "engagement", "in engagement index"}},
	},
}

var responsesDataset = &Dataset{
	Name:    "responses",
	Aliases: []string{"survey_responses", "answers", "response"},
	Fields: []Field{
		{Name: "survey_id", Kind: Text, Headers: surveysDataset.Fields[0].Headers},
		{Name: "employee_id", Kind: Text, Headers: employeesDataset.Fields[0].Headers},
		{Name: "respondent_id", Kind: Text, Headers: []string{"回答者ID", "回答ID", "回答者番号", "response id", "respondent"}},
		{Name: "item_id", Kind: Text, Headers: surveysDataset.Fields[7].Headers},
		{Name: "value", Kind: Answer, Headers: []string{"回答", "回答値", "値", "スコア", "点数", "answer", "score", "response"}},
		{Name: "department", Kind: Text, Headers: employeesDataset.Fields[1].Headers},
		{Name: "grade", Kind: Text, Headers: employeesDataset.Fields[3].Headers},
		{Name: "tenure_band", Kind: Text, Headers: []string{"勤続年数区分", "勤続年数", "勤続", "在籍年数", "tenure", "years of service"}},
		{Name: "responded_at", Kind: Date, Headers: []string{"回答日", "回答日時", "回答日付", "submitted", "submitted at", "response date"}},
	},
}
