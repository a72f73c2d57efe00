package dashboard

import (
	"golang.org/x/text/language"
	"golang.org/x/text/message/catalog"
)

// The message catalog: every user-facing string, in English and Japanese.
// A message's key is its English text, a format for fmt (so a literal
// percent sign is written %%). Templates name messages by their English
// text; Go code by these constants. TestCatalog checks that every message
// a template or this file uses has its Japanese.
const (
	msgTitle         = "careerkpi status"
	msgEngine        = "Engine"
	msgEmbedded      = "embedded ClickHouse (chDB)"
	msgServer        = "ClickHouse server"
	msgVersion       = "Version"
	msgDatabase      = "Database"
	msgLocation      = "Data location"
	msgSchema        = "Schema"
	msgMigrations    = "%d of %d migrations applied"
	msgStatus        = "Status"
	msgOK            = "working"
	msgDown          = "unavailable"
	msgNotFound      = "Not found."
	msgUnavailable   = "The database is unavailable. Please try again later."
	msgBadRequest    = "The request could not be understood."
	msgInternal      = "Something went wrong. The error has been logged."
	msgForbidden     = "You do not have access to this page or these figures."
	msgUnauthorized  = "Log in first."
	msgCSRF          = "The form has expired. Reload the page and try again."
	msgTooManyLogins = "Too many failed logins. Wait 15 minutes and try again."

	msgTitleNotFound   = "Not found"
	msgTitleForbidden  = "No access"
	msgTitleBadRequest = "Cannot show this"
	msgTitleError      = "Error"

	msgLogIn         = "Log in"
	msgOverview      = "Overview"
	msgUtilization   = "Utilization"
	msgEngagement    = "Engagement"
	msgAttrition     = "Attrition"
	msgManagers      = "Managers"
	msgProgramImpact = "Program impact"
	msgFunnels       = "Funnels"
	msgDefinitions   = "Definitions"
	msgUpload        = "Upload"
	msgLoadHistory   = "Load history"
	msgTargets       = "Targets"
	msgPublish       = "Publish"
	msgUsers         = "Users"

	msgBadFiscalYear      = "%q is not a fiscal year."
	msgBadPeriod          = "%q is not a period of the fiscal year."
	msgBadDepartment      = "There is no department %q."
	msgBadGrade           = "There is no grade %q."
	msgBadEmploymentType  = "There is no employment type %q."
	msgBadDimension       = "The figures cannot be broken down by %q."
	msgBadProgram         = "There is no program or category %q."
	msgBadTarget          = "%q is not a number."
	msgNoFiles            = "Choose the files to upload."
	msgUploadGone         = "This upload is no longer waiting: it was loaded, discarded or expired after an hour. Upload the files again."
	msgUndoFailed         = "Could not undo the load: %s"
	msgRemoveSelf         = "You cannot remove yourself."
	msgBadVersion         = "%q is not a version number."
	msgReportNotPublished = "This fiscal year has not been published: publish it first, or download the live figures."

	msgNotRecorded      = "(not recorded)"
	msgNewGraduate      = "New graduate"
	msgMidCareer        = "Mid-career"
	msgFemale           = "Female"
	msgMale             = "Male"
	msgOtherGender      = "Other"
	msgIsManager        = "Managerial"
	msgNotManager       = "Non-managerial"
	msgTenureUnder1     = "Under 1 year"
	msgTenure1to3       = "1–3 years"
	msgTenure3to5       = "3–5 years"
	msgTenure5to10      = "5–10 years"
	msgTenure10plus     = "10 years or more"
	msgKnow             = "Know"
	msgChallenge        = "Challenge"
	msgLearn            = "Learn"
	msgManagerCategory  = "Managers' programs"
	msgAnyOpportunity   = "Any"
	msgCareerInterviews = "Career interviews"

	msgRoleAdmin          = "Administrator"
	msgRoleHR             = "HR"
	msgRoleExecutive      = "Executive"
	msgRoleDepartmentHead = "Department head"
	msgRoleAnalyst        = "Analyst"

	msgThreeOpportunities      = "Utilization by opportunity"
	msgNonUsers                = "Non-users"
	msgImpactChart             = "12-month attrition of users and non-users, %s cohort"
	msgUtilizationByDepartment = "Career interviews, challenge and learn programs by department"
	msgUtilizationByGrade      = "Career interviews, challenge and learn programs by grade"
	msgOneOnOneByDepartment    = "1on1 monthly compliance by department"
	msgDriversChart            = "Correlation with the engagement index"
	msgEngagementTrend         = "Engagement, career and program satisfaction by fiscal year"
	msgHeatmapChart            = "%% favorable by department and theme"
	msgAttritionTrend          = "Attrition by fiscal year"
	msgBottleneckChart         = "Each manager's team: %s against %s"
	msgFunnelChart             = "%s: applications of the year, step by step"
	msgDays                    = "%d days"
	msgDaysFraction            = "%.1f days"
	msgKindPosting             = "Internal posting"
	msgKindFA                  = "Internal FA"
	msgKindSideJob             = "Side job"
	msgActionApplied           = "Applied"
	msgActionSelected          = "Selected"
	msgActionTransferred       = "Transferred"
	msgActionApproved          = "Approved"
	msgCohortChart             = "Share of each new-graduate cohort who left in their first, second and third year, beside the national figures"
	msgRetentionCurves         = "Retention of users and non-users, month by month from the first day of the fiscal year (Kaplan–Meier)"
	msgAttritionByDepartment   = "Attrition by department"
	msgAttritionByTenure       = "Attrition by tenure"
	msgAttritionByGrade        = "Attrition by grade"
	msgComplianceDistribution  = "Teams by 1on1 compliance"
	msgTeams                   = "Teams"
	msgManagersByDivision      = "Managers' own training and career interviews by division"

	msgUnitPercent     = "%%"
	msgUnitPer100      = "per 100 employees"
	msgUnitHours       = "hours"
	msgUnitCount       = "count"
	msgUnitJPY         = "JPY"
	msgUnitPoints      = "points"
	msgUnitCorrelation = "correlation"

	msgDatasetEmployees = "Employees (HR master)"
	msgDatasetPrograms  = "Program catalog"
	msgDatasetEvents    = "Program events"
	msgDatasetSurveys   = "Surveys"
	msgDatasetResponses = "Survey responses"

	msgStateLoading   = "loading"
	msgStateCommitted = "loaded"
	msgStateAborted   = "aborted"
	msgStateUndone    = "undone"
	msgStateReplaced  = "replaced"

	msgLoadedRows    = "Loaded %d rows."
	msgRejectedRows  = "%d invalid rows were left out."
	msgDuplicateLoad = "These rows are already loaded (batch %s): nothing was added."
	msgCheckedRows   = "%d rows are ready to load; %d warnings."
	msgInvalidLoad   = "%d errors and %d warnings."
)

// messages are the Japanese of every message.
var messages = map[string]string{
	msgTitle:         "careerkpi 稼働状況",
	msgEngine:        "エンジン",
	msgEmbedded:      "組み込み ClickHouse (chDB)",
	msgServer:        "ClickHouse サーバー",
	msgVersion:       "バージョン",
	msgDatabase:      "データベース",
	msgLocation:      "データの場所",
	msgSchema:        "スキーマ",
	msgMigrations:    "マイグレーション %d / %d 件適用済み",
	msgStatus:        "状態",
	msgOK:            "稼働中",
	msgDown:          "利用不可",
	msgNotFound:      "ページが見つかりません。",
	msgUnavailable:   "データベースに接続できません。しばらくしてから再度お試しください。",
	msgBadRequest:    "リクエストを理解できませんでした。",
	msgInternal:      "エラーが発生しました。内容は記録されています。",
	msgForbidden:     "このページまたはこの数値を見る権限がありません。",
	msgUnauthorized:  "ログインしてください。",
	msgCSRF:          "フォームの有効期限が切れました。ページを再読み込みしてもう一度お試しください。",
	msgTooManyLogins: "ログインの失敗が続いたため、15分間ログインできません。",

	msgTitleNotFound:   "見つかりません",
	msgTitleForbidden:  "権限がありません",
	msgTitleBadRequest: "表示できません",
	msgTitleError:      "エラー",

	msgLogIn:         "ログイン",
	msgOverview:      "概要",
	msgUtilization:   "利用状況",
	msgEngagement:    "エンゲージメント",
	msgAttrition:     "離職",
	msgManagers:      "管理職",
	msgProgramImpact: "制度の効果",
	msgFunnels:       "応募の流れ",
	msgDefinitions:   "指標の定義",
	msgUpload:        "アップロード",
	msgLoadHistory:   "取り込み履歴",
	msgTargets:       "目標値",
	msgPublish:       "公開",

	msgBadFiscalYear:      "%q は年度ではありません。",
	msgBadPeriod:          "%q はこの年度の期間ではありません。",
	msgBadDepartment:      "部署 %q はありません。",
	msgBadGrade:           "等級 %q はありません。",
	msgBadEmploymentType:  "雇用形態 %q はありません。",
	msgBadDimension:       "%q では内訳を表示できません。",
	msgBadProgram:         "制度またはカテゴリ %q はありません。",
	msgBadTarget:          "%q は数値ではありません。",
	msgNoFiles:            "アップロードするファイルを選んでください。",
	msgUploadGone:         "このアップロードはもう待機していません（取り込み済み・破棄済み、または1時間で期限切れ）。もう一度アップロードしてください。",
	msgUndoFailed:         "取り込みを取り消せませんでした: %s",
	msgRemoveSelf:         "自分自身は削除できません。",
	msgBadVersion:         "%q は版の番号ではありません。",
	msgReportNotPublished: "この年度はまだ公開されていません。先に公開するか、最新の数値でダウンロードしてください。",

	msgNotRecorded:      "（未登録）",
	msgNewGraduate:      "新卒",
	msgMidCareer:        "中途",
	msgFemale:           "女性",
	msgMale:             "男性",
	msgOtherGender:      "その他",
	msgIsManager:        "管理職",
	msgNotManager:       "非管理職",
	msgTenureUnder1:     "1年未満",
	msgTenure1to3:       "1〜3年",
	msgTenure3to5:       "3〜5年",
	msgTenure5to10:      "5〜10年",
	msgTenure10plus:     "10年以上",
	msgKnow:             "知る",
	msgChallenge:        "挑戦する",
	msgLearn:            "学ぶ",
	msgManagerCategory:  "管理職向け制度",
	msgAnyOpportunity:   "いずれか",
	msgCareerInterviews: "キャリア面談",

	msgRoleAdmin:          "管理者",
	msgRoleHR:             "人事",
	msgRoleExecutive:      "経営層",
	msgRoleDepartmentHead: "部門長",
	msgRoleAnalyst:        "アナリスト",

	msgThreeOpportunities:      "機会別の利用率",
	msgUsers:                   "利用者",
	msgNonUsers:                "非利用者",
	msgImpactChart:             "利用者と非利用者の12か月離職率（%s 在籍者）",
	msgUtilizationByDepartment: "部署別のキャリア面談・「挑戦する」「学ぶ」制度の利用率",
	msgUtilizationByGrade:      "等級別のキャリア面談・「挑戦する」「学ぶ」制度の利用率",
	msgOneOnOneByDepartment:    "部署別の1on1月次実施率",
	msgDriversChart:            "エンゲージメント指数との相関",
	msgEngagementTrend:         "年度別のエンゲージメント・キャリア満足度・制度満足度",
	msgHeatmapChart:            "部署別・テーマ別の肯定的回答率",
	msgAttritionTrend:          "年度別の離職率",
	msgBottleneckChart:         "マネージャーごとのチーム: %s と %s",
	msgFunnelChart:             "%s: この年度の応募の各段階",
	msgDays:                    "%d日",
	msgDaysFraction:            "%.1f日",
	msgKindPosting:             "社内公募",
	msgKindFA:                  "社内FA",
	msgKindSideJob:             "副業",
	msgActionApplied:           "応募",
	msgActionSelected:          "選考通過",
	msgActionTransferred:       "異動",
	msgActionApproved:          "承認",
	msgCohortChart:             "新卒入社年度別 1年目・2年目・3年目の離職率（全国平均との比較）",
	msgRetentionCurves:         "利用者と非利用者の在籍率（年度初日からの月次、カプラン・マイヤー法）",
	msgAttritionByDepartment:   "部署別の離職率",
	msgAttritionByTenure:       "勤続年数別の離職率",
	msgAttritionByGrade:        "等級別の離職率",
	msgComplianceDistribution:  "1on1実施率別のチーム数",
	msgTeams:                   "チーム",
	msgManagersByDivision:      "本部別の管理職の研修受講率・キャリア面談受診率",

	msgUnitPercent:     "%%",
	msgUnitPer100:      "100人あたり",
	msgUnitHours:       "時間",
	msgUnitCount:       "件・人",
	msgUnitJPY:         "円",
	msgUnitPoints:      "ポイント",
	msgUnitCorrelation: "相関係数",

	msgDatasetEmployees: "社員マスタ",
	msgDatasetPrograms:  "制度マスタ",
	msgDatasetEvents:    "制度利用履歴",
	msgDatasetSurveys:   "サーベイ定義",
	msgDatasetResponses: "サーベイ回答",

	msgStateLoading:   "取り込み中",
	msgStateCommitted: "取り込み済み",
	msgStateAborted:   "中断",
	msgStateUndone:    "取り消し済み",
	msgStateReplaced:  "差し替え済み",

	msgLoadedRows:    "%d 行を取り込みました。",
	msgRejectedRows:  "不正な %d 行を除外しました。",
	msgDuplicateLoad: "この内容は取り込み済みです（バッチ %s）。何も追加していません。",
	msgCheckedRows:   "%d 行を取り込めます。警告 %d 件。",
	msgInvalidLoad:   "エラー %d 件、警告 %d 件。",

	// The templates' messages.
	"%% favorable": "肯定的回答率",
	"%d rows":      "%d 行",
	"12-month attrition of the employees on the first day of %s who used the programs that year, against those who did not, with 95%% intervals.": "%s の初日に在籍した社員のうち、その年度に制度を利用した社員と利用しなかった社員の12か月離職率（95%%信頼区間つき）。",
	"1on1 monthly compliance": "1on1 月次実施率",
	"Add a user":              "ユーザーを追加",
	"Add":                     "追加",
	"Added %s. Their password, shown only now: ": "%s を追加しました。パスワード（表示は今回のみ）: ",
	"All departments":                    "全部署",
	"All employment types":               "全雇用形態",
	"All grades":                         "全等級",
	"All":                                "全体",
	"As a table":                         "表で見る",
	"Back to the overview":               "概要に戻る",
	"Better when":                        "望ましい方向",
	"Break down by":                      "内訳",
	"By":                                 "実行者",
	"Change against the previous survey": "前回調査との差",
	"Change":                             "増減",
	"Changed":                            "更新日時",
	"Check of %s":                        "%s の検証結果",
	"Check":                              "検証する",
	"Checking loads nothing: the report lists every problem by file, line and column, and the rows are loaded only when you confirm.": "検証では何も取り込みません。問題はファイル・行・列ごとに一覧表示され、確認後に初めて取り込まれます。",
	"Checking the files…": "ファイルを検証しています…",
	"Loading the rows and bringing every figure up to date: for a large company this takes up to a minute.": "取り込んで、すべての数値を更新しています。大きな会社では1分ほどかかります。",
	"Column":      "列",
	"Computed by": "計算するSQL",
	"Correlation of each item with the engagement index across identified respondents.": "記名式サーベイの回答者について、各設問とエンゲージメント指数の相関。",
	"Dataset":                       "データの種類",
	"Definition":                    "定義",
	"Department":                    "部署",
	"Departments":                   "部署",
	"Difference (95%% interval)":    "差（95%%信頼区間）",
	"Discard":                       "破棄する",
	"Divisions":                     "本部",
	"Do program users stay longer?": "制度の利用者は長く働き続けているか",
	"Drivers":                       "ドライバー分析",
	"Drop CSV, XLSX or JSON Lines files here, or choose them.":             "CSV・XLSX・JSON Lines ファイルをここにドロップするか、選択してください。",
	"Showing %d of %d teams: choose a department to see all of its teams.": "%d / %d チームを表示しています。部署を選ぶと、その部署の全チームを表示します。",
	"Each manager's team, the teams that hold the fewest 1on1s first.":     "管理職ごとのチーム。1on1の実施が少ないチームから順に表示します。",
	"Employment type":             "雇用形態",
	"Engagement index, non-users": "エンゲージメント指数（非利用者）",
	"Engagement index, users":     "エンゲージメント指数（利用者）",
	"Engagement over the years":   "エンゲージメントの推移",
	"Every figure careerkpi shows, as it is computed. Survey figures from fewer than %d respondents are withheld, and so are those that would let a reader subtract their way to them.": "careerkpi が表示するすべての指標とその計算方法です。回答者が %d 人未満のサーベイ結果と、差し引きでそれを推定できてしまう数値は表示しません。",
	"Figures from fewer than %d respondents, and those that would reveal them, are withheld.":                                                                                           "回答者が %d 人未満の数値と、それを推定できてしまう数値は表示しません。",
	"File":        "ファイル",
	"Fiscal year": "年度",
	"Formula":     "計算式",
	"Grade":       "等級",
	"How many teams hold a 1on1 in each share of their employee-months.": "在籍月のうち1on1を実施した月の割合ごとのチーム数。",
	"Items": "設問",
	"Line":  "行",
	"Load the valid rows and leave out the invalid ones": "正しい行だけ取り込み、不正な行は除外する",
	"Load these rows":              "この内容で取り込む",
	"Loaded":                       "取り込み日時",
	"Log out":                      "ログアウト",
	"Manager":                      "上司",
	"Managers' own uptake":         "管理職自身の利用",
	"Mapping file (YAML)":          "マッピングファイル（YAML）",
	"Metric":                       "指標",
	"Name":                         "表示名",
	"Nothing has been loaded yet.": "まだ何も取り込まれていません。",
	"Nothing was loaded. Correct the files and check them again.":                                                     "何も取り込んでいません。ファイルを修正して、もう一度検証してください。",
	"Only a few use it? The share of each grade that had a career interview, or used a challenge or a learn program.": "「一部の人しか使っていない」のか。等級ごとの、キャリア面談・「挑戦する」「学ぶ」制度の利用率。",
	"Opportunity": "機会",
	"Options":     "オプション",
	"Pages":       "ページ",
	"Password":    "パスワード",
	"Period":      "期間",
	"Problem":     "問題",
	"Program":     "制度",
	"Programs":    "制度別",
	"The report and the API read the latest published version of a period; the pages show the live figures.": "レポートとAPIは期間の最新の公開版を読みます。画面には最新の数値を表示します。",
	"Publishing %s":                              "%s を公開中",
	"%d of %d figures, started %s by %s.":        "%d / %d 件の数値（%s に %s が開始）。",
	"Published %s as version %d.":                "%s を第 %d 版として公開しました。",
	"The publish failed: %s":                     "公開に失敗しました: %s",
	"Publish this fiscal year as a new version?": "この年度を新しい版として公開しますか？",
	"published":                       "公開版",
	"live":                            "最新",
	"Published versions":              "公開版",
	"Published":                       "公開日時",
	"Excel report":                    "Excelレポート",
	"Nothing has been published yet.": "まだ公開されていません。",
	"Publishing freezes every metric at every standard cut for a period, with a version, a timestamp and who published it, so that a figure shown to the board never changes under it.": "公開すると、期間のすべての指標を標準の切り口ごとに、版・日時・公開者とともに確定します。経営会議に出した数値が後から変わることはありません。",
	"Rates of periods shorter than a year are annualised.": "1年未満の期間の率は年換算しています。",
	"Remove this user? Their sessions end.":                "このユーザーを削除しますか？ログイン中のセッションも終了します。",
	"Remove":                                               "削除",
	"Removed %s.":                                          "%s を削除しました。",
	"Replace the load of a file with the same name":        "同じ名前のファイルの取り込みを差し替える",
	"Respondents":                                          "回答者数",
	"Role":                                                 "ロール",
	"Rows":                                                 "行数",
	"Save":                                                 "保存",
	"Changes saved: %d.":                                   "%d 件の変更を保存しました。",
	"Scope (department heads: their department or division)": "範囲（部門長のみ：担当の部署または本部）",
	"Scope": "範囲",
	"Share of employees who used a program of each opportunity: to know, to take on challenges, to learn.": "「知る」「挑戦する」「学ぶ」の各機会の制度を利用した社員の割合。",
	"Sheet of an XLSX file":              "XLSX のシート",
	"Show":                               "表示",
	"Snapshot date of an employees file": "社員マスタの基準日",
	"Source":                             "ファイル",
	"State":                              "状態",
	"Survey the responses answer":        "回答の対象サーベイ",
	"Target":                             "目標",
	"Targets appear on the tiles and in the report. A target set here replaces the configuration file's; an emptied field clears it.": "目標値は各指標のタイルとレポートに表示されます。ここで設定した値は設定ファイルの値より優先され、空欄にすると目標値を削除します。",
	"Had a career interview":                          "キャリア面談を受けた割合",
	"Team at the period end":                          "期末のチーム人数",
	"The name or the password is wrong.":              "ユーザー名またはパスワードが違います。",
	"The three opportunities":                         "3つの機会",
	"Themes":                                          "テーマ",
	"Undid the load of %s (%s, %d rows).":             "%s の取り込み（%s、%d 行）を取り消しました。",
	"Undo this load? Its rows stop counting at once.": "この取り込みを取り消しますか？その行は直ちに集計から外れます。",
	"Undo":                      "取り消す",
	"Unit":                      "単位",
	"Upload a dataset":          "データをアップロード",
	"User name":                 "ユーザー名",
	"Utilization by grade":      "等級別の利用率",
	"Utilization by department": "部署別の利用率",
	"Whole year":                "通年",
	"and %d more":               "ほか %d 件",
	"careerkpi makes up the password and shows it once.": "パスワードは careerkpi が生成し、一度だけ表示します。",
	"higher":                   "高いほど良い",
	"lower":                    "低いほど良い",
	"not enough responses":     "回答数不足のため非表示",
	"vs %s":                    "%s比",
	"warning":                  "警告",
	"日本語":                      "English",
	"Attrition over the years": "離職率の推移",
	"month %d":                 "%dか月",
	"Adjusted for grade, tenure and hire type": "等級・勤続年数・採用区分をそろえた比較",
	"Comparison":                  "比較",
	"Strata compared":             "比較した層",
	"As observed (all employees)": "そのまま（全社員）",
	"Within strata of grade × tenure band × hire type (Mantel–Haenszel)": "等級×勤続年数×採用区分の層ごと（マンテル・ヘンツェル法）",
	"The difference in 12-month attrition, users minus non-users, first as observed, then compared only within strata of people alike in grade, tenure band and hire type on the first day of the year.": "12か月以内の離職率の差（利用者−非利用者）。まずそのままの差、次に年度初日の等級・勤続年数・採用区分が同じ層の中だけで比べた差です。",
	"Users and non-users barely overlap: %d users and %d non-users are in strata without the other side, %d and %d in strata with fewer than %d on a side. Read the adjusted difference with care.":      "利用者と非利用者の重なりがわずかです。相手側のいない層に利用者 %d 人・非利用者 %d 人、片側が %[5]d 人未満の層に %[3]d 人・%[4]d 人がいます。調整後の差は慎重に読んでください。",
	"Retention over 24 months": "24か月の在籍率",
	"Followed through %s.":     "%s まで追跡。",
	"Log-rank test: χ² = %.2f (1 degree of freedom), p %s; users who left: %d, %.1f expected if both retained alike.": "ログランク検定: χ² = %.2f（自由度1）、p %s。離職した利用者 %d 人（在籍率が同じなら %.1f 人）。",
	"Month":                "経過月",
	"Users' retention":     "利用者の在籍率",
	"Non-users' retention": "非利用者の在籍率",
	"At risk":              "追跡中",
	"Applications of %s to internal postings, FA and side jobs, and how far they went: the count at each step, the share of the step before and of the applications, and the median days from the step before. An application is an employee's first to a program in the year; its later steps count when they come after the year.": "%s の社内公募・社内FA・副業への応募と、その進み具合。各段階の件数、前の段階と応募に対する割合、前の段階からの日数の中央値。応募は社員ごと・制度ごとにその年度の最初の1件で、後の段階は年度をまたいでも数えます。",
	"Step":                 "段階",
	"Of the step before":   "前段階比",
	"Of applications":      "応募比",
	"Median days":          "日数（中央値）",
	"Turned down":          "不採用・否認",
	"Still open":           "選考中",
	"%s by %s":             "%s（%s別）",
	"Count":                "件数",
	"New-graduate cohorts": "新卒入社コホート",
	"The new graduates who joined in each fiscal year, and the share of them who left in their first, second and third year after joining. A year not yet over for every member is in progress.": "各年度に入社した新卒社員と、そのうち入社1年目・2年目・3年目に離職した人の割合。全員がその年を終えていない年は集計中です。",
	"The data reach %s.":      "データは %s まで。",
	"Cohort":                  "入社年度",
	"Hires":                   "入社者数",
	"Year 1":                  "1年目",
	"Year 2":                  "2年目",
	"Year 3":                  "3年目",
	"Within three years":      "3年以内",
	"Joined %s":               "%s入社",
	"in progress (%d so far)": "集計中（現在 %d 人）",
	"National (graduated %s)": "全国・大卒（%s卒）",
	"National, employers of 1,000 or more (graduated %s)":       "全国・大卒・従業員1,000人以上（%s卒）",
	"National figures: university graduates, %s, published %s.": "全国の数値: 大学卒業者、%s、%s 公表。",
	"Attrition rates: %s.":          "離職率の計算式: %s。",
	"The manager as the bottleneck": "ボトルネックはマネージャー",
	"Each dot is a manager's team over %s: how often it holds 1on1s against how engaged it is and how many of it left. Teams of fewer than %d people at the year's end are not shown (%d teams), nor a team's engagement where too few answered.": "点はマネージャーごとのチーム（%s）です。1on1の実施率と、エンゲージメント・離職率の関係を示します。年度末に %d 人未満のチーム（%d チーム）は表示せず、回答者が少ないチームのエンゲージメントも表示しません。",
	"Correlation across teams": "チーム間の相関",
	"Correlation (r)":          "相関係数（r）",
	"Against":                  "対象",
	"Team figure":              "チームの指標",
	"An association across teams, not a cause.": "チーム間の関連であり、因果関係を示すものではありません。",
}

var (
	languages = []language.Tag{language.English, language.Japanese}
	matcher   = language.NewMatcher(languages)
	cat       = func() catalog.Catalog {
		b := catalog.NewBuilder(catalog.Fallback(language.English))
		for en, ja := range messages {
			b.SetString(language.English, en, en)
			b.SetString(language.Japanese, en, ja)
		}
		return b
	}()
)
